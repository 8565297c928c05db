"""Crime reports: which common crime the caller describes, and the details they volunteer
before they are asked.

Callers tell their story in their own order ("my red Trek was taken from outside the gym on
Broad Street last night, frame number WTU123"). What they say once is kept, so they are not
asked for it again and nothing said at the "wrong" question is lost. Only details that can be
picked out safely are taken early: a time, a value in pounds, a serial or frame number, a
registration number. Anything else said alongside an answer is added to "what happened".
"""

from __future__ import annotations

import re
from typing import Any

from synergy.contact.dialogue import answers
from synergy.contact.dialogue.flows import SLOTS, Flow, slots_for
from synergy.contact.dialogue.state import ConversationState

THEFT, BURGLARY, VEHICLE, DAMAGE, OTHER = "theft", "burglary", "vehicle", "damage", "other"

# Checked in this order: "someone broke into my car and took my bag" is vehicle crime, not
# burglary or theft; "my bike was stolen" is theft.
_CRIME_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        BURGLARY,
        re.compile(
            r"\bburgl\w*|\b(?:broke|broken|breaking|break) ?in(?:to)? (?:my|our|the|his|her) "
            r"(?:house|home|flat|shed|garage|shop|office|property|place|garden)\b|\bbreak[- ]in\b"
            r"|\b(?:kicked|forced|smashed) (?:my|our|the) (?:front |back )?door\b",
            re.I,
        ),
    ),
    (
        VEHICLE,
        re.compile(
            r"\b(?:car|van|vehicle|lorry|motorbike|motorcycle|moped|scooter|catalytic "
            r"converters?|number ?plates?|wing mirrors?|windscreen)\b",
            re.I,
        ),
    ),
    (
        THEFT,
        re.compile(
            r"\b(?:stole|stolen|steal\w*|theft|thief|thieves|nicked|pinched|took|taken|"
            r"shoplift\w*|pickpocket\w*|snatched|robbed|missing from)\b",
            re.I,
        ),
    ),
    (
        DAMAGE,
        re.compile(
            r"\b(?:damag\w*|smash\w*|vandal\w*|graffiti|broke|broken|keyed|slashed|scratched|"
            r"egged|set fire|smashed)\b",
            re.I,
        ),
    ),
)

# A time of day or a date; "last night" alone is not enough, so the caller is still asked.
_WHEN = re.compile(
    r"\b(?:(?:yesterday|today|tonight|last night|this (?:morning|afternoon|evening)|"
    r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\s+)?"
    r"(?:(?:at|about|around|at about|at around)\s+)?"
    r"(?:\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm)\b|\d{1,2}:\d{2}\b)"
    r"|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b",
    re.I,
)
_VALUE = re.compile(
    r"(?:£\s?\d[\d,]*(?:\.\d{2})?|\b\d[\d,]* ?(?:pounds|quid)\b|\bworth (?:about |around )?"
    r"£?\d[\d,]*\b)",
    re.I,
)
_MARKS = re.compile(
    r"\b(?:frame|serial|imei|chassis|vin)(?: number| no\.?|:)? ?(?:is |was )?[A-Z0-9][A-Z0-9-]{3,}"
    r"|\b(?:engraved|postcoded|property marked|security marked)\b[^.,;]{0,40}",
    re.I,
)
# A current-style UK registration (AB12 CDE); older styles are taken as told when asked.
_REGISTRATION = re.compile(r"\b[A-Z]{2}[0-9]{2} ?[A-Z]{3}\b", re.I)
_CLAUSE_BREAK = re.compile(
    r"(?<=[.;!?])\s+|,\s*|\s+(?=(?:and )?(?:it|they|he|she|someone|somebody|the bike|the car)"
    r"(?:'s| was| were| is| are| had| has| took| stole| smashed)\b)",
    re.I,
)
_PLACE_WORDS = re.compile(
    r"\b(?:road|rd|street|st|lane|avenue|close|drive|way|crescent|place|grove|gardens|court|"
    r"terrace|square|hill|park|walk|row|green|mews|parade|estate|centre|station|outside|near|"
    r"opposite|behind|by the|at the)\b",
    re.I,
)


# A clause this long with no postcode or place word is a description ("it was a red Trek"),
# a shorter one a town or a building ("Birmingham", "the Co-op").
MIN_DESCRIPTION_WORDS = 4


def crime_type(text: str) -> str:
    """theft, burglary, vehicle, damage, or other when none of those is described."""
    for name, pattern in _CRIME_TYPES:
        if pattern.search(text):
            return name
    return OTHER


def volunteered(text: str) -> dict[str, str]:
    """The details that can be picked out of any sentence: when, value, marks, vehicle."""
    found: dict[str, str] = {}
    for slot, pattern in (("when", _WHEN), ("value", _VALUE), ("marks", _MARKS)):
        match = pattern.search(text)
        if match:
            found[slot] = match.group(0).strip(" ,.")
    registration = _REGISTRATION.search(text)
    if registration:
        found["vehicle"] = registration.group(0).upper()
    return found


def split_place(text: str, postcode: str | None) -> tuple[str, str]:
    """An answer to "where did it happen?" as (the place, anything else the caller said)."""
    clauses = [part.strip() for part in _CLAUSE_BREAK.split(text) if part and part.strip()]
    place: list[str] = []
    rest: list[str] = []
    for clause in clauses:
        squashed = clause.upper().replace(" ", "")
        has_postcode = postcode is not None and postcode.replace(" ", "") in squashed
        describes = len(clause.split()) >= MIN_DESCRIPTION_WORDS and not _PLACE_WORDS.search(clause)
        if place and (rest or (describes and not has_postcode)):
            rest.append(clause)
        else:
            place.append(clause)
    return ", ".join(place), ". ".join(rest)


def read_slot(state: ConversationState, name: str, text: str) -> Any:
    """A slot's answer; for the place, anything said beyond the place (a description given
    at the postcode question) is added to what happened rather than lost."""
    if name != "location":
        return SLOTS[name].read(text)
    place, rest = split_place(text, answers.normalise_postcode(text))
    try:
        location = answers.read_location(place) if rest else answers.read_location(text)
    except answers.NotUnderstood:
        return answers.read_location(text)
    if rest:
        rest = rest[:1].upper() + rest[1:]
        said = str(state.slots.get("what", "")).rstrip()
        stop = "" if said.endswith((".", "!", "?")) or not said else "."
        state.slots["what"] = f"{said}{stop} {rest}".strip()[: answers.MAX_ANSWER_CHARS]
    return location


def keep_volunteered(
    state: ConversationState, flow: Flow, text: str, *, answering: str | None
) -> None:
    """Set the crime type once what happened is known, and keep the details the caller gave
    before being asked (a time, a value, a frame number, a registration)."""
    if flow.name == "crime_report" and "what" in state.slots and state.crime_type is None:
        state.crime_type = crime_type(" ".join(state.history))
    wanted = slots_for(flow, state.crime_type)
    for name, value in volunteered(text).items():
        if name in wanted and name != answering and name not in state.slots:
            state.slots[name] = value
