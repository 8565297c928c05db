"""Resources: units (one or more officers under a call sign) and their status, and the work of
sending them: assign, arrive, clear. Every step is written on the incident's log.

A unit works one incident at a time; assigning a busy unit is refused until it is cleared, so
a controller never loses track of where a unit was sent. The first unit to arrive stops the
incident's attendance clock.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.cad import log as incident_log
from synergy.cad.models import Assignment, Incident, IncidentStatus, Unit, UnitStatus
from synergy.core.db import utcnow
from synergy.core.errors import Conflict, InvalidRequest, NotFound

MAX_CALL_SIGN = 20


def create_unit(
    session: Session, *, call_sign: str, officers: Sequence[str], area: str = ""
) -> Unit:
    sign = " ".join(call_sign.upper().split())
    if not sign or len(sign) > MAX_CALL_SIGN:
        raise InvalidRequest("Enter a call sign of up to 20 characters", field="call_sign")
    if session.execute(select(Unit.id).where(Unit.call_sign == sign)).first():
        raise Conflict(f"Call sign {sign} is already in use", field="call_sign")
    unit = Unit(
        call_sign=sign,
        officers=sorted({o.strip() for o in officers if o.strip()}),
        area=area.strip(),
        status=UnitStatus.AVAILABLE,
    )
    session.add(unit)
    session.flush()
    return unit


def units(session: Session) -> list[Unit]:
    return list(session.execute(select(Unit).order_by(Unit.call_sign)).scalars())


def get_unit(session: Session, *, unit_id: int, for_update: bool = False) -> Unit:
    unit = session.get(Unit, unit_id, with_for_update=for_update)
    if unit is None:
        raise NotFound(f"There is no unit {unit_id}")
    return unit


def unit_by_call_sign(session: Session, *, call_sign: str) -> Unit:
    sign = " ".join(call_sign.upper().split())
    unit = session.execute(select(Unit).where(Unit.call_sign == sign)).scalar()
    if unit is None:
        raise NotFound(f"There is no unit with call sign {sign}")
    return unit


def _open_assignment(session: Session, unit: Unit) -> Assignment | None:
    query = select(Assignment).where(Assignment.unit_id == unit.id, Assignment.cleared_at.is_(None))
    return session.execute(query).scalar()


def _locked_incident(session: Session, incident_id: int) -> Incident:
    incident = session.get(Incident, incident_id, with_for_update=True)
    if incident is None:
        raise NotFound(f"There is no incident {incident_id}")
    return incident


def _note(session: Session, incident: Incident) -> None:
    from synergy.cad import live
    from synergy.cad.service import board_row

    incident.updated_at = utcnow()
    live.note_change(session, board_row(session, incident))


def assign(session: Session, *, incident_id: int, unit_id: int, actor: str) -> Assignment:
    incident = _locked_incident(session, incident_id)
    unit = get_unit(session, unit_id=unit_id, for_update=True)
    if incident.status != IncidentStatus.OPEN:
        raise Conflict(f"Incident {incident.log_number} is closed", field="unit_id")
    current = _open_assignment(session, unit)
    if current is not None:
        if current.incident_id == incident.id:
            return current
        raise Conflict(f"{unit.call_sign} is already assigned; clear it first", field="unit_id")
    if unit.status == UnitStatus.UNAVAILABLE:
        raise Conflict(f"{unit.call_sign} is unavailable", field="unit_id")
    assignment = Assignment(incident_id=incident.id, unit_id=unit.id, assigned_by=actor)
    session.add(assignment)
    unit.status, unit.status_at, unit.incident_id = UnitStatus.ASSIGNED, utcnow(), incident.id
    session.flush()
    incident_log.append(
        session,
        incident,
        author=actor,
        kind="assigned",
        text=f"{unit.call_sign} assigned",
        details={"unit": unit.call_sign},
    )
    _note(session, incident)
    return assignment


def set_status(session: Session, *, unit_id: int, status: str, actor: str) -> Unit:
    """Change a unit's status; 'at scene' on an assigned unit counts as arriving."""
    if status not in UnitStatus.ALL:
        raise InvalidRequest("Choose a status from the list", field="status")
    if status == UnitStatus.AT_SCENE:
        unit = get_unit(session, unit_id=unit_id)
        if unit.incident_id is not None:
            return arrive(session, unit_id=unit_id, actor=actor)
    if status == UnitStatus.AVAILABLE:
        unit = get_unit(session, unit_id=unit_id)
        if unit.incident_id is not None:
            return clear(session, unit_id=unit_id, actor=actor)
    unit = get_unit(session, unit_id=unit_id, for_update=True)
    if status in (UnitStatus.EN_ROUTE, UnitStatus.AT_SCENE) and unit.incident_id is None:
        raise Conflict(f"{unit.call_sign} has no incident to travel to", field="status")
    unit.status, unit.status_at = status, utcnow()
    if unit.incident_id is not None:
        incident = _locked_incident(session, unit.incident_id)
        incident_log.append(
            session,
            incident,
            author=actor,
            kind="unit_status",
            text=f"{unit.call_sign} {status.replace('_', ' ')}",
        )
        _note(session, incident)
    session.flush()
    return unit


