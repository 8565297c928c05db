"""How what the front doors publish becomes incidents, queued crime reports and tasks.

Each function takes one event's payload and is safe to run twice: it looks for what an earlier
run made (by the event's key, the contact call or the arrest) before making anything. The
outbox's receipts already stop most repeats; these checks also cover the same call arriving
through two topics (an incident request, then a handover of the same call).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.cad import call_links, service
from synergy.cad.models import ArrestRecord, Incident, IncidentLink, IncidentStatus, Source
from synergy.cad.schemas import Caller, Location, Thrive
from synergy.core.errors import InvalidRequest

ASSISTANT = "101-assistant"
UNKNOWN_LOCATION = "Location not yet known (101 call)"

OPENING_CODES = {
    "antisocial_behaviour": "ASB-NUISANCE",
    "road_traffic": "TRANSPORT-RTC-DAMAGE",
    "information_report": "ADMIN-INFORMATION",
    "emergency": "PSW-CONCERN",
    "welfare": "PSW-CONCERN",
    "concern_for_welfare": "PSW-CONCERN",
    "missing_person": "PSW-MISSING",
    "domestic_abuse": "PSW-DOMESTIC",
    "general_enquiry": "ADMIN-INFORMATION",
    "crime_report": "CRIME-OTHER",
}
QUEUE_GRADES = {"emergency": 1, "priority": 2, "normal": 3}
RISK_GRADES = {"emergency": 1, "high": 2}


def _source(channel: str | None) -> str:
    return Source.VOICE_101 if channel == "voice" else Source.WEB_CHAT


def _location(details: dict[str, Any]) -> Location:
    where = details.get("location")
    if isinstance(where, dict) and (where.get("address") or where.get("postcode")):
        return Location(
            address=str(where.get("address") or ""), postcode=str(where.get("postcode") or "")
        )
    return Location(address=UNKNOWN_LOCATION)


def thrive_from_triage(payload: dict[str, Any]) -> Thrive:
    """THRIVE pre-filled from what the assistant found; the controller confirms or changes it."""
    risk = str(payload.get("risk") or "standard")
    vulnerabilities = [str(v).replace("_", " ") for v in payload.get("vulnerabilities") or []]
    intent = str(payload.get("intent") or "not known").replace("_", " ")
    details = payload.get("details") or {}
    return Thrive(
        threat=f"101 triage risk: {risk}",
        harm=f"Reported as: {intent}",
        risk=f"Assistant's risk level {risk}; queue {payload.get('queue') or 'none'}",
        investigation=str(details.get("what") or "")[:1000],
        vulnerability=", ".join(vulnerabilities) or "None identified by the assistant",
        engagement=(
            f"Caller used {payload.get('channel') or 'an unknown channel'}"
            + (
                f"; may need an interpreter ({payload['language']})"
                if payload.get("language")
                else ""
            )
        ),
    )


def _grade(payload: dict[str, Any], default: int) -> int:
    by_queue = QUEUE_GRADES.get(str(payload.get("queue") or ""), default)
    return min(by_queue, RISK_GRADES.get(str(payload.get("risk") or ""), default))


def _incident_for_call(session: Session, call_id: int | None) -> Incident | None:
    if call_id is None:
        return None
    query = select(Incident).where(Incident.contact_call_id == call_id).order_by(Incident.id)
    found = session.execute(query).scalars().first()
    return found or call_links.incident_linked_to_call(session, int(call_id))


def _remarks(payload: dict[str, Any]) -> str:
    details = payload.get("details") or {}
    parts = [str(details.get(k)) for k in ("what", "when") if details.get(k)]
    if payload.get("summary"):
        parts.append(str(payload["summary"]))
    return " ".join(parts)[:10_000]


def incident_from_contact(
    session: Session, payload: dict[str, Any], *, handover: bool, source_key: str
) -> Incident:
    """`contact.incident_requested` or `contact.handover_requested`: raise an incident for the
    call, or if the call already has one, add what is new to its log (and raise its grade).
    An event seen before (by `source_key`) changes nothing."""
    seen = session.execute(
        select(IncidentLink.incident_id).where(
            IncidentLink.kind == "contact_event", IncidentLink.target == source_key
        )
    ).scalar()
    if seen is not None:
        return service.get_incident(session, incident_id=seen)
    incident = _incident_from_contact(session, payload, handover=handover)
    _link(session, incident.id, "contact_event", source_key[:200], ASSISTANT)
    return incident


def _incident_from_contact(
    session: Session, payload: dict[str, Any], *, handover: bool
) -> Incident:
    call_id = payload.get("call_id")
    existing = _incident_for_call(session, call_id)
    grade = _grade(
        payload, 3 if handover else 4 if payload.get("flow") == "information_report" else 3
    )
    if existing is not None:
        text = (
            "101 handover: " + str(payload.get("summary") or "") if handover else _remarks(payload)
        )
        service.add_log_entry(
            session,
            incident_id=existing.id,
            author=ASSISTANT,
            text=text or "Further contact on this call",
            kind="contact",
        )
        if existing.status == IncidentStatus.OPEN and grade < existing.grade:
            service.update_incident(
                session,
                incident_id=existing.id,
                actor=ASSISTANT,
                grade=grade,
                reason="the caller was handed over at a higher risk",
            )
        return existing
    details = payload.get("details") or {}
    flow = str(payload.get("flow") or payload.get("intent") or "")
    try:
        location = _location(details)
        caller = Caller(name=str(details.get("name") or ""), phone=str(details.get("phone") or ""))
        return _open(session, payload, flow, location, caller, grade)
    except InvalidRequest:
        # What the caller said about the place did not pass our checks: keep the incident and
        # let the controller put the location right rather than lose the call.
        return _open(session, payload, flow, Location(address=UNKNOWN_LOCATION), Caller(), grade)


def _open(
    session: Session,
    payload: dict[str, Any],
    flow: str,
    location: Location,
    caller: Caller,
    grade: int,
) -> Incident:
    incident = service.open_incident(
        session,
        source=_source(payload.get("channel")),
        caller=caller,
        location=location,
        opening_code=OPENING_CODES.get(flow, "PSW-CONCERN"),
        grade=grade,
        remarks=_remarks(payload),
        actor=ASSISTANT,
        thrive=thrive_from_triage(payload),
        log_number=_unused_log_number(session, payload.get("reference")),
        contact_call_id=payload.get("call_id"),
        risk=payload.get("risk"),
        vulnerabilities=[str(v) for v in payload.get("vulnerabilities") or []],
    )
    call_links.announce_opened(session, incident)
    return incident


def _unused_log_number(session: Session, reference: Any) -> str | None:
    """The log number the caller was told, if no incident here has it yet."""
    if not reference:
        return None
    taken = session.execute(select(Incident.id).where(Incident.log_number == str(reference)))
    return None if taken.first() else str(reference)


def link_arrest(session: Session, payload: dict[str, Any]) -> ArrestRecord:
    """`records.arrest_recorded`: note the arrest and link it to the incident whose log number
    records gave with it (`incident_log_number`). Without one, or with one no incident here
    has, it waits for a controller to link it; nothing is guessed from names or free text."""
    arrest_id = int(payload["arrest_id"])
    found = session.execute(
        select(ArrestRecord).where(ArrestRecord.arrest_id == arrest_id)
    ).scalar()
    if found is not None:
        return found
    person = payload.get("person") or {}
    name = f"{person.get('given_names', '')} {person.get('family_name', '')}".strip()
    record = ArrestRecord(
        arrest_id=arrest_id,
        custody_number=str(payload["custody_number"]),
        arrested_at=_parse_time(str(payload["arrested_at"])),
        person_name=name,
        arresting_officer=str(payload.get("arresting_officer") or ""),
        offences=[str(o) for o in payload.get("offences") or []],
        incident_log_number=str(payload.get("incident_log_number") or "") or None,
    )
    session.add(record)
    session.flush()
    incident = _incident_with_log_number(session, record.incident_log_number)
    if incident is not None:
        attach_arrest(session, record, incident, actor="records")
    return record


def _parse_time(text: str) -> Any:
    import datetime as dt

    return dt.datetime.fromisoformat(text)


def _incident_with_log_number(session: Session, log_number: str | None) -> Incident | None:
    if not log_number:
        return None
    query = select(Incident).where(Incident.log_number == log_number)
    return session.execute(query).scalar()


def attach_arrest(
    session: Session, record: ArrestRecord, incident: Incident, *, actor: str
) -> None:
    record.incident_id, record.linked_by = incident.id, actor
    _link(session, incident.id, "arrest", record.custody_number, actor)
    service.add_log_entry(
        session,
        incident_id=incident.id,
        author=actor,
        kind="arrest",
        publish=False,
        text=f"Arrest of {record.person_name} recorded, custody number {record.custody_number}"
        f" ({record.arresting_officer})",
        details={"arrest_id": record.arrest_id, "custody_number": record.custody_number},
    )


def attach_arrest_to_log(
    session: Session, *, arrest_record_id: int, log_number: str, actor: str
) -> ArrestRecord:
    """A controller links an arrest that came without a usable log number to an incident."""
    record = session.get(ArrestRecord, arrest_record_id)
    if record is None:
        raise InvalidRequest("There is no such arrest")
    incident = service.get_by_log_number(session, log_number=log_number)
    attach_arrest(session, record, incident, actor=actor)
    return record


def _link(session: Session, incident_id: int, kind: str, target: str, actor: str) -> bool:
    """Add a link once; False if it was already there."""
    query = select(IncidentLink.id).where(
        IncidentLink.incident_id == incident_id,
        IncidentLink.kind == kind,
        IncidentLink.target == target,
    )
    if session.execute(query).first():
        return False
    session.add(IncidentLink(incident_id=incident_id, kind=kind, target=target, created_by=actor))
    session.flush()
    return True


def attach_notebook_entry(session: Session, payload: dict[str, Any]) -> None:
    """`notebook.entry_attached`: a line on the incident's log naming the notebook entry."""
    incident = service.get_by_log_number(session, log_number=str(payload["incident_log"]))
    reference, officer = str(payload["entry_reference"]), str(payload["officer"])
    if not _link(session, incident.id, "notebook_entry", reference, officer):
        return
    service.add_log_entry(
        session,
        incident_id=incident.id,
        author=officer,
        kind="notebook",
        publish=False,
        text=f"Pocket notebook entry {reference} attached by {officer}",
        details={"entry_reference": reference, "entry_hash": str(payload.get("entry_hash", ""))},
    )


def unlinked_arrests(session: Session) -> list[ArrestRecord]:
    query = (
        select(ArrestRecord)
        .where(ArrestRecord.incident_id.is_(None))
        .order_by(ArrestRecord.arrested_at.desc())
    )
    return list(session.execute(query).scalars())
