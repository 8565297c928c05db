"""The command and control JSON API under /api/cad/ (same role rules as the pages).

Reading one incident returns its caller's details, so it is audited like the incident page.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from synergy.cad import board, codes, resources, service
from synergy.cad.deps import Controller, IncidentId, IncidentReader, Officer, UnitId
from synergy.cad.models import Incident, LogEntry, Unit
from synergy.cad.schemas import CloseIn, IncidentChange, IncidentIn, LogEntryIn
from synergy.cad.views import audit_caller_read, source_for
from synergy.core.deps import SessionDep, client_ip

router = APIRouter(prefix="/api/cad", tags=["command and control"])


class AssignIn(BaseModel):
    unit_id: int = Field(ge=1, le=2_147_483_647)


class StatusIn(BaseModel):
    status: str = Field(max_length=20)


def _incident(incident: Incident, *, with_caller: bool) -> dict[str, Any]:
    body = service.incident_event_payload(incident, actor="", changed=[])
    for internal in ("actor", "changed", "version"):
        body.pop(internal)
    body.update(
        classification=codes.label_of(incident.opening_code),
        thrive=dict(incident.thrive),
        qualifiers=list(incident.qualifiers),
        officer_in_charge=incident.officer_in_charge,
        first_arrived_at=incident.first_arrived_at.isoformat()
        if incident.first_arrived_at
        else None,
    )
    if with_caller:
        body["caller"] = {"name": incident.caller_name, "phone": incident.caller_phone}
        body["risk"], body["vulnerabilities"] = incident.risk, list(incident.vulnerabilities)
    else:
        body.pop("caller_name")
    return body


def _entry(entry: LogEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "author": entry.author,
        "kind": entry.kind,
        "text": entry.text,
        "corrects_seq": entry.corrects_seq,
        "hash": entry.hash,
    }


def _unit(unit: Unit) -> dict[str, Any]:
    return {
        "id": unit.id,
        "call_sign": unit.call_sign,
        "officers": list(unit.officers),
        "area": unit.area,
        "status": unit.status,
        "incident_id": unit.incident_id,
    }


@router.get("/incidents", summary="Open incidents, as on the board")
def list_incidents(
    db: SessionDep,
    _: Controller,
    area: Annotated[str, Query(max_length=60)] = "",
    state: Annotated[str, Query(max_length=20)] = "",
    grade: Annotated[int | None, Query(ge=1, le=4)] = None,
) -> list[dict[str, Any]]:
    rows = board.board(db, board.BoardFilter(area=area, state=state, grade=grade))
    return [
        {
            **board.row_dict(row.incident, row.call_signs),
            "overdue": row.overdue,
            "warnings": row.warnings,
            "possible_duplicates": [d.log_number for d in row.duplicates],
        }
        for row in rows
    ]


@router.post("/incidents", status_code=201, summary="Raise an incident")
def create_incident(
    request: Request, db: SessionDep, user: IncidentReader, data: IncidentIn
) -> dict[str, Any]:
    incident = service.raise_incident(db, data=data, source=source_for(user), actor=user.username)
    return _incident(incident, with_caller=False)


@router.get("/incidents/{incident_id}", summary="One incident with its caller and log")
def get_incident(
    request: Request, db: SessionDep, user: IncidentReader, incident_id: IncidentId
) -> dict[str, Any]:
    incident = service.get_incident(db, incident_id=incident_id)
    audit_caller_read(db, incident, user.username, client_ip(request))
    body = _incident(incident, with_caller=True)
    body["log"] = [_entry(e) for e in service.incident_entries(db, incident_id=incident_id)]
    return body


@router.patch("/incidents/{incident_id}", summary="Change grade, classification or location")
def change_incident(
    db: SessionDep, user: Controller, incident_id: IncidentId, data: IncidentChange
) -> dict[str, Any]:
    incident = service.update_incident(
        db,
        incident_id=incident_id,
        actor=user.username,
        grade=data.grade,
        opening_code=data.opening_code,
        location=data.location,
        reason=data.reason,
    )
    return _incident(incident, with_caller=False)


@router.post("/incidents/{incident_id}/log", status_code=201, summary="Add to the log")
def add_log_entry(
    db: SessionDep, user: IncidentReader, incident_id: IncidentId, data: LogEntryIn
) -> dict[str, Any]:
    entry = service.add_log_entry(
        db,
        incident_id=incident_id,
        author=user.username,
        text=data.text,
        corrects_seq=data.corrects_seq,
    )
    return _entry(entry)


@router.get("/incidents/{incident_id}/log/check", summary="Check the log is intact")
def check_log(db: SessionDep, _: Controller, incident_id: IncidentId) -> dict[str, Any]:
    check = service.verify_incident_log(db, incident_id=incident_id)
    return {
        "ok": check.ok,
        "entries_checked": check.entries_checked,
        "problem": check.problem,
        "first_bad_seq": check.first_bad_seq,
        "anchored_from": check.anchored_from,
        "not_anchored": check.not_anchored,
    }


@router.post("/incidents/{incident_id}/close", summary="Close an incident")
def close_incident(
    db: SessionDep, user: Controller, incident_id: IncidentId, data: CloseIn
) -> dict[str, Any]:
    incident = service.close_incident(
        db,
        incident_id=incident_id,
        actor=user.username,
        closing_code=data.closing_code,
        reason=data.reason,
    )
    return _incident(incident, with_caller=False)


@router.post("/incidents/{incident_id}/assignments", status_code=201, summary="Assign a unit")
def assign_unit(
    db: SessionDep, user: Controller, incident_id: IncidentId, data: AssignIn
) -> dict[str, Any]:
    resources.assign(db, incident_id=incident_id, unit_id=data.unit_id, actor=user.username)
    return _unit(resources.get_unit(db, unit_id=data.unit_id))


@router.get("/units", summary="Units and their status")
def list_units(db: SessionDep, _: Controller) -> list[dict[str, Any]]:
    return [_unit(u) for u in resources.units(db)]


@router.post("/units/{unit_id}/status", summary="Set a unit's status (arrive, clear...)")
def unit_status(
    db: SessionDep, user: Controller, unit_id: UnitId, data: StatusIn
) -> dict[str, Any]:
    return _unit(resources.set_status(db, unit_id=unit_id, status=data.status, actor=user.username))


@router.get("/my-incidents", summary="Open incidents my unit is sent to")
def my_incidents(db: SessionDep, user: Officer) -> list[dict[str, Any]]:
    return [
        _incident(i, with_caller=False) for i in service.incidents_assigned_to(db, user.username)
    ]
