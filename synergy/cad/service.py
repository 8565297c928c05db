"""Command and control operations on incidents: the only way other modules touch incidents.

Public functions (each takes a Session, flushes, never commits):

- `open_incident(...)` -> Incident: a new incident with its log number, opened now. A partner
  control room's incident passes `originating_agency` and `external_reference`; that pair is
  unique, so find it first with `find_by_external_reference(...)`.
- `raise_incident(session, data=..., source=..., actor=...)` -> Incident: `open_incident` for
  an incident raised by hand, on the page or through the API (both give an `IncidentIn`).
- `add_log_entry(...)` -> LogEntry: one line on the incident's append-only log; a correction
  passes `corrects_seq`, the entry it replaces (which stays).
- `update_incident(...)` -> Incident: change the grade, the classification (opening code) or
  the location; each change is written to the log with the reason.
- `close_incident(...)` -> Incident: close with an NSIR closing code (synergy/cad/codes.py).
- `find_by_external_reference(...)`, `get_incident(...)`, `get_by_log_number(...)`.
- `incidents_assigned_to(session, officer_username)`: open incidents with a unit the officer
  is in (see synergy/cad/resources.py).

Events (published in the same transaction; payload from `incident_event_payload()`, a contract:
fields may be added, none removed or renamed):

- `cad.incident_opened`, `cad.incident_updated`, `cad.incident_closed`, each with `version`,
  `incident_id`, `log_number`, `status`, `source`, `originating_agency`, `external_reference`,
  `grade`, `opening_code`, `opening_category`, `closing_code`, `closing_reason`, `location`
  (`address`, `postcode`, `latitude`, `longitude`, `area`), `remarks`, `caller_name`,
  `opened_at`, `closed_at`, `actor` (who made the change) and `changed` (the fields changed;
  for a log entry ["log"] and `log_entry` with its `seq`, `author`, `text`). A subscriber that
  fed the change in itself (a partner exchange) can tell by `actor`/`originating_agency`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.cad import codes, live
from synergy.cad import log as incident_log
from synergy.cad.board import row_dict
from synergy.cad.location import address_key, check_coordinates, normalise_postcode, outward_code
from synergy.cad.models import Incident, IncidentStatus, LogEntry, Source
from synergy.cad.resources import call_signs_for, incidents_assigned_to
from synergy.cad.schemas import Caller, IncidentIn, Location, Thrive
from synergy.core import events
from synergy.core.db import utcnow
from synergy.core.errors import Conflict, InvalidRequest, NotFound
from synergy.core.references import ReferenceFormatError, ReferenceKind, normalise_reference

INCIDENT_OPENED = "cad.incident_opened"
INCIDENT_UPDATED = "cad.incident_updated"
INCIDENT_CLOSED = "cad.incident_closed"
PAYLOAD_VERSION = 1
GRADES = {1: "Emergency", 2: "Priority", 3: "Scheduled", 4: "Resolved without deployment"}

__all__ = [
    "GRADES",
    "INCIDENT_CLOSED",
    "INCIDENT_OPENED",
    "INCIDENT_UPDATED",
    "add_log_entry",
    "close_incident",
    "find_by_external_reference",
    "get_by_log_number",
    "get_incident",
    "incident_event_payload",
    "incidents_assigned_to",
    "open_incident",
    "update_incident",
    "verify_incident_log",
    "incident_entries",
    "set_officer_in_charge",
]


def _checked_code(code: str, field: str) -> str:
    code = code.strip().upper()
    if code not in codes.BY_CODE:
        raise InvalidRequest("Choose a classification from the list", field=field)
    return code


def _checked_grade(grade: int) -> int:
    if grade not in GRADES:
        raise InvalidRequest("Choose a grade from 1 (emergency) to 4", field="grade")
    return grade


def _apply_location(incident: Incident, location: Location) -> None:
    postcode = normalise_postcode(location.postcode) if location.postcode.strip() else None
    check_coordinates(location.latitude, location.longitude)
    address = location.address.strip()
    if not address and postcode is None and location.latitude is None:
        raise InvalidRequest("Enter the address, a postcode or coordinates", field="address")
    incident.address = address or (postcode or "")
    incident.address_key = address_key(incident.address)
    incident.postcode = postcode
    incident.latitude, incident.longitude = location.latitude, location.longitude
    incident.area = location.area.strip() or (outward_code(postcode) if postcode else "")
    incident.rural = location.rural


def _log_number(session: Session, given: str | None, opened_at: dt.datetime) -> str:
    if given:
        try:
            number = normalise_reference(given, kinds=[ReferenceKind.INCIDENT_LOG])
        except ReferenceFormatError as exc:
            raise InvalidRequest(str(exc), field="log_number") from None
        if session.execute(select(Incident.id).where(Incident.log_number == number)).first():
            raise Conflict(f"Incident {number} already exists", field="log_number")
        return number
    # One counter for every log number the platform gives out, so a number the 101 assistant
    # told a caller is never given to a different incident here.
    from synergy.contact.service import next_log_number

    return next_log_number(session, now=opened_at)


def open_incident(
    session: Session,
    *,
    source: str,
    caller: Caller,
    location: Location,
    opening_code: str,
    grade: int,
    remarks: str,
    actor: str,
    thrive: Thrive | None = None,
    qualifiers: Sequence[str] = (),
    external_reference: str | None = None,
    originating_agency: str | None = None,
    log_number: str | None = None,
    contact_call_id: int | None = None,
    risk: str | None = None,
    vulnerabilities: Sequence[str] = (),
    people: Sequence[str] = (),
    opened_at: dt.datetime | None = None,
) -> Incident:
    """Open an incident, write the first log entry and publish `cad.incident_opened`."""
    if source not in Source.ALL:
        raise InvalidRequest(f"Unknown incident source {source!r}", field="source")
    if bool(external_reference) != bool(originating_agency):
        raise InvalidRequest(
            "Give both the originating agency and its reference, or neither",
            field="external_reference",
        )
    if (
        external_reference
        and originating_agency
        and find_by_external_reference(
            session, originating_agency=originating_agency, external_reference=external_reference
        )
    ):
        raise Conflict(
            f"{originating_agency} incident {external_reference} is already here",
            field="external_reference",
        )
    unknown = [q for q in qualifiers if q not in codes.QUALIFIERS]
    if unknown:
        raise InvalidRequest(f"Unknown qualifier {unknown[0]!r}", field="qualifiers")
    opened = opened_at or utcnow()
    incident = Incident(
        source=source,
        created_by=actor,
        opened_at=opened,
        updated_at=opened,
        opening_code=_checked_code(opening_code, "opening_code"),
        grade=_checked_grade(grade),
        caller_name=caller.name.strip() or None,
        caller_phone=_phone_key(caller.phone),
        caller_email=caller.email.strip() or None,
        remarks=remarks.strip(),
        qualifiers=list(qualifiers),
        thrive=(thrive or Thrive()).model_dump(),
        external_reference=external_reference or None,
        originating_agency=originating_agency or None,
        contact_call_id=contact_call_id,
        risk=risk,
        vulnerabilities=list(vulnerabilities),
        people=[p.strip()[:200] for p in people if p.strip()][:20],
        status=IncidentStatus.OPEN,
    )
    _apply_location(incident, location)
    incident.log_number = _log_number(session, log_number, opened)
    session.add(incident)
    session.flush()
    summary = f"Opened as grade {incident.grade} {codes.label_of(incident.opening_code)}"
    text = f"{summary} at {incident.address}." + (
        f" {incident.remarks}" if incident.remarks else ""
    )
    incident_log.append(
        session,
        incident,
        author=actor,
        kind="opened",
        text=text,
        details={
            "source": source,
            "originating_agency": originating_agency,
            "external_reference": external_reference,
        },
    )
    _changed(session, incident, INCIDENT_OPENED, actor=actor, changed=["opened"])
    return incident


def raise_incident(session: Session, *, data: IncidentIn, source: str, actor: str) -> Incident:
    return open_incident(
        session,
        source=source,
        caller=data.caller,
        location=data.location,
        opening_code=data.opening_code,
        grade=data.grade,
        remarks=data.remarks,
        actor=actor,
        thrive=data.thrive,
        qualifiers=data.qualifiers,
        people=data.people,
    )


def _phone_key(phone: str) -> str | None:
    digits = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    return digits or None


def get_incident(session: Session, *, incident_id: int, for_update: bool = False) -> Incident:
    incident = session.get(Incident, incident_id, with_for_update=for_update)
    if incident is None:
        raise NotFound(f"There is no incident {incident_id}")
    return incident


def get_by_log_number(session: Session, *, log_number: str) -> Incident:
    try:
        number = normalise_reference(log_number, kinds=[ReferenceKind.INCIDENT_LOG])
    except ReferenceFormatError as exc:
        raise InvalidRequest(str(exc), field="log_number") from None
    found = session.execute(select(Incident).where(Incident.log_number == number)).scalar()
    if found is None:
        raise NotFound(f"There is no incident {number}")
    return found


def find_by_external_reference(
    session: Session, *, originating_agency: str, external_reference: str
) -> Incident | None:
    query = select(Incident).where(
        Incident.originating_agency == originating_agency,
        Incident.external_reference == external_reference,
    )
    return session.execute(query).scalar()


def add_log_entry(
    session: Session,
    *,
    incident_id: int,
    author: str,
    text: str,
    kind: str = "note",
    corrects_seq: int | None = None,
    details: dict[str, Any] | None = None,
    publish: bool = True,
) -> LogEntry:
    """Append to the incident's log (closed incidents too: late information still counts)."""
    incident = get_incident(session, incident_id=incident_id, for_update=True)
    if corrects_seq is not None:
        kind = "correction"
    entry = incident_log.append(
        session,
        incident,
        author=author,
        kind=kind,
        text=text,
        details=details,
        corrects_seq=corrects_seq,
    )
    incident.updated_at = utcnow()
    if publish:
        log_entry = {"seq": entry.seq, "author": author, "text": entry.text}
        _changed(
            session, incident, INCIDENT_UPDATED, actor=author, changed=["log"], log_entry=log_entry
        )
    else:
        live.note_change(session, board_row(session, incident))
    return entry


