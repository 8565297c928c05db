"""A taken call on the agent desktop: talking with the caller, notes, incidents and the outcome.

Every operation checks the call belongs to the member of staff acting (they took it) and is
audited. Messages both ways are turns of the conversation, so the transcript is one list.
Incidents go to command and control by event only: `contact.incident_requested` (it raises an
incident, or adds to the log of the one the call already has) and `contact.incident_linked`;
what it answers is kept by synergy/contact/desk/incidents.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.contact.desk.access import may_read
from synergy.contact.desk.models import DeskEntry, DeskOutcome, EntryKind
from synergy.contact.models import CallStatus, ContactCall, ContactTurn, number_next_turn
from synergy.contact.service import staff_queue
from synergy.contact.service.conversations import CALLER_ACTOR
from synergy.core import audit, events
from synergy.core.db import utcnow
from synergy.core.errors import Conflict, Forbidden, InvalidRequest, NotFound
from synergy.core.references import ReferenceFormatError, ReferenceKind, parse_reference

INCIDENT_REQUESTED = "contact.incident_requested"
INCIDENT_LINKED = "contact.incident_linked"
MAX_TEXT = 5_000
CLOSING_CODES = {
    "advice_given": "Advice given, no further police action",
    "incident_raised": "Incident raised for command and control",
    "crime_recorded": "Crime report taken",
    "signposted": "Signposted to support services",
    "referred_partner": "Referred to a partner agency",
    "callback_booked": "Callback booked",
    "caller_left": "Caller left before they were helped",
    "not_police_matter": "Not a police matter",
}


def _clean(text: str, *, what: str) -> str:
    cleaned = " ".join(text.split()) if "\n" not in text else text.strip()
    if not cleaned:
        raise InvalidRequest(f"Enter {what}")
    if len(cleaned) > MAX_TEXT:
        raise InvalidRequest(f"{what.capitalize()} must be {MAX_TEXT:,} characters or fewer")
    return cleaned


def call_of_agent(session: Session, *, call_id: int, agent: str) -> ContactCall:
    """The call, if this member of staff took it and it is still theirs to act on."""
    call = staff_queue.get_call(session, call_id=call_id)
    if not may_read(call, username=agent):
        raise NotFound("There is no call with that number")
    if call.taken_by != agent:
        raise Forbidden("Only the member of staff who took this call can act on it")
    return call


def _entry(
    session: Session, call: ContactCall, agent: str, kind: str, text: str, **details: Any
) -> DeskEntry:
    entry = DeskEntry(call_id=call.id, author=agent, kind=kind, text=text, details=details)
    session.add(entry)
    session.flush()
    audit.record(
        session,
        action=f"contact.desk_{kind}",
        actor=agent,
        target_type="contact_call",
        target_id=call.id,
        details={"entry": entry.id, **details},
    )
    return entry


def _add_turn(
    session: Session, call: ContactCall, *, speaker: str, text: str, decision: str
) -> ContactTurn:
    turn = ContactTurn(
        call=call, seq=number_next_turn(call), speaker=speaker, text=text, decision=decision
    )
    session.add(turn)
    call.updated_at = utcnow()
    session.flush()
    return turn


def send_to_caller(session: Session, *, call_id: int, agent: str, text: str) -> ContactTurn:
    """A message from the agent to a web chat caller; their page shows it by itself."""
    call = call_of_agent(session, call_id=call_id, agent=agent)
    if call.status != CallStatus.TAKEN:
        raise Conflict("This call has been closed: the caller can no longer be messaged")
    if call.channel == "voice":
        raise Conflict("This caller is on the phone: speak to them through the call")
    turn = _add_turn(
        session,
        call,
        speaker="agent",
        text=_clean(text, what="a message"),
        decision="agent_message",
    )
    audit.record(
        session,
        action="contact.desk_message_sent",
        actor=agent,
        target_type="contact_call",
        target_id=call.id,
        details={"turn": turn.seq},
    )
    return turn


def reply_from_caller(
    session: Session, *, call: ContactCall, text: str, source_ip: str | None
) -> ContactTurn:
    """What a handed-over caller adds while they wait for, or talk with, a person."""
    if call.status not in (CallStatus.WAITING, CallStatus.TAKEN):
        raise Conflict("This conversation has finished. Start a new one, or call 101.")
    turn = _add_turn(
        session, call, speaker="caller", text=_clean(text, what="your message"), decision="to_agent"
    )
    audit.record(
        session,
        action="contact.desk_caller_message",
        actor=CALLER_ACTOR,
        target_type="contact_call",
        target_id=call.id,
        source_ip=source_ip,
        details={"turn": turn.seq},
    )
    return turn


def add_note(session: Session, *, call_id: int, agent: str, text: str) -> DeskEntry:
    call = call_of_agent(session, call_id=call_id, agent=agent)
    return _entry(session, call, agent, EntryKind.NOTE, _clean(text, what="a note"))


def raise_incident(session: Session, *, call_id: int, agent: str, text: str) -> DeskEntry:
    """Ask command and control for an incident with what the caller said and the agent's note;
    if the call already has one (a handover raises one), the note goes on its log."""
    call = call_of_agent(session, call_id=call_id, agent=agent)
    note = _clean(text, what="what command and control needs to know")
    entry = _entry(session, call, agent, EntryKind.INCIDENT_RAISED, note)
    payload = {
        "call_id": call.id,
        "flow": call.intent or "information_report",
        "intent": call.intent,
        "channel": call.channel,
        "risk": call.risk,
        "queue": call.queue,
        "vulnerabilities": list(call.vulnerabilities or []),
        "language": call.language,
        "summary": f"Contact agent {agent}: {note}",
        "details": {**_caller_details(call), "what": note},
        "raised_by": agent,
    }
    events.publish(session, INCIDENT_REQUESTED, payload, key=f"contact-desk-incident-{entry.id}")
    return entry


def _caller_details(call: ContactCall) -> dict[str, Any]:
    details = (call.state or {}).get("details") or {}
    return dict(details) if isinstance(details, dict) else {}


def link_incident(session: Session, *, call_id: int, agent: str, log_number: str) -> DeskEntry:
    """Ask command and control to put this call on an incident it already has; the desktop
    says "linked" only once it answers (see synergy/contact/desk/incidents.py)."""
    call = call_of_agent(session, call_id=call_id, agent=agent)
    try:
        parsed = parse_reference(log_number[:100], kinds=[ReferenceKind.INCIDENT_LOG])
    except ReferenceFormatError:
        raise InvalidRequest("Enter an incident log number, like LOG 0001-25112026") from None
    entry = _entry(
        session,
        call,
        agent,
        EntryKind.INCIDENT_LINKED,
        parsed.canonical,
        log_number=parsed.canonical,
    )
    events.publish(
        session,
        INCIDENT_LINKED,
        {"call_id": call.id, "log_number": parsed.canonical, "agent": agent, "entry_id": entry.id},
        key=f"contact-desk-link-{entry.id}",
    )
    return entry


def record_outcome(
    session: Session, *, call_id: int, agent: str, closing_code: str, text: str
) -> DeskOutcome:
    """Close the call with a closing code; the caller's page says it has finished."""
    call = call_of_agent(session, call_id=call_id, agent=agent)
    if closing_code not in CLOSING_CODES:
        raise InvalidRequest("Choose a closing code")
    if session.get(DeskOutcome, call.id) is not None or call.status != CallStatus.TAKEN:
        raise Conflict("This call already has an outcome")
    outcome = DeskOutcome(
        call_id=call.id, closing_code=closing_code, agent=agent, text=text.strip()[:MAX_TEXT]
    )
    session.add(outcome)
    call.status = CallStatus.CLOSED
    call.updated_at = utcnow()
    _entry(
        session,
        call,
        agent,
        EntryKind.OUTCOME,
        CLOSING_CODES[closing_code],
        closing_code=closing_code,
    )
    return outcome


