"""Pages for controllers, officers and contact agents: the board, incidents and their actions.

Every action is an ordinary form that posts and redirects, so the board works without
JavaScript; the board script adds live updates and keyboard shortcuts on top.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from synergy.cad import board, codes, resources, service
from synergy.cad.deps import Controller, IncidentId, IncidentReader, can_run_board
from synergy.cad.display import page
from synergy.cad.forms import Errors, incident_from_form, location_from_form, one_error
from synergy.cad.models import Incident, UnitStatus
from synergy.cad.settings import cad_settings
from synergy.cad.views import incident_context, source_for
from synergy.core.deps import FormFields, SessionDep, client_ip
from synergy.core.errors import Forbidden, InvalidRequest, SynergyError
from synergy.core.formatting import whole_number
from synergy.core.principal import Principal as CurrentUser
from synergy.core.roles import Role
from synergy.core.web import redirect

router = APIRouter(prefix="/cad")
# A controller works the most urgent incidents; thousands of rows on one page help nobody and
# slow every refresh, so the rest are reached through the filters.
BOARD_ROWS_SHOWN = 250
BOARD_SHORTCUTS = (
    ("N", "Raise a new incident"),
    ("/", "Go to the filters"),
    ("J or K", "Next or previous incident"),
    ("Enter", "Open the incident in focus"),
    ("U", "Units"),
    ("R", "Refresh the board"),
)
INCIDENT_SHORTCUTS = (
    ("L", "Add to the log"),
    ("A", "Assign a unit"),
    ("G", "Change grade or classification"),
    ("C", "Close the incident"),
    ("B", "Back to the board"),
)


OFFICERS = frozenset({Role.OFFICER})


@router.get("", response_class=HTMLResponse, summary="The incident board")
def board_page(
    request: Request,
    db: SessionDep,
    user: IncidentReader,
    area: Annotated[str, Query(max_length=60)] = "",
    state: Annotated[str, Query(max_length=20)] = "",
    grade: Annotated[str, Query(max_length=1)] = "",
) -> Response:
    if not can_run_board(user):
        # Officers and contact agents reach command and control from their home page too:
        # they get what they may do here instead of a refusal.
        return page(
            request,
            "cad/start.html",
            {"title": "Command and control", "officer": user.has_any(OFFICERS)},
        )
    chosen = board.BoardFilter(
        area=area,
        state=state if state in board.STATES else "",
        grade=int(grade) if grade in ("1", "2", "3", "4") else None,
    )
    shown = board.board_page(db, chosen, limit=BOARD_ROWS_SHOWN)
    return page(
        request,
        "cad/board.html",
        {
            "title": "Incident board",
            "total": shown.total,
            "shown": shown.rows,
            "chosen": chosen,
            "states": board.STATES,
            "areas": board.areas(db),
            "grades": service.GRADES,
            "shortcuts": BOARD_SHORTCUTS,
            "units": resources.units(db),
            "settings": cad_settings(),
        },
    )


def _new_form(request: Request, form: dict[str, str], errors: Errors, status: int) -> Response:
    return page(
        request,
        "cad/incident_new.html",
        {
            "title": "Raise an incident",
            "form": form,
            "errors": errors,
            "codes": codes.CODES,
            "grades": service.GRADES,
        },
        status_code=status,
    )


@router.get("/incidents/new", response_class=HTMLResponse, summary="Raise an incident form")
def new_incident_form(request: Request, _: IncidentReader) -> Response:
    return _new_form(request, {}, [], 200)


@router.post("/incidents/new", response_class=HTMLResponse, summary="Raise an incident")
def new_incident(
    request: Request, db: SessionDep, user: IncidentReader, form: FormFields
) -> Response:
    data, errors = incident_from_form(form)
    if data is not None:
        try:
            incident = service.raise_incident(
                db, data=data, source=source_for(user), actor=user.username
            )
            return redirect(f"/cad/incidents/{incident.id}")
        except SynergyError as exc:
            db.rollback()
            errors = one_error(exc.message, exc.field, "address")
    return _new_form(request, form, errors, 422)


def _incident_page(
    request: Request,
    db: Session,
    user: CurrentUser,
    incident_id: int,
    errors: Errors | None = None,
    form: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    incident = service.get_incident(db, incident_id=incident_id)
    context = incident_context(db, incident, user, source_ip=client_ip(request))
    context.update(
        {
            "errors": errors or [],
            "form": form or {},
            "shortcuts": INCIDENT_SHORTCUTS,
            "codes": codes.CODES,
            "grades": service.GRADES,
            "unit_statuses": UnitStatus,
        }
    )
    return page(request, "cad/incident.html", context, status_code=status)


@router.get("/incidents/{incident_id}", response_class=HTMLResponse, summary="An incident")
def incident_page(
    request: Request, db: SessionDep, user: IncidentReader, incident_id: IncidentId
) -> Response:
    return _incident_page(request, db, user, incident_id)


def _act(
    request: Request,
    db: Session,
    user: CurrentUser,
    incident_id: int,
    form: dict[str, str],
    action: Any,
    default_field: str,
) -> Response:
    """Run one action; on a problem show the incident again with the error, nothing stored."""
    try:
        action()
    except SynergyError as exc:
        db.rollback()
        errors = one_error(exc.message, exc.field, default_field)
        return _incident_page(request, db, user, incident_id, errors, form, 422)
    return redirect(f"/cad/incidents/{incident_id}")


@router.post("/incidents/{incident_id}/log", response_class=HTMLResponse, summary="Add to the log")
def add_log(
    request: Request,
    db: SessionDep,
    user: IncidentReader,
    incident_id: IncidentId,
    form: FormFields,
) -> Response:
    corrects = form.get("corrects_seq", "")
    return _act(
        request,
        db,
        user,
        incident_id,
        form,
        lambda: service.add_log_entry(
            db,
            incident_id=incident_id,
            author=user.username,
            text=form.get("text", ""),
            corrects_seq=whole_number(corrects),
        ),
        "text",
    )


@router.post(
    "/incidents/{incident_id}/change",
    response_class=HTMLResponse,
    summary="Change grade, classification or location",
)
def change(
    request: Request, db: SessionDep, user: Controller, incident_id: IncidentId, form: FormFields
) -> Response:
    grade = form.get("grade", "")

    def apply() -> None:
        location = location_from_form(form) if form.get("address") else None
        service.update_incident(
            db,
            incident_id=incident_id,
            actor=user.username,
            grade=whole_number(grade),
            opening_code=form.get("opening_code") or None,
            location=location,
            reason=form.get("reason", ""),
        )
        if form.get("officer", "").strip():
            service.set_officer_in_charge(
                db, incident_id=incident_id, officer=form["officer"], actor=user.username
            )

    return _act(request, db, user, incident_id, form, apply, "grade")


@router.post(
    "/incidents/{incident_id}/assign", response_class=HTMLResponse, summary="Assign a unit"
)
def assign(
    request: Request, db: SessionDep, user: Controller, incident_id: IncidentId, form: FormFields
) -> Response:
    unit_id = form.get("unit_id", "")

    def apply() -> None:
        unit = whole_number(unit_id)
        if unit is None:
            raise InvalidRequest("Choose a unit to assign", field="unit_id")
        resources.assign(db, incident_id=incident_id, unit_id=unit, actor=user.username)

    return _act(request, db, user, incident_id, form, apply, "unit_id")


@router.post(
    "/incidents/{incident_id}/unit-status",
    response_class=HTMLResponse,
    summary="Record a unit's arrival or clearing",
)
def unit_status(
    request: Request,
    db: SessionDep,
    user: IncidentReader,
    incident_id: IncidentId,
    form: FormFields,
) -> Response:
    unit_id, status = form.get("unit_id", ""), form.get("status", "")

    def apply() -> None:
        number = whole_number(unit_id)
        if number is None:
            raise InvalidRequest("Choose a unit", field="unit_id")
        unit = resources.get_unit(db, unit_id=number)
        if not can_run_board(user) and user.username not in unit.officers:
            raise Forbidden("Only the unit's officers or a controller can change its status")
        resources.set_status(db, unit_id=unit.id, status=status, actor=user.username)

    return _act(request, db, user, incident_id, form, apply, "unit_id")


@router.post(
    "/incidents/{incident_id}/close", response_class=HTMLResponse, summary="Close an incident"
)
def close(
    request: Request, db: SessionDep, user: Controller, incident_id: IncidentId, form: FormFields
) -> Response:
    return _act(
        request,
        db,
        user,
        incident_id,
        form,
        lambda: service.close_incident(
            db,
            incident_id=incident_id,
            actor=user.username,
            closing_code=form.get("closing_code", ""),
            reason=form.get("reason", ""),
        ),
        "closing_code",
    )


@router.post(
    "/incidents/{incident_id}/duplicate",
    response_class=HTMLResponse,
    summary="Merge or link a possible duplicate",
)
def duplicate(
    request: Request,
    db: SessionDep,
    user: Controller,
    incident_id: IncidentId,
    form: FormFields,
) -> Response:
    other = form.get("other", "")

    def apply() -> None:
        other_id = whole_number(other)
        if other_id is None:
            raise InvalidRequest("Choose the other incident", field="other")
        if form.get("action") == "merge":
            board.merge(db, duplicate_id=other_id, into_id=incident_id, actor=user.username)
        else:
            board.link(db, incident_id=incident_id, other_id=other_id, actor=user.username)

    return _act(request, db, user, incident_id, form, apply, "other")


def incident_summary(incident: Incident) -> str:
    return f"{incident.log_number}: grade {incident.grade} {codes.label_of(incident.opening_code)}"
