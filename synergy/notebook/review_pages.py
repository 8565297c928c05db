"""Pages that give entries out: PDF extracts (the officer's password again first) and the
MG6C schedule of unused material."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup, escape
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from synergy.core.deps import FormWithFiles, SessionDep, client_ip
from synergy.core.errors import SynergyError
from synergy.core.formatting import whole_number
from synergy.core.principal import Principal
from synergy.core.web import render
from synergy.notebook import access, disclosure, service
from synergy.notebook.deps import ContextDep, NotebookContext, Officer

router = APIRouter()
NEWEST = 200


def seqs_from(form: FormData) -> list[int]:
    numbers = (whole_number(v) for v in form.getlist("entries") if isinstance(v, str))
    return [n for n in numbers if n is not None]


def _description_field(seq: int, default: str) -> Markup:
    """The MG6C description of one entry, shown when its box is ticked; the officer may edit."""
    name = f"description-{seq}"
    return Markup(  # noqa: S704 - the only text inside is escaped
        f'<div class="govuk-form-group"><label class="govuk-label" for="{name}">'
        f"Description of entry {seq} on the schedule</label>"
        f'<textarea class="govuk-textarea" id="{name}" name="{name}" rows="2">'
        f"{escape(default)}</textarea></div>"
    )


def _descriptions(form: FormData) -> dict[int, str]:
    found = {}
    for key, value in form.items():
        number = whole_number(key.removeprefix("description-"))
        if key.startswith("description-") and number is not None and isinstance(value, str):
            found[number] = value[:500]
    return found


def check_password_again(request: Request, db: Session, user: Principal, form: FormData) -> None:
    """The user's password, typed again on this form, before a disclosure (audited)."""
    password = form.get("password")
    access.reauthenticate(
        db,
        request.app.state.settings,
        user=user,
        password=password if isinstance(password, str) else "",
        source_ip=client_ip(request),
    )


def extract_after_password(
    request: Request,
    db: Session,
    context: NotebookContext,
    user: Principal,
    form: FormData,
    *,
    officer: str,
) -> tuple[bytes, str]:
    """The extract's PDF and hash, once the user has typed their password again."""
    check_password_again(request, db, user, form)
    return disclosure.make_extract(
        db, context.keyring, officer=officer, seqs=seqs_from(form), actor=user.username
    )


def pdf_response(pdf: bytes, *, officer: str, digest: str) -> Response:
    return Response(
        pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="notebook-{officer}-{digest[:12]}.pdf"',
            "Cache-Control": "no-store",
        },
    )


def _choice_page(
    request: Request,
    db: Any,
    context: ContextDep,
    user: Any,
    *,
    template: str,
    title: str,
    errors: list[dict[str, str]] | None = None,
    status_code: int = 200,
    describe: bool = False,
) -> Response:
    notebook = service.find_notebook(db, officer=user.username)
    views = service.entry_views(db, context.keyring, notebook, newest=NEWEST) if notebook else []
    items = []
    for v in reversed(views):
        item: dict[str, Any] = {"value": str(v.seq), "text": disclosure.default_description(v)}
        if v.struck_through:
            corrected = ", ".join(map(str, v.corrected_by))
            item["hint"] = {"text": f"Struck through, corrected by entry {corrected}"}
        if describe:
            item["conditional"] = {"html": _description_field(v.seq, item["text"])}
        items.append(item)
    return render(
        request,
        template,
        {"title": title, "items": items, "errors": errors, "form": {}},
        status_code=status_code,
    )


@router.get("/notebook/extract", response_class=HTMLResponse, summary="Choose entries to extract")
def extract_form(request: Request, db: SessionDep, context: ContextDep, user: Officer) -> Response:
    return _choice_page(
        request, db, context, user, template="notebook/extract.html", title="Make a PDF extract"
    )


@router.post("/notebook/extract", summary="Download a PDF extract")
async def extract(
    request: Request, db: SessionDep, context: ContextDep, user: Officer, form: FormWithFiles
) -> Response:
    try:
        pdf, digest = extract_after_password(
            request, db, context, user, form, officer=user.username
        )
    except SynergyError as exc:
        errors = [{"text": exc.message, "href": f"#{exc.field or 'entries'}"}]
        return _choice_page(
            request,
            db,
            context,
            user,
            template="notebook/extract.html",
            title="Make a PDF extract",
            errors=errors,
            status_code=422,
        )
    return pdf_response(pdf, officer=user.username, digest=digest)


@router.get("/notebook/schedule", response_class=HTMLResponse, summary="Choose entries for MG6C")
def schedule_form(request: Request, db: SessionDep, context: ContextDep, user: Officer) -> Response:
    return _choice_page(
        request,
        db,
        context,
        user,
        template="notebook/schedule.html",
        title="Schedule of unused material (MG6C)",
        describe=True,
    )


@router.post("/notebook/schedule", summary="Download the MG6C schedule (CSV)")
async def schedule(
    request: Request, db: SessionDep, context: ContextDep, user: Officer, form: FormWithFiles
) -> Response:
    try:
        items = disclosure.mg6c_schedule(
            db,
            context.keyring,
            officer=user.username,
            seqs=seqs_from(form),
            descriptions=_descriptions(form),
        )
    except SynergyError as exc:
        errors = [{"text": exc.message, "href": "#entries"}]
        return _choice_page(
            request,
            db,
            context,
            user,
            template="notebook/schedule.html",
            title="Schedule of unused material (MG6C)",
            describe=True,
            errors=errors,
            status_code=422,
        )
    return Response(
        disclosure.schedule_csv(items),
        media_type="text/csv",
        headers={
            "Content-Disposition": 'attachment; filename="mg6c-notebook.csv"',
            "Cache-Control": "no-store",
        },
    )