def entries_for(session: Session, *, call_id: int) -> list[DeskEntry]:
    query = select(DeskEntry).where(DeskEntry.call_id == call_id).order_by(DeskEntry.id)
    return list(session.execute(query).scalars())


def outcome_for(session: Session, *, call_id: int) -> DeskOutcome | None:
    return session.get(DeskOutcome, call_id)


@dataclass(frozen=True)
class MyCall:
    call: ContactCall
    outcome: DeskOutcome | None
    entries: list[DeskEntry]


def my_calls(session: Session, *, agent: str, limit: int = 100) -> list[MyCall]:
    """The calls this member of staff took, newest first, with what happened to each."""
    calls = (
        session.execute(
            select(ContactCall)
            .where(ContactCall.taken_by == agent)
            .order_by(ContactCall.taken_at.desc())
            .limit(limit)
        )
        .scalars()
        .all()
    )
    ids = [call.id for call in calls]
    outcomes = {
        o.call_id: o
        for o in session.execute(select(DeskOutcome).where(DeskOutcome.call_id.in_(ids))).scalars()
    }
    entries: dict[int, list[DeskEntry]] = {}
    query = select(DeskEntry).where(DeskEntry.call_id.in_(ids)).order_by(DeskEntry.id)
    for entry in session.execute(query).scalars():
        entries.setdefault(entry.call_id, []).append(entry)
    return [MyCall(call, outcomes.get(call.id), entries.get(call.id, [])) for call in calls]