def arrive(session: Session, *, unit_id: int, actor: str) -> Unit:
    unit = get_unit(session, unit_id=unit_id, for_update=True)
    assignment = _open_assignment(session, unit)
    if assignment is None:
        raise Conflict(f"{unit.call_sign} is not assigned to an incident", field="unit_id")
    incident = _locked_incident(session, assignment.incident_id)
    now = utcnow()
    if assignment.arrived_at is None:
        assignment.arrived_at = now
    if incident.first_arrived_at is None:
        incident.first_arrived_at = now
    unit.status, unit.status_at = UnitStatus.AT_SCENE, now
    incident_log.append(
        session, incident, author=actor, kind="arrived", text=f"{unit.call_sign} at scene"
    )
    _note(session, incident)
    session.flush()
    return unit


def clear(session: Session, *, unit_id: int, actor: str) -> Unit:
    unit = get_unit(session, unit_id=unit_id, for_update=True)
    assignment = _open_assignment(session, unit)
    if assignment is None:
        unit.status, unit.status_at = UnitStatus.AVAILABLE, utcnow()
        session.flush()
        return unit
    incident = _locked_incident(session, assignment.incident_id)
    _clear_assignment(session, incident, unit, assignment, actor=actor)
    _note(session, incident)
    return unit


def _clear_assignment(
    session: Session, incident: Incident, unit: Unit, assignment: Assignment, *, actor: str
) -> None:
    now = utcnow()
    assignment.cleared_at = now
    unit.status, unit.status_at, unit.incident_id = UnitStatus.AVAILABLE, now, None
    incident_log.append(
        session, incident, author=actor, kind="cleared", text=f"{unit.call_sign} cleared"
    )
    session.flush()


def clear_all_units(session: Session, incident: Incident, *, actor: str) -> None:
    """Clear every unit still on `incident` (the caller holds the incident locked)."""
    query = (
        select(Assignment, Unit)
        .join(Unit, Unit.id == Assignment.unit_id)
        .where(Assignment.incident_id == incident.id, Assignment.cleared_at.is_(None))
    )
    for assignment, unit in session.execute(query).all():
        _clear_assignment(session, incident, unit, assignment, actor=actor)


def call_signs_for(session: Session, incident_id: int) -> list[str]:
    """Call signs of the units currently on the incident."""
    query = (
        select(Unit.call_sign)
        .join(Assignment, Assignment.unit_id == Unit.id)
        .where(Assignment.incident_id == incident_id, Assignment.cleared_at.is_(None))
        .order_by(Unit.call_sign)
    )
    return list(session.execute(query).scalars())


def incidents_assigned_to(session: Session, officer_username: str) -> list[Incident]:
    """Open incidents that a unit the officer belongs to is assigned to, most urgent first;
    also those the officer is named officer in charge of."""
    unit_ids = [
        unit.id
        for unit in session.execute(select(Unit)).scalars()
        if officer_username in unit.officers
    ]
    assigned = select(Assignment.incident_id).where(
        Assignment.unit_id.in_(unit_ids), Assignment.cleared_at.is_(None)
    )
    query = (
        select(Incident)
        .where(
            Incident.status == IncidentStatus.OPEN,
            Incident.id.in_(assigned) | (Incident.officer_in_charge == officer_username),
        )
        .order_by(Incident.grade, Incident.opened_at)
    )
    return list(session.execute(query).scalars())
