"""The flows: for each intent, what the assistant does and which details it collects.

A flow is data, so adding or changing one is a change here and nowhere else. A `RECORD` flow
collects its slots, reads them back, and on "yes" publishes `topic` and gives the caller a
reference; `UPDATE` sends a message to the officer in the case; `ADVICE` and `SIGNPOST`
answer at once; `HANDOVER` passes the caller to a person. Which queue is not the flow's to say:
it follows the triage route (`outcomes.route_queue`), so a welfare concern with no words to show
for it waits in the normal queue like any other call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from synergy.contact.dialogue import answers
from synergy.contact.understanding.types import Intent

CRIME_REPORT_DRAFTED = "contact.crime_report_drafted"
INCIDENT_REQUESTED = "contact.incident_requested"
UPDATE_REQUESTED = "contact.update_requested"
HANDOVER_REQUESTED = "contact.handover_requested"


class FlowKind(StrEnum):
    RECORD = "record"
    UPDATE = "update"
    ADVICE = "advice"
    SIGNPOST = "signpost"
    HANDOVER = "handover"


@dataclass(frozen=True)
class Slot:
    name: str
    question: str
    label: str  # how the read-back names it
    read: Callable[[str], Any]


def _free(what: str) -> Callable[[str], str]:
    return lambda text: answers.read_free_text(text, what=what)


SLOTS: dict[str, Slot] = {
    slot.name: slot
    for slot in (
        Slot("what", "Please tell me what happened.", "What happened", _free("what happened")),
        Slot(
            "location",
            "Where did it happen? Please give the postcode, like B5 4TR. If you do not know "
            "it, tell me the street and the town.",
            "Where",
            answers.read_location,
        ),
        Slot(
            "when",
            "When did it happen? For example: yesterday at about 10pm.",
            "When",
            _free("when it happened"),
        ),
        Slot(
            "reference",
            "What is your crime number or incident log number? If you do not have one, "
            "say 'no reference'.",
            "Reference",
            answers.read_reference,
        ),
        Slot(
            "message",
            "What would you like to tell or ask the officer dealing with it?",
            "Your message",
            _free("your message for the officer"),
        ),
        Slot("name", "What is your full name?", "Your name", answers.read_name),
        Slot(
            "phone",
            "What is the best phone number to contact you on?",
            "Your phone number",
            answers.read_phone,
        ),
        Slot(
            "item",
            "What have you lost or found, and roughly where?",
            "Item",
            _free("what you have lost or found"),
        ),
        # What crime recording needs for the common crimes (see CRIME_SLOTS).
        Slot(
            "stolen",
            "What was stolen? Describe each item, with its make, model and colour if you can.",
            "What was stolen",
            _free("what was stolen"),
        ),
        Slot(
            "damaged",
            "What was damaged, and how?",
            "What was damaged",
            _free("what was damaged"),
        ),
        Slot(
            "entry",
            "How did they get in? For example, through a back window or by forcing the front "
            "door. Say 'not sure' if you do not know.",
            "How they got in",
            _free("how they got in"),
        ),
        Slot(
            "vehicle",
            "What is the vehicle's registration number, and its make, model and colour?",
            "Vehicle",
            _free("the vehicle's registration, make, model and colour"),
        ),
        Slot(
            "loss",
            "Was anything stolen from the vehicle or damaged? Please describe it.",
            "Stolen or damaged",
            _free("what was stolen or damaged"),
        ),
        Slot(
            "value",
            "Roughly how much is it worth, or how much will it cost to put right? Say 'not "
            "sure' if you do not know.",
            "Value",
            _free("roughly what it is worth"),
        ),
        Slot(
            "marks",
            "Does it have anything that could identify it, such as a serial number, frame "
            "number, IMEI number, engraving or property marking? Say 'none' if not.",
            "Identifying marks",
            _free("any serial number or marks, or say none"),
        ),
        Slot(
            "suspects",
            "Did you see who did it, or do you know who might have? If so, describe them. Say "
            "'no' if not.",
            "Who did it",
            _free("anything you know about who did it, or say no"),
        ),
        Slot(
            "witnesses",
            "Did anyone else see it happen? If so, how could we contact them? Say 'no' if not.",
            "Witnesses",
            _free("whether anyone else saw it, or say no"),
        ),
        Slot(
            "cctv",
            "Is there any CCTV, doorbell or dashcam video that might show what happened? Say "
            "'no' or 'not sure'.",
            "CCTV or video",
            _free("whether there is any CCTV or video, or say no"),
        ),
    )
}

# The questions each common crime needs for recording, asked after where and when and before
# the caller's name and phone. The crime type is read from what the caller says happened
# (crime_details.crime_type).
CRIME_SLOTS: dict[str, tuple[str, ...]] = {
    "theft": ("stolen", "value", "marks", "suspects", "witnesses", "cctv"),
    "burglary": ("entry", "stolen", "value", "marks", "suspects", "witnesses", "cctv"),
    "vehicle": ("vehicle", "loss", "value", "marks", "suspects", "witnesses", "cctv"),
    "damage": ("damaged", "value", "suspects", "witnesses", "cctv"),
    "other": ("suspects", "witnesses", "cctv"),
}


@dataclass(frozen=True)
class Flow:
    name: str
    kind: FlowKind
    opening: str = ""
    slots: tuple[str, ...] = ()
    topic: str | None = None
    record: str = ""  # what the caller is told was created, e.g. "crime report"


_REPORT_SLOTS = ("what", "location", "when", "name", "phone")

FLOWS: dict[Intent, Flow] = {
    Intent.CRIME_REPORT: Flow(
        "crime_report", FlowKind.RECORD, "I can take a crime report.", _REPORT_SLOTS,
        CRIME_REPORT_DRAFTED, "crime report",
    ),
    Intent.ANTISOCIAL_BEHAVIOUR: Flow(
        "antisocial_behaviour", FlowKind.RECORD, "I can record antisocial behaviour.",
        _REPORT_SLOTS, INCIDENT_REQUESTED, "antisocial behaviour report",
    ),
    Intent.ROAD_TRAFFIC: Flow(
        "road_traffic", FlowKind.RECORD, "I can record a road traffic report.", _REPORT_SLOTS,
        INCIDENT_REQUESTED, "road traffic report",
    ),
    Intent.INFORMATION_REPORT: Flow(
        "information_report", FlowKind.RECORD, "Thank you for passing on information.",
        _REPORT_SLOTS, INCIDENT_REQUESTED, "information report",
    ),
    Intent.UPDATE_EXISTING: Flow(
        "update_request", FlowKind.UPDATE, "I can ask the officer dealing with it to update you.",
        ("reference", "name", "phone", "message"), UPDATE_REQUESTED,
    ),
    Intent.CONTACT_OFFICER: Flow(
        "contact_officer", FlowKind.UPDATE, "I can pass a message to the officer in the case.",
        ("reference", "name", "phone", "message"), UPDATE_REQUESTED,
    ),
    Intent.LOST_FOUND_PROPERTY: Flow("lost_property", FlowKind.ADVICE, slots=("item",)),
    Intent.FRAUD_SCAM: Flow("fraud_signpost", FlowKind.SIGNPOST),
    Intent.NOT_POLICE_MATTER: Flow("signpost", FlowKind.SIGNPOST),
    Intent.GENERAL_ENQUIRY: Flow("general_enquiry", FlowKind.HANDOVER),
    Intent.CONCERN_FOR_WELFARE: Flow("welfare", FlowKind.HANDOVER),
    Intent.MISSING_PERSON: Flow("missing_person", FlowKind.HANDOVER),
    Intent.DOMESTIC_ABUSE: Flow("domestic_abuse", FlowKind.HANDOVER),
    Intent.EMERGENCY: Flow("emergency", FlowKind.HANDOVER),
}  # fmt: skip


def slots_for(flow: Flow, crime_type: str | None) -> tuple[str, ...]:
    """The details a flow collects; a crime report adds what its type of crime needs."""
    if flow.topic != CRIME_REPORT_DRAFTED or crime_type is None:
        return flow.slots
    first, last = flow.slots[:3], flow.slots[3:]  # what, where, when | name, phone
    return (*first, *CRIME_SLOTS.get(crime_type, CRIME_SLOTS["other"]), *last)


def flow_named(name: str) -> Flow:
    for flow in FLOWS.values():
        if flow.name == name:
            return flow
    raise KeyError(f"no flow named {name!r}")


def describe(slot_name: str, value: Any) -> str:
    """A slot's value as read back to the caller."""
    if slot_name == "location" and isinstance(value, dict):
        parts = [value.get("address", "")]
        if value.get("postcode") and value["postcode"] not in parts[0].upper():
            parts.append(value["postcode"])
        return ", ".join(part for part in parts if part)
    if slot_name == "phone":
        return f"{value[:5]} {value[5:]}"
    return str(value)