def update_incident(
    session: Session,
    *,
    incident_id: int,
    actor: str,
    grade: int | None = None,
    opening_code: str | None = None,
    location: Location | None = None,
    thrive: Thrive | None = None,
    reason: str = "",
) -> Incident:
    """Regrade, reclassify or move an incident; each change goes on the log."""
    incident = get_incident(session, incident_id=incident_id, for_update=True)
    if incident.status != IncidentStatus.OPEN:
        raise Conflict(f"Incident {incident.log_number} is closed", field="grade")
    lines: list[str] = []
    changed: list[str] = []
    if grade is not None and _checked_grade(grade) != incident.grade:
        lines.append(f"Grade changed from {incident.grade} to {grade}")
        incident.grade = grade
        changed.append("grade")
    if opening_code is not None:
        code = _checked_code(opening_code, "opening_code")
        if code != incident.opening_code:
            lines.append(
                f"Reclassified from {codes.label_of(incident.opening_code)} "
                f"to {codes.label_of(code)}"
            )
            incident.opening_code = code
            changed.append("opening_code")
    if location is not None:
        before = incident.address
        _apply_location(incident, location)
        if incident.address != before:
            lines.append(f"Location changed from {before} to {incident.address}")
        changed.append("location")
    if thrive is not None and thrive.model_dump() != incident.thrive:
        incident.thrive = thrive.model_dump()
        lines.append("THRIVE assessment updated: " + _thrive_text(thrive))
        changed.append("thrive")
    if not changed:
        return incident
    text = ". ".join(lines) + (f". Reason: {reason.strip()}" if reason.strip() else ".")
    incident_log.append(
        session, incident, author=actor, kind="update", text=text, details={"changed": changed}
    )
    incident.updated_at = utcnow()
    _changed(session, incident, INCIDENT_UPDATED, actor=actor, changed=changed)
    return incident


