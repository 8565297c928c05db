"""What command and control said about a call's incidents, as the agent's desktop shows it.

Contact does not read command and control's tables (it may not import it); it hears by event,
each answer kept once as a desk entry however often it is delivered (payloads:
synergy/cad/call_links.py):

- `cad.incident_opened_for_call` -> `incident_opened`: the log number of the incident a
  handover or the agent's request raised.
- `cad.call_linked` -> `link_confirmed`: the link the agent asked for is on that incident's log
  (`incident_status` says whether the incident is closed).
- `cad.call_link_refused` -> `link_refused`, with the reason: until one of these two arrives the
  desktop says the link is waiting for command and control.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.contact.desk.models import DeskEntry, EntryKind
from synergy.contact.models import ContactCall

INCIDENT_OPENED_FOR_CALL = "cad.incident_opened_for_call"
CALL_LINKED = "cad.call_linked"
CALL_LINK_REFUSED = "cad.call_link_refused"
COMMAND_AND_CONTROL = "command and control"


def _record_once(
    session: Session, payload: dict[str, Any], kind: str, text: str, same: str
) -> DeskEntry | None:
    """A desk entry for command and control's answer, unless one with the same `same` value
    is already there; None for a call contact does not have."""
    call_id = int(payload["call_id"])
    if session.get(ContactCall, call_id) is None:
        return None
    query = select(DeskEntry).where(DeskEntry.call_id == call_id, DeskEntry.kind == kind)
    for earlier in session.execute(query).scalars():
        if (earlier.details or {}).get(same) == payload.get(same):
            return earlier
    details = {k: payload.get(k) for k in ("log_number", "link_entry", "incident_status")}
    entry = DeskEntry(
        call_id=call_id,
        author=COMMAND_AND_CONTROL,
        kind=kind,
        text=text[:5_000],
        details={k: v for k, v in details.items() if v is not None},
    )
    session.add(entry)
    session.flush()
    return entry


def record_incident_opened(session: Session, payload: dict[str, Any]) -> DeskEntry | None:
    log_number = str(payload["log_number"])
    return _record_once(session, payload, EntryKind.INCIDENT_OPENED, log_number, "log_number")


def record_link_confirmed(session: Session, payload: dict[str, Any]) -> DeskEntry | None:
    text = str(payload["log_number"])
    if payload.get("incident_status") == "closed":
        text += " (the incident is closed)"
    return _record_once(session, payload, EntryKind.LINK_CONFIRMED, text, "link_entry")


def record_link_refused(session: Session, payload: dict[str, Any]) -> DeskEntry | None:
    reason = str(payload.get("reason") or "Command and control could not link it")
    text = f"{payload.get('log_number')}: {reason}"
    return _record_once(session, payload, EntryKind.LINK_REFUSED, text, "link_entry")


@dataclass
class CallIncident:
    """One line of the desktop's "Incidents in command and control"."""

    log_number: str
    state: str  # raised, linked, linked_closed, waiting, refused
    reason: str = ""


@dataclass
class CallIncidents:
    items: list[CallIncident] = field(default_factory=list)

    @property
    def log_numbers(self) -> list[str]:
        """The incidents command and control says this call is on."""
        held = ("raised", "linked", "linked_closed")
        return list(dict.fromkeys(i.log_number for i in self.items if i.state in held))


def incidents_of(entries: list[DeskEntry]) -> CallIncidents:
    """The call's incidents from its desk entries (oldest first)."""
    answers = {
        (e.details or {}).get("link_entry"): e
        for e in entries
        if e.kind in (EntryKind.LINK_CONFIRMED, EntryKind.LINK_REFUSED)
    }
    found = CallIncidents()
    for entry in entries:
        details = entry.details or {}
        if entry.kind == EntryKind.INCIDENT_OPENED:
            found.items.append(CallIncident(str(details.get("log_number")), "raised"))
        elif entry.kind == EntryKind.INCIDENT_LINKED:
            found.items.append(_link_state(entry, answers.get(entry.id)))
    return found


def _link_state(link: DeskEntry, answer: DeskEntry | None) -> CallIncident:
    asked = str((link.details or {}).get("log_number") or link.text)
    if answer is None:
        return CallIncident(asked, "waiting")
    details = answer.details or {}
    number = str(details.get("log_number") or asked)
    if answer.kind == EntryKind.LINK_REFUSED:
        reason = answer.text.split(": ", 1)[-1]
        return CallIncident(number, "refused", reason)
    closed = details.get("incident_status") == "closed"
    return CallIncident(number, "linked_closed" if closed else "linked")
