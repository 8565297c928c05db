"""Officers' pages: the notebook, one entry, corrections and attaching to an incident
(sending what an entry names to records: records_pages.py)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from synergy.core.deps import FormWithFiles, SessionDep
from synergy.core.errors import SynergyError
from synergy.core.roles import Role
from synergy.core.web import redirect, render
from synergy.notebook import service, subjects
from synergy.notebook.deps import ContextDep, EntryNumber, Officer, OfficerOrSupervisor
from synergy.notebook.forms import (
    CANVAS_HEIGHT,
    CANVAS_WIDTH,
    ENTRY_FORM_LIMIT,
    SIGNATURE_HEIGHT,
    content_from_form,
    device_time_from,
)
from synergy.notebook.permissions import LOCATION_ALLOWED
from synergy.notebook.presenting import entry_context

router = APIRouter()
NEWEST = 50
SENT = {
    "person": "Person added to records and linked to this entry.",
    "vehicle": "Vehicle sent to records and linked to this entry.",
    "place": "Place sent to records and linked to this entry.",
}


def _errors(exc: SynergyError, default: str) -> list[dict[str, str]]:
    return [{"text": exc.message, "href": f"#{exc.field or default}"}]


def _notebook_page(
    request: Request,
    db: Any,
    context: ContextDep,
    user: Any,
    *,
    form: dict[str, str] | None = None,
    errors: list[dict[str, str]] | None = None,
    status_code: int = 200,
) -> Response:
    is_officer = Role.OFFICER in user.roles
    notebook = service.find_notebook(db, officer=user.username) if is_officer else None
    entries = service.entry_views(db, context.keyring, notebook, newest=NEWEST) if notebook else []
    response = render(
        request,
        "notebook/index.html",
        {
            "title": "Your pocket notebook" if is_officer else "Pocket notebooks",
            "is_officer": is_officer,
            "is_supervisor": Role.SUPERVISOR in user.roles,
            "entries": [entry_context(e, context.settings) for e in reversed(entries)],
            "total": notebook.head_seq if notebook else 0,
            "incidents": service.incidents_assigned_to(db, officer=user.username),
            "form": form or {},
            "errors": errors,
            "canvas": {
                "width": CANVAS_WIDTH,
                "height": CANVAS_HEIGHT,
                "signature": SIGNATURE_HEIGHT,
            },
        },
        status_code=status_code,
    )
    response.headers["Permissions-Policy"] = LOCATION_ALLOWED
    return response


@router.get("/notebook", response_class=HTMLResponse, summary="Your pocket notebook")
def notebook(
    request: Request, db: SessionDep, context: ContextDep, user: OfficerOrSupervisor
) -> Response:
    return _notebook_page(request, db, context, user)


@router.post(
    "/notebook/entries",
    response_class=HTMLResponse,
    summary="Write an entry",
    max_body_size=ENTRY_FORM_LIMIT,
)
async def write_entry(
    request: Request, db: SessionDep, context: ContextDep, user: Officer, form: FormWithFiles
) -> Response:
    try:
        content = await content_from_form(form, max_photo_bytes=context.settings.max_photo_bytes)
        entry = service.add_entry(
            db,
            context.keyring,
            officer=user.username,
            content=content,
            device_time=device_time_from(form),
        )
    except SynergyError as exc:
        kept = {k: v for k, v in form.items() if isinstance(v, str)}
        return _notebook_page(
            request, db, context, user, form=kept, errors=_errors(exc, "text"), status_code=422
        )
    return redirect(f"/notebook/entries/{entry.seq}?saved=1")


def _entry_page(
    request: Request,
    db: Any,
    context: ContextDep,
    user: Any,
    seq: int,
    *,
    errors: list[dict[str, str]] | None = None,
    status_code: int = 200,
) -> Response:
    view = service.entry_view(db, context.keyring, officer=user.username, seq=seq)
    entry_id = service.entry_row(db, officer=user.username, seq=seq).id
    return render(
        request,
        "notebook/entry.html",
        {
            "title": f"Entry {seq}",
            "entry": entry_context(view, context.settings),
            "saved": request.query_params.get("saved") == "1",
            "incidents": service.incidents_assigned_to(db, officer=user.username),
            "linked": subjects.subjects_of(db, [entry_id]).get(entry_id, []),
            "sent": SENT.get(request.query_params.get("sent", ""), ""),
            "errors": errors,
            "form": {},
        },
        status_code=status_code,
    )


@router.get("/notebook/entries/{seq}", response_class=HTMLResponse, summary="One notebook entry")
def entry(
    request: Request, db: SessionDep, context: ContextDep, user: Officer, seq: EntryNumber
) -> Response:
    return _entry_page(request, db, context, user, seq)


@router.post(
    "/notebook/entries/{seq}/correction", response_class=HTMLResponse, summary="Correct an entry"
)
async def correct(
    request: Request,
    db: SessionDep,
    context: ContextDep,
    user: Officer,
    seq: EntryNumber,
    form: FormWithFiles,
) -> Response:
    text, reason = form.get("text"), form.get("reason")
    try:
        correction = service.correct_entry(
            db,
            context.keyring,
            officer=user.username,
            seq=seq,
            text=text if isinstance(text, str) else "",
            reason=reason if isinstance(reason, str) else "",
            device_time=device_time_from(form),
        )
    except SynergyError as exc:
        return _entry_page(
            request, db, context, user, seq, errors=_errors(exc, "text"), status_code=422
        )
    return redirect(f"/notebook/entries/{correction.seq}?saved=1")


@router.post(
    "/notebook/entries/{seq}/incident", response_class=HTMLResponse, summary="Attach to an incident"
)
async def attach(
    request: Request,
    db: SessionDep,
    context: ContextDep,
    user: Officer,
    seq: EntryNumber,
    form: FormWithFiles,
) -> Response:
    log = form.get("incident_log")
    try:
        service.attach_to_incident(
            db, officer=user.username, seq=seq, incident_log=log if isinstance(log, str) else ""
        )
    except SynergyError as exc:
        errors = _errors(exc, "incident_log")
        return _entry_page(request, db, context, user, seq, errors=errors, status_code=422)
    return redirect(f"/notebook/entries/{seq}")


def _include_other_pages() -> None:
    # One router for the app to find; the other page modules keep their own concerns.
    from synergy.notebook import (
        assets,
        offline_pages,
        records_pages,
        review_pages,
        supervisor_pages,
    )

    for module in (assets, review_pages, supervisor_pages, offline_pages, records_pages):
        router.include_router(module.router)


_include_other_pages()
