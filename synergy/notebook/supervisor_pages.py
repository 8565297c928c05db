"""Supervisors and another officer's notebook: a reason and their password open it for a few
minutes (audited with the reason); while open they may read it and make an extract of it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from synergy.core.deps import FormWithFiles, SessionDep, client_ip
from synergy.core.errors import Forbidden, InvalidRequest, SynergyError
from synergy.core.web import redirect, render
from synergy.notebook import access, disclosure, service
from synergy.notebook.deps import ContextDep, Supervisor, Username
from synergy.notebook.presenting import entry_context
from synergy.notebook.review_pages import (
    check_password_again,
    extract_after_password,
    pdf_response,
)

router = APIRouter()
NEWEST = 200


@router.get("/notebook/officer", summary="Find an officer's notebook (redirects)")
def find_officer(
    _: Supervisor, officer: Annotated[str, Query(pattern=r"^[a-z0-9][a-z0-9._-]{1,62}$")]
) -> Response:
    return redirect(f"/notebook/officers/{officer}")


def _officer_page(
    request: Request,
    db: Any,
    context: ContextDep,
    user: Any,
    officer: str,
    *,
    errors: list[dict[str, str]] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    allowed = _may_read(request, user, officer)
    notebook = service.find_notebook(db, officer=officer) if allowed else None
    entries = service.entry_views(db, context.keyring, notebook, newest=NEWEST) if notebook else []
    return render(
        request,
        "notebook/officer.html",
        {
            "title": f"Notebook of {officer}",
            "officer": officer,
            "allowed": allowed,
            "has_notebook": notebook is not None,
            "entries": [entry_context(e, context.settings) for e in reversed(entries)],
            "items": [
                {"value": str(e.seq), "text": disclosure.default_description(e)}
                for e in reversed(entries)
            ],
            "errors": errors,
            "form": form or {},
        },
        status_code=status_code,
    )


@router.get(
    "/notebook/officers/{officer}", response_class=HTMLResponse, summary="An officer's notebook"
)
def officer_notebook(
    request: Request, db: SessionDep, context: ContextDep, user: Supervisor, officer: Username
) -> Response:
    return _officer_page(request, db, context, user, officer)


@router.post(
    "/notebook/officers/{officer}",
    response_class=HTMLResponse,
    summary="Open an officer's notebook",
)
async def open_officer_notebook(
    request: Request,
    db: SessionDep,
    context: ContextDep,
    user: Supervisor,
    officer: Username,
    form: FormWithFiles,
) -> Response:
    reason = form.get("reason")
    reason = reason.strip() if isinstance(reason, str) else ""
    try:
        if not reason:
            raise InvalidRequest("Give the reason for opening this notebook", field="reason")
        check_password_again(request, db, user, form)
    except SynergyError as exc:
        errors = [{"text": exc.message, "href": f"#{exc.field or 'reason'}"}]
        return _officer_page(
            request,
            db,
            context,
            user,
            officer,
            errors=errors,
            form={"reason": reason},
            status_code=422,
        )
    access.record_opening(
        db, user=user, officer=officer, reason=reason, source_ip=client_ip(request)
    )
    response = redirect(f"/notebook/officers/{officer}")
    grant = access.read_grant(
        request.app.state.settings.secret(),
        user=user,
        officer=officer,
        minutes=context.settings.reauth_minutes,
    )
    response.set_cookie(
        access.READ_GRANT_COOKIE,
        grant,
        max_age=context.settings.reauth_minutes * 60,
        httponly=True,
        samesite="strict",
        secure=request.app.state.settings.behind_tls,
        path="/notebook/officers/",
    )
    return response


def _may_read(request: Request, user: Any, officer: str) -> bool:
    return access.may_read(
        request.app.state.settings.secret(),
        request.cookies.get(access.READ_GRANT_COOKIE),
        user=user,
        officer=officer,
    )


@router.post("/notebook/officers/{officer}/extract", summary="Extract from an officer's notebook")
async def officer_extract(
    request: Request,
    db: SessionDep,
    context: ContextDep,
    user: Supervisor,
    officer: Username,
    form: FormWithFiles,
) -> Response:
    """Needs the notebook open (reason given, audited) and the supervisor's password again."""
    try:
        if not _may_read(request, user, officer):
            raise Forbidden("Open the notebook, with your reason, before making an extract")
        pdf, digest = extract_after_password(request, db, context, user, form, officer=officer)
    except Forbidden:
        raise
    except SynergyError as exc:
        errors = [{"text": exc.message, "href": f"#{exc.field or 'entries'}"}]
        return _officer_page(request, db, context, user, officer, errors=errors, status_code=422)
    return pdf_response(pdf, officer=officer, digest=digest)
