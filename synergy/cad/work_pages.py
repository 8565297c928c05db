"""Pages for the work around incidents: units, an officer's incidents and tasks, the
crime-recording queue, supervisors' task allocation, and arrests waiting for their incident."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from synergy.cad import crime_recording, resources, service, tasks
from synergy.cad.deps import (
    Controller,
    CrimeRecorder,
    Officer,
    ReportId,
    Supervisor,
    TaskId,
    UnitId,
)
from synergy.cad.display import page
from synergy.cad.forms import one_error
from synergy.cad.intake import attach_arrest_to_log, unlinked_arrests
from synergy.cad.models import UnitStatus
from synergy.core.deps import FormFields, RecordId, SessionDep
from synergy.core.errors import InvalidRequest, SynergyError
from synergy.core.roles import Role
from synergy.core.web import redirect

router = APIRouter(prefix="/cad")


# --- Units ---------------------------------------------------------------------------------


def _units_page(
    request: Request,
    db: SessionDep,
    form: dict[str, str],
    errors: list[dict[str, str]],
    status: int = 200,
) -> Response:
    return page(
        request,
        "cad/units.html",
        {
            "title": "Units",
            "units": resources.units(db),
            "statuses": UnitStatus.ALL,
            "form": form,
            "errors": errors,
        },
        status_code=status,
    )


@router.get("/units", response_class=HTMLResponse, summary="Units and their status")
def units_page(request: Request, db: SessionDep, _: Controller) -> Response:
    return _units_page(request, db, {}, [])


@router.post("/units", response_class=HTMLResponse, summary="Add a unit")
def add_unit(request: Request, db: SessionDep, _: Controller, form: FormFields) -> Response:
    try:
        resources.create_unit(
            db,
            call_sign=form.get("call_sign", ""),
            officers=form.get("officers", "").replace(",", " ").split(),
            area=form.get("area", ""),
        )
    except SynergyError as exc:
        db.rollback()
        return _units_page(request, db, form, one_error(exc.message, exc.field, "call_sign"), 422)
    return redirect("/cad/units")


@router.post("/units/{unit_id}/status", response_class=HTMLResponse, summary="Set a unit's status")
def set_unit_status(
    request: Request, db: SessionDep, user: Controller, unit_id: UnitId, form: FormFields
) -> Response:
    try:
        resources.set_status(
            db, unit_id=unit_id, status=form.get("status", ""), actor=user.username
        )
    except SynergyError as exc:
        db.rollback()
        return _units_page(request, db, {}, one_error(exc.message, f"status-{unit_id}", ""), 422)
    return redirect("/cad/units")


# --- An officer's incidents and tasks -------------------------------------------------------


@router.get("/my-incidents", response_class=HTMLResponse, summary="Incidents I am sent to")
def my_incidents(request: Request, db: SessionDep, user: Officer) -> Response:
    mine = [u for u in resources.units(db) if user.username in u.officers]
    return page(
        request,
        "cad/my_incidents.html",
        {
            "title": "My incidents",
            "incidents": service.incidents_assigned_to(db, user.username),
            "units": mine,
            "tasks": tasks.tasks_for(db, user.username),
            "statuses": UnitStatus,
        },
    )


@router.post(
    "/my-units/{unit_id}/status", response_class=HTMLResponse, summary="Set my unit's status"
)
def set_my_unit_status(
    request: Request, db: SessionDep, user: Officer, unit_id: UnitId, form: FormFields
) -> Response:
    unit = resources.get_unit(db, unit_id=unit_id)
    if user.username not in unit.officers:
        raise InvalidRequest("You are not one of this unit's officers")
    resources.set_status(db, unit_id=unit.id, status=form.get("status", ""), actor=user.username)
    return redirect("/cad/my-incidents")


def _task_page(
    request: Request, db: SessionDep, task_id: int, errors: list[dict[str, str]], status: int = 200
) -> Response:
    task = tasks.get_task(db, task_id=task_id)
    return page(
        request,
        "cad/task.html",
        {
            "title": "Answer a caller",
            "task": task,
            "errors": errors,
            "matches": tasks.caller_matches_case(db, task),
        },
        status_code=status,
    )


@router.get("/tasks/{task_id}", response_class=HTMLResponse, summary="A task")
def task_page(request: Request, db: SessionDep, _: Officer, task_id: TaskId) -> Response:
    return _task_page(request, db, task_id, [])


@router.post("/tasks/{task_id}/answer", response_class=HTMLResponse, summary="Answer a task")
def answer_task(
    request: Request, db: SessionDep, user: Officer, task_id: TaskId, form: FormFields
) -> Response:
    try:
        tasks.answer(
            db,
            task_id=task_id,
            actor=user.username,
            text=form.get("answer", ""),
            may_answer_any=Role.SUPERVISOR in user.roles,
        )
    except SynergyError as exc:
        db.rollback()
        return _task_page(request, db, task_id, one_error(exc.message, exc.field, "answer"), 422)
    return redirect("/cad/my-incidents")


@router.get("/tasks", response_class=HTMLResponse, summary="Tasks nobody has yet")
def unallocated(request: Request, db: SessionDep, _: Supervisor) -> Response:
    return page(
        request,
        "cad/tasks.html",
        {
            "title": "Tasks to allocate",
            "tasks": tasks.unallocated_tasks(db),
            "errors": [],
        },
    )


@router.post("/tasks/{task_id}/allocate", response_class=HTMLResponse, summary="Allocate a task")
def allocate(
    request: Request, db: SessionDep, user: Supervisor, task_id: TaskId, form: FormFields
) -> Response:
    tasks.allocate(db, task_id=task_id, officer=form.get("officer", ""), actor=user.username)
    return redirect("/cad/tasks")


# --- Crime recording ------------------------------------------------------------------------


@router.get("/crime-reports", response_class=HTMLResponse, summary="The crime-recording queue")
def crime_queue(request: Request, db: SessionDep, _: CrimeRecorder) -> Response:
    return page(
        request,
        "cad/crime_reports.html",
        {
            "title": "Crime-recording queue",
            "reports": crime_recording.queued_reports(db),
            "decided": crime_recording.recent_decisions(db),
        },
    )


def _report_page(
    request: Request,
    db: SessionDep,
    report_id: int,
    errors: list[dict[str, str]],
    form: dict[str, str],
    status: int = 200,
) -> Response:
    report = crime_recording.get_report(db, report_id=report_id)
    return page(
        request,
        "cad/crime_report.html",
        {
            "title": "Crime report",
            "report": report,
            "errors": errors,
            "form": form,
        },
        status_code=status,
    )


@router.get("/crime-reports/{report_id}", response_class=HTMLResponse, summary="A crime report")
def crime_report(
    request: Request, db: SessionDep, _: CrimeRecorder, report_id: ReportId
) -> Response:
    return _report_page(request, db, report_id, [], {})


@router.post(
    "/crime-reports/{report_id}/decision",
    response_class=HTMLResponse,
    summary="Record a crime or close the report",
)
def decide(
    request: Request, db: SessionDep, user: CrimeRecorder, report_id: ReportId, form: FormFields
) -> Response:
    try:
        if form.get("decision") == "record":
            crime_recording.record_crime(
                db,
                report_id=report_id,
                actor=user.username,
                officer_in_charge=form.get("officer", ""),
            )
        elif form.get("decision") == "close":
            crime_recording.close_report(
                db, report_id=report_id, actor=user.username, reason=form.get("reason", "")
            )
        else:
            raise InvalidRequest(
                "Choose whether to record a crime or close the report", field="decision"
            )
    except SynergyError as exc:
        db.rollback()
        errors = one_error(exc.message, exc.field, "decision")
        return _report_page(request, db, report_id, errors, form, 422)
    return redirect(f"/cad/crime-reports/{report_id}")


# --- Arrests waiting for their incident -----------------------------------------------------


@router.get("/arrests", response_class=HTMLResponse, summary="Arrests to link to incidents")
def arrests(request: Request, db: SessionDep, _: Controller) -> Response:
    return page(
        request,
        "cad/arrests.html",
        {
            "title": "Arrests to link",
            "arrests": unlinked_arrests(db),
            "errors": [],
        },
    )


@router.post(
    "/arrests/{arrest_record_id}/link",
    response_class=HTMLResponse,
    summary="Link an arrest to its incident",
)
def link_arrest(
    request: Request,
    db: SessionDep,
    user: Controller,
    arrest_record_id: RecordId,
    form: FormFields,
) -> Response:
    attach_arrest_to_log(
        db,
        arrest_record_id=arrest_record_id,
        log_number=form.get("log_number", ""),
        actor=user.username,
    )
    return redirect("/cad/arrests")