def set_officer_in_charge(
    session: Session, *, incident_id: int, officer: str, actor: str
) -> Incident:
    """Name the officer who answers for the incident (and gets callers' update requests)."""
    officer = officer.strip()
    if not officer or len(officer) > 64:
        raise InvalidRequest("Enter the officer's user name", field="officer")
    incident = get_incident(session, incident_id=incident_id, for_update=True)
    incident.officer_in_charge = officer
    add_log_entry(
        session,
        incident_id=incident.id,
        author=actor,
        kind="officer_in_charge",
        text=f"Officer in charge: {officer}",
        publish=False,
    )
    return incident


def _thrive_text(thrive: Thrive) -> str:
    parts = [f"{name}: {value}" for name, value in thrive.model_dump().items() if value]
    return "; ".join(parts) or "(blank)"


def close_incident(
    session: Session, *, incident_id: int, actor: str, closing_code: str, reason: str = ""
) -> Incident:
    """Close with an NSIR closing code; units still on it are cleared."""
    from synergy.cad.resources import clear_all_units

    incident = get_incident(session, incident_id=incident_id, for_update=True)
    if incident.status != IncidentStatus.OPEN:
        raise Conflict(f"Incident {incident.log_number} is already closed", field="closing_code")
    code = _checked_code(closing_code, "closing_code")
    clear_all_units(session, incident, actor=actor)
    incident.status = IncidentStatus.CLOSED
    incident.closing_code = code
    incident.closing_reason = reason.strip() or None
    incident.closed_at = incident.updated_at = utcnow()
    incident.closed_by = actor
    text = f"Closed as {codes.label_of(code)}" + (f": {reason.strip()}" if reason.strip() else ".")
    incident_log.append(
        session, incident, author=actor, kind="closed", text=text, details={"closing_code": code}
    )
    _changed(session, incident, INCIDENT_CLOSED, actor=actor, changed=["status", "closing_code"])
    return incident


