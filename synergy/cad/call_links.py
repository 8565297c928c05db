"""101 calls and their incidents: links made from the contact agent's desktop, and what contact
is told back.

`contact.incident_linked` names a call and a log number. The incident gets a log line saying
which 101 call was linked, by whom, and where its transcript is, and it records the call (a
`contact_call` link, and the incident's call if it had none). Contact always hears back, so the
agent's desktop says "linked" only once command and control has it:

- `cad.call_linked`: `call_id`, `log_number`, `link_entry` (contact's id for the link, echoed),
  `incident_status` (`open` or `closed`: a closed incident takes the line on its log, as late
  information does, and the agent is told it is closed).
- `cad.call_link_refused`: the same `call_id`, `log_number`, `link_entry`, and `reason` in plain
  English (no incident has that log number, or it is not a log number).
- `cad.incident_opened_for_call`: `call_id`, `log_number`, `incident_id`, when an incident is
  opened for a 101 call (an agent's request or a handover), so the desktop shows its number.

A link event seen before changes nothing and publishes nothing again; a refusal delivered twice
is published twice and contact keeps it once.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.cad import service
from synergy.cad.models import Incident, IncidentLink, IncidentStatus
from synergy.core import events
from synergy.core.errors import InvalidRequest, NotFound

CALL_LINKED = "cad.call_linked"
CALL_LINK_REFUSED = "cad.call_link_refused"
INCIDENT_OPENED_FOR_CALL = "cad.incident_opened_for_call"
CONTACT_EVENT = "contact_event"
CONTACT_CALL = "contact_call"


def transcript_path(call_id: int) -> str:
    return f"/contact/calls/{call_id}"


def announce_opened(session: Session, incident: Incident) -> None:
    """Tell contact the log number of an incident opened for one of its calls."""
    if incident.contact_call_id is None:
        return
    events.publish(
        session,
        INCIDENT_OPENED_FOR_CALL,
        {
            "call_id": incident.contact_call_id,
            "log_number": incident.log_number,
            "incident_id": incident.id,
        },
        key=f"cad-incident-{incident.id}-opened-for-call",
    )


def incident_linked_to_call(session: Session, call_id: int) -> Incident | None:
    """The first incident an agent linked this call to, if any."""
    query = (
        select(IncidentLink.incident_id)
        .where(IncidentLink.kind == CONTACT_CALL, IncidentLink.target == str(call_id))
        .order_by(IncidentLink.id)
    )
    found = session.execute(query).scalars().first()
    return None if found is None else session.get(Incident, found)


def link_contact_call(session: Session, payload: dict[str, Any], *, source_key: str) -> None:
    """`contact.incident_linked`: put the call on the named incident's log, or say why not."""
    seen = session.execute(
        select(IncidentLink.id).where(
            IncidentLink.kind == CONTACT_EVENT, IncidentLink.target == source_key[:200]
        )
    ).first()
    if seen is not None:
        return
    call_id = int(payload["call_id"])
    agent = str(payload.get("agent") or "a contact agent")
    log_number = str(payload.get("log_number") or "")
    answer: dict[str, Any] = {
        "call_id": call_id,
        "log_number": log_number,
        "link_entry": payload.get("entry_id"),
    }
    try:
        incident = service.get_by_log_number(session, log_number=log_number)
    except (InvalidRequest, NotFound):
        reason = f"Command and control has no incident with the log number {log_number}"
        events.publish(
            session, CALL_LINK_REFUSED, {**answer, "reason": reason}, key=f"{source_key}-refused"
        )
        return
    _record_call(session, incident, call_id=call_id, agent=agent, source_key=source_key)
    status = "closed" if incident.status == IncidentStatus.CLOSED else "open"
    events.publish(
        session,
        CALL_LINKED,
        {**answer, "log_number": incident.log_number, "incident_status": status},
        key=f"{source_key}-linked",
    )


def _record_call(
    session: Session, incident: Incident, *, call_id: int, agent: str, source_key: str
) -> None:
    transcript = transcript_path(call_id)
    service.add_log_entry(
        session,
        incident_id=incident.id,
        author=agent,
        kind="contact",
        text=f"101 call {call_id} linked to this incident by {agent}. Transcript: {transcript}",
        details={"call_id": call_id, "linked_by": agent, "transcript": transcript},
    )
    if incident.contact_call_id is None:
        incident.contact_call_id = call_id
    for kind, target in ((CONTACT_EVENT, source_key[:200]), (CONTACT_CALL, str(call_id))):
        known = session.execute(
            select(IncidentLink.id).where(
                IncidentLink.incident_id == incident.id,
                IncidentLink.kind == kind,
                IncidentLink.target == target,
            )
        ).first()
        if known is None:
            session.add(
                IncidentLink(incident_id=incident.id, kind=kind, target=target, created_by=agent)
            )
    session.flush()
