"""Pages for records officers: ACRO requests with status, age and deadline, the work queue of
incomplete requests, one request, and dead letters with re-send."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from synergy.acro import exchange, replies, service
from synergy.acro.deps import RecordsOfficer, RecordsReader, RequestId
from synergy.acro.forms import completion_values
from synergy.acro.models import DEAD_LETTER, INCOMPLETE, AcroRequest
from synergy.core.db import utcnow
from synergy.core.deps import FormFields, SessionDep, client_ip
from synergy.core.errors import SynergyError
from synergy.core.principal import Principal
from synergy.core.roles import Role
from synergy.core.web import redirect, render

router = APIRouter(prefix="/acro")


def _age(request: AcroRequest, now: dt.datetime) -> str:
    minutes = int((now - request.created_at).total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} days"


def _rows(requests: list[AcroRequest]) -> list[dict[str, Any]]:
    now = utcnow()
    return [
        {
            "request": r,
            "age": _age(r, now),
            "overdue": service.is_overdue(r),
            "missing": [exchange.REQUIRED_FIELDS.get(f, f) for f in r.missing_fields],
        }
        for r in requests
    ]


@router.get("", response_class=HTMLResponse, summary="ACRO requests")
def requests_list(request: Request, db: SessionDep, _: RecordsReader) -> Response:
    counts = service.status_counts(db)
    return render(
        request,
        "acro/requests.html",
        {
            "title": "ACRO requests",
            "rows": _rows(service.list_requests(db)),
            "counts": counts,
            "minutes_saved": service.minutes_saved(db),
        },
    )


@router.get("/work-queue", response_class=HTMLResponse, summary="Requests missing details")
def work_queue(request: Request, db: SessionDep, _: RecordsReader) -> Response:
    return render(
        request,
        "acro/work_queue.html",
        {
            "title": "Requests missing details",
            "rows": _rows(service.list_requests(db, status=INCOMPLETE, limit=500)),
        },
    )


@router.get("/dead-letters", response_class=HTMLResponse, summary="Requests that failed to send")
def dead_letters(request: Request, db: SessionDep, user: RecordsReader) -> Response:
    return render(
        request,
        "acro/dead_letters.html",
        {
            "title": "Requests that failed to send",
            "rows": _rows(service.list_requests(db, status=DEAD_LETTER, limit=500)),
            "can_resend": Role.RECORDS_OFFICER in user.roles,
        },
    )


def _detail(
    request: Request,
    db: Any,
    user: Principal,
    request_id: int,
    errors: list[dict[str, str]] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    found = service.get_request(db, request_id=request_id)
    return render(
        request,
        "acro/request.html",
        {
            "title": f"ACRO request for {found.custody_number}",
            "row": _rows([found])[0],
            "payload": found.payload,
            "labels": exchange.REQUIRED_FIELDS,
            "purposes": exchange.PURPOSES,
            "responses": replies.responses_for(db, request_id=request_id),
            "can_edit": Role.RECORDS_OFFICER in user.roles,
            "errors": errors or [],
            "form": form or {},
        },
        status_code=status_code,
    )


@router.get("/requests/{request_id}", response_class=HTMLResponse, summary="One ACRO request")
def request_detail(
    request: Request, db: SessionDep, user: RecordsReader, request_id: RequestId
) -> Response:
    return _detail(request, db, user, request_id)


@router.post(
    "/requests/{request_id}/complete",
    response_class=HTMLResponse,
    summary="Fill in a request's missing details",
)
def complete(
    request: Request, db: SessionDep, user: RecordsOfficer, request_id: RequestId, form: FormFields
) -> Response:
    found = service.get_request(db, request_id=request_id)
    values = completion_values(found.missing_fields, form)
    try:
        service.complete_request(
            db,
            request_id=request_id,
            values=values,
            actor=user.username,
            purpose=form.get("purpose") or None,
            purpose_detail=form.get("purpose_detail") or None,
        )
    except SynergyError as exc:
        errors = [{"text": exc.message, "href": f"#{exc.field or 'complete'}"}]
        return _detail(request, db, user, request_id, errors, form, exc.status_code)
    return redirect(f"/acro/requests/{request_id}")


@router.post("/requests/{request_id}/resend", summary="Send a failed request again")
def resend(
    request: Request, db: SessionDep, user: RecordsOfficer, request_id: RequestId
) -> Response:
    service.resend(db, request_id=request_id, actor=user.username, source_ip=client_ip(request))
    return redirect(f"/acro/requests/{request_id}")
