"""Investigators' pages: list, create, send, revoke and extend upload requests, and see their
progress. Each request is seen only by its case team, or by a supervisor who states a reason
(`access.py`, `team_pages.py`). Review (playback, download, export) is in `review.py`; the
public's pages are in `upload_pages.py`; all are mounted here."""

from __future__ import annotations

import functools
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from synergy.core import form_errors
from synergy.core.deps import SessionDep, client_ip
from synergy.core.errors import InvalidRequest
from synergy.core.form_errors import FormErrors
from synergy.core.formatting import whole_number
from synergy.core.references import ReferenceFormatError, normalise_reference
from synergy.core.roles import Role
from synergy.core.web import redirect, render
from synergy.evidence import (
    access,
    media,
    review,
    sending,
    service,
    team_pages,
    tokens,
    upload_pages,
)
from synergy.evidence.deps import Investigator, PublicId, Viewer
from synergy.evidence.settings import EvidenceSettings
from synergy.identity import service as identity

# Each router carries its own "/evidence" prefix, so every route's path is its full address.
investigator = APIRouter(prefix="/evidence")

RequestId = PublicId


@investigator.get("", response_class=HTMLResponse, summary="Upload requests")
def list_page(
    request: Request,
    db: SessionDep,
    user: Viewer,
    reference: Annotated[str, Query(max_length=100)] = "",
) -> Response:
    errors, canonical = [], None
    if reference.strip():
        try:
            canonical = normalise_reference(reference, kinds=service.ACCEPTED_KINDS)
        except ReferenceFormatError as exc:
            errors = [{"text": str(exc), "href": "#reference"}]
    notes = service.recent_notifications(db, username=user.username)
    return render(
        request,
        "evidence/list.html",
        {
            "title": "CCTV upload requests",
            "requests": []
            if errors
            else access.visible_requests(db, user=user, reference=canonical),
            "others": access.other_teams_requests(db, user=user, reference=canonical)
            if canonical
            else [],
            "status_of": service.status_of,
            "reference": reference,
            "canonical": canonical,
            "errors": errors,
            "notifications": notes,
            "can_create": Role.INVESTIGATOR in user.roles,
        },
    )


def _form_page(
    request: Request,
    form: dict[str, object],
    error: InvalidRequest | None = None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "evidence/new.html",
        {
            "title": "Ask for CCTV footage",
            "form": form,
            "texts_links": request.app.state.settings.section(EvidenceSettings).texts_links,
            "errors": form_errors.summary(error),
            "field_errors": form_errors.by_field(error),
        },
        status_code=status_code,
    )


DEFAULT_FORM = {
    "reference": "",
    "description": "",
    "email": "",
    "mobile": "",
    "expiry_days": service.DEFAULT_EXPIRY_DAYS,
    "max_files": service.DEFAULT_MAX_FILES,
    "max_file_gb": service.DEFAULT_MAX_FILE_GB,
    "max_total_gb": service.DEFAULT_MAX_TOTAL_GB,
    "single_use": False,
}


@investigator.get("/requests/new", response_class=HTMLResponse, summary="New upload request form")
def new_page(request: Request, _: Investigator) -> Response:
    return _form_page(request, dict(DEFAULT_FORM))


def _whole(value: str, field: str) -> int:
    number = whole_number(value)
    if number is None:
        raise InvalidRequest("Enter a whole number", field=field)
    return number