def incident_entries(session: Session, *, incident_id: int) -> list[LogEntry]:
    return incident_log.entries(session, incident_id)


def verify_incident_log(session: Session, *, incident_id: int) -> incident_log.LogCheck:
    return incident_log.verify_log(session, incident_id)


def incident_event_payload(
    incident: Incident, *, actor: str, changed: Iterable[str], **extra: Any
) -> dict[str, Any]:
    """The payload of `cad.incident_*` events (the contract described at the top)."""
    return {
        "version": PAYLOAD_VERSION,
        "incident_id": incident.id,
        "log_number": incident.log_number,
        "status": incident.status,
        "source": incident.source,
        "originating_agency": incident.originating_agency,
        "external_reference": incident.external_reference,
        "grade": incident.grade,
        "opening_code": incident.opening_code,
        "opening_category": codes.category_of(incident.opening_code).value,
        "closing_code": incident.closing_code,
        "closing_reason": incident.closing_reason,
        "location": {
            "address": incident.address,
            "postcode": incident.postcode,
            "latitude": incident.latitude,
            "longitude": incident.longitude,
            "area": incident.area,
        },
        "remarks": incident.remarks,
        "caller_name": incident.caller_name,
        "opened_at": incident.opened_at.isoformat(),
        "closed_at": incident.closed_at.isoformat() if incident.closed_at else None,
        "actor": actor,
        "changed": list(changed),
        **extra,
    }


def _changed(
    session: Session,
    incident: Incident,
    topic: str,
    *,
    actor: str,
    changed: list[str],
    **extra: Any,
) -> None:
    payload = incident_event_payload(incident, actor=actor, changed=changed, **extra)
    key = f"cad-incident-{incident.id}-{incident.log_head_seq}-{topic}"
    events.publish(session, topic, payload, key=key)
    live.note_change(session, board_row(session, incident))


def board_row(session: Session, incident: Incident) -> dict[str, Any]:
    """What a board shows of one incident (sent to live boards when it changes)."""
    return row_dict(incident, call_signs_for(session, incident.id))
