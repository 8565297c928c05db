"""Need-to-know pages: the case team of a request (add and remove colleagues), and the form on
which a supervisor states why they need to open another team's request (see `access.py`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, Response

from synergy.core import form_errors
from synergy.core.deps import SessionDep, client_ip
from synergy.core.errors import InvalidRequest
from synergy.core.web import redirect, render
from synergy.evidence import access, service
from synergy.evidence.deps import Investigator, PublicId, Viewer
from synergy.evidence.models import UploadRequest

router = APIRouter(prefix="/evidence/requests")

Username = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9._-]{0,63}$")]


def _team_page(
    request: Request,
    upload_request: UploadRequest,
    error: InvalidRequest | None = None,
    username: str = "",
) -> Response:
    return render(
        request,
        "evidence/team.html",
        {
            "title": f"Case team for {upload_request.reference}",
            "upload_request": upload_request,
            "username": username,
            "errors": form_errors.summary(error),
            "field_errors": form_errors.by_field(error),
        },
        status_code=422 if error else 200,
    )


@router.get("/{public_id}/team", response_class=HTMLResponse, summary="Case team")
def team_page(
    request: Request, db: SessionDep, user: Investigator, public_id: PublicId
) -> Response:
    return _team_page(request, access.changeable(db, public_id=public_id, user=user))


@router.post("/{public_id}/team", response_class=HTMLResponse, summary="Add to the case team")
def add_member(
    request: Request,
    db: SessionDep,
    user: Investigator,
    public_id: PublicId,
    username: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    upload_request = access.changeable(db, public_id=public_id, user=user)
    try:
        access.add_member(
            db,
            request=upload_request,
            username=username,
            actor=user.username,
            source_ip=client_ip(request),
        )
    except InvalidRequest as exc:
        return _team_page(request, upload_request, exc, username)
    return redirect(f"/evidence/requests/{public_id}/team")


@router.post("/{public_id}/team/{username}/remove", summary="Remove from the case team")
def remove_member(
    request: Request,
    db: SessionDep,
    user: Investigator,
    public_id: PublicId,
    username: Username,
) -> Response:
    upload_request = access.changeable(db, public_id=public_id, user=user)
    access.remove_member(
        db,
        request=upload_request,
        username=username,
        actor=user.username,
        source_ip=client_ip(request),
    )
    return redirect(f"/evidence/requests/{public_id}/team")


def reason_page(
    request: Request,
    upload_request: UploadRequest,
    error: InvalidRequest | None = None,
    reason: str = "",
) -> Response:
    return render(
        request,
        "evidence/reason.html",
        {
            "title": "Say why you need to open this CCTV request",
            "upload_request": upload_request,
            "reason": reason,
            "errors": form_errors.summary(error),
            "field_errors": form_errors.by_field(error),
        },
        status_code=422 if error else 200,
    )


@router.post("/{public_id}/reason", response_class=HTMLResponse, summary="State a reason to open")
def state_reason(
    request: Request,
    db: SessionDep,
    user: Viewer,
    public_id: PublicId,
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    try:
        access.state_reason(
            db, public_id=public_id, user=user, reason=reason, source_ip=client_ip(request)
        )
    except InvalidRequest as exc:
        upload_request = service.get_request(db, public_id=public_id)
        return reason_page(request, upload_request, exc, reason)
    return redirect(f"/evidence/requests/{public_id}")