@investigator.post("/requests/new", response_class=HTMLResponse, summary="Create and send a link")
def create(
    request: Request,
    db: SessionDep,
    user: Investigator,
    reference: Annotated[str, Form(max_length=200)] = "",
    description: Annotated[str, Form(max_length=4000)] = "",
    email: Annotated[str, Form(max_length=320)] = "",
    mobile: Annotated[str, Form(max_length=40)] = "",
    expiry_days: Annotated[str, Form(max_length=10)] = "7",
    max_files: Annotated[str, Form(max_length=10)] = "16",
    max_file_gb: Annotated[str, Form(max_length=10)] = "60",
    max_total_gb: Annotated[str, Form(max_length=10)] = "200",
    single_use: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    raw = {
        "reference": reference,
        "description": description,
        "email": email,
        "mobile": mobile,
        "expiry_days": expiry_days,
        "max_files": max_files,
        "max_file_gb": max_file_gb,
        "max_total_gb": max_total_gb,
        "single_use": single_use == "yes",
    }
    settings = request.app.state.settings
    # Every problem at once: the whole numbers here, the rest in the service's validation.
    errors = FormErrors()
    numbers = {
        name: errors.check(name, functools.partial(_whole, str(raw[name]), name))
        for name in ("expiry_days", "max_files", "max_file_gb", "max_total_gb")
    }
    try:
        form = service.NewRequest(
            reference=reference,
            description=description,
            email=email,
            mobile=mobile,
            single_use=single_use == "yes",
            **{name: value or 1 for name, value in numbers.items()},
        )
        account = identity.get_by_username(db, username=user.username)
        upload_request, token = service.create_request(
            db,
            secret=settings.secret(),
            form=form,
            actor=user.username,
            notify_email=account.email if account else None,
            source_ip=client_ip(request),
            errors=errors,
        )
    except InvalidRequest as exc:
        return _form_page(request, raw, exc, status_code=422)
    link = service.upload_link(settings.base_url or str(request.base_url), token)
    outcomes = service.send_link(
        db,
        settings=settings,
        request=upload_request,
        link=link,
        actor=user.username,
        source_ip=client_ip(request),
        short_code=token.short_code,
    )
    # Shown once: only a digest of the token is kept, so the link cannot be shown again.
    return render(
        request,
        "evidence/link.html",
        {
            "title": "Upload link created",
            "upload_request": upload_request,
            "link": link,
            "short_code": tokens.spaced(token.short_code),
            "code_address": service.code_address(settings.base_url or str(request.base_url)),
            "qr_svg": sending.qr_svg(link),
            "outcomes": outcomes,
        },
        status_code=201,
    )


@investigator.get("/requests/{public_id}", response_class=HTMLResponse, summary="Upload request")
def detail_page(request: Request, db: SessionDep, user: Viewer, public_id: RequestId) -> Response:
    try:
        allowed = access.readable(db, public_id=public_id, user=user)
    except access.ReasonNeeded:
        return team_pages.reason_page(request, service.get_request(db, public_id=public_id))
    access.record_read(
        db, access=allowed, user=user, what="request page", source_ip=client_ip(request)
    )
    upload_request = allowed.request
    return render(
        request,
        "evidence/detail.html",
        {
            "title": f"CCTV request for {upload_request.reference}",
            "upload_request": upload_request,
            "describe_media": media.describe,
            "status": service.status_of(upload_request),
            "can_change": allowed.reason is None and Role.INVESTIGATOR in user.roles,
            "reason": allowed.reason,
        },
    )


@investigator.post("/requests/{public_id}/revoke", summary="Cancel an upload link")
def revoke(request: Request, db: SessionDep, user: Investigator, public_id: RequestId) -> Response:
    upload_request = access.changeable(db, public_id=public_id, user=user)
    service.revoke(db, request=upload_request, actor=user.username, source_ip=client_ip(request))
    return redirect(f"/evidence/requests/{public_id}")


@investigator.post("/requests/{public_id}/extend", summary="Make an upload link last longer")
def extend(
    request: Request,
    db: SessionDep,
    user: Investigator,
    public_id: RequestId,
    days: Annotated[str, Form(max_length=5)] = "7",
) -> Response:
    upload_request = access.changeable(db, public_id=public_id, user=user)
    service.extend(
        db,
        request=upload_request,
        days=_whole(days, "days"),
        actor=user.username,
        source_ip=client_ip(request),
    )
    return redirect(f"/evidence/requests/{public_id}")


router = APIRouter()
router.include_router(investigator)
router.include_router(team_pages.router)
router.include_router(review.router)
router.include_router(upload_pages.router)
router.include_router(upload_pages.short)
