"""People, vehicles and places named in an entry, for sending to other systems pre-filled.

Notes follow the usual convention of writing family names in capitals ("John SMITH"), which
is what this looks for; anything it misses the officer adds on the form, and nothing is sent
until the officer confirms. Signatures name people too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from synergy.notebook.links import POSTCODE, STREET
from synergy.notebook.schemas import EntryContent

PERSON = re.compile(
    r"\b((?:[A-Z][a-z]+(?:-[A-Z][a-z]+)? ){1,3})([A-Z]{2,}(?:[-'][A-Z]{2,})?)\b"
    r"(?:[^.\n]{0,20}?\b(?:born|DOB|dob|d\.o\.b\.?)[: ]*(\d{1,2})/(\d{1,2})/(\d{4}))?"
)
# Capitalised words that start sentences in notes rather than names.
NOT_NAMES = frozenset(
    [
        "stopped",
        "saw",
        "spoke",
        "met",
        "arrested",
        "interviewed",
        "searched",
        "told",
        "asked",
        "called",
        "with",
        "and",
        "then",
        "the",
        "at",
        "to",
        "from",
        "by",
        "for",
        "of",
        "on",
        "in",
        "near",
        "outside",
        "inside",
        "attended",
        "found",
        "seen",
        "says",
        "said",
        "driver",
        "passenger",
        "witness",
        "victim",
        "suspect",
        "owner",
        "occupant",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
    ]
)
VEHICLE = re.compile(r"\b([A-Z]{2}[0-9]{2} ?[A-Z]{3})\b")


@dataclass(frozen=True)
class PersonMention:
    given_names: str
    family_name: str
    date_of_birth: dt.date | None = None
    role: str | None = None


@dataclass(frozen=True)
class Mentions:
    people: list[PersonMention]
    vehicles: list[str]
    places: list[str]


def _birth(day: str | None, month: str | None, year: str | None) -> dt.date | None:
    if not (day and month and year):
        return None
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def find_mentions(content: EntryContent) -> Mentions:
    people: dict[tuple[str, str], PersonMention] = {}
    for match in PERSON.finditer(content.text):
        words = match.group(1).split()
        while words and words[0].lower() in NOT_NAMES:
            words.pop(0)
        given, family = " ".join(words), match.group(2).title()
        if not given:
            continue
        if VEHICLE.fullmatch(match.group(2)) or POSTCODE.fullmatch(match.group(2)):
            continue
        key = (given.lower(), family.lower())
        born = _birth(match.group(3), match.group(4), match.group(5))
        people.setdefault(key, PersonMention(given, family, born))
    for signature in content.signatures:
        if signature.role.value == "officer":
            continue
        *first_names, family = signature.name.split() or [""]
        key = (" ".join(first_names).lower(), family.lower())
        if first_names and key not in people:
            people[key] = PersonMention(
                " ".join(first_names), family.title(), role=signature.role.value
            )
    vehicles = sorted({m.group(1).replace(" ", "") for m in VEHICLE.finditer(content.text)})
    places = [m.group() for m in STREET.finditer(content.text)]
    places += [
        m.group()
        for m in POSTCODE.finditer(content.text)
        if not any(m.group() in p for p in places)
    ]
    return Mentions(list(people.values()), vehicles, places)
