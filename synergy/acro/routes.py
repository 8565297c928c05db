"""JSON API: ACRO requests for records officers, and the callback ACRO posts replies to."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from synergy.acro import replies, service
from synergy.acro.deps import RecordsOfficer, RecordsReader, RequestId
from synergy.acro.models import AcroRequest
from synergy.acro.schemas import AcroRequestOut, CallbackAnswer, CompletionIn
from synergy.acro.settings import AcroSettings
from synergy.acro.signatures import SIGNATURE_HEADER, TIMESTAMP_HEADER, is_valid
from synergy.core.body_limits import ACRO_CALLBACK_LIMIT
from synergy.core.deps import SessionDep, SettingsDep, client_ip, csrf_exempt, public
from synergy.core.errors import InvalidRequest, NotAuthenticated
from synergy.core.principal import Principal

router = APIRouter(prefix="/api/acro", tags=["acro"])
MAX_CALLBACK_BYTES = ACRO_CALLBACK_LIMIT


def request_out(request: AcroRequest) -> AcroRequestOut:
    out = AcroRequestOut.model_validate(request)
    return out.model_copy(update={"overdue": service.is_overdue(request)})


@router.get("/requests", summary="ACRO requests, newest first", response_model=list[AcroRequestOut])
def list_requests(
    db: SessionDep,
    _: RecordsReader,
    status: Annotated[str | None, Query(pattern=r"^[a-z_]{1,20}$")] = None,
) -> list[AcroRequestOut]:
    return [request_out(r) for r in service.list_requests(db, status=status)]


@router.get("/requests/{request_id}", summary="One ACRO request", response_model=AcroRequestOut)
def get_request(db: SessionDep, _: RecordsReader, request_id: RequestId) -> AcroRequestOut:
    return request_out(service.get_request(db, request_id=request_id))


@router.post(
    "/requests/{request_id}/complete",
    summary="Fill in a request's missing details",
    response_model=AcroRequestOut,
)
def complete_request(
    db: SessionDep, user: RecordsOfficer, request_id: RequestId, body: CompletionIn
) -> AcroRequestOut:
    request = service.complete_request(
        db,
        request_id=request_id,
        values=body.values,
        actor=user.username,
        purpose=body.purpose,
        purpose_detail=body.purpose_detail,
    )
    return request_out(request)


@router.post(
    "/requests/{request_id}/resend",
    summary="Send a dead letter again",
    response_model=AcroRequestOut,
)
def resend(
    request: Request, db: SessionDep, user: RecordsOfficer, request_id: RequestId
) -> AcroRequestOut:
    service.resend(db, request_id=request_id, actor=user.username, source_ip=client_ip(request))
    return request_out(service.get_request(db, request_id=request_id))


async def _raw_body(request: Request) -> bytes:
    return await request.body()


@router.post(
    "/responses",
    summary="ACRO reply callback (signed)",
    response_model=CallbackAnswer,
    max_body_size=ACRO_CALLBACK_LIMIT,
)
@csrf_exempt
def receive_response(
    request: Request,
    body: Annotated[bytes, Depends(_raw_body)],
    db: SessionDep,
    settings: SettingsDep,
    _: Annotated[Principal | None, public("ACRO gateway callback, authenticated by signature")],
) -> CallbackAnswer:
    secret = settings.section(AcroSettings).callback_secret
    given = request.headers.get(SIGNATURE_HEADER, "")
    timestamp = request.headers.get(TIMESTAMP_HEADER, "")
    if (
        secret is None
        or len(body) > MAX_CALLBACK_BYTES
        or not is_valid(secret.get_secret_value().encode(), timestamp, given, body)
    ):
        raise NotAuthenticated("The callback signature is missing, wrong or too old")
    try:
        payload = json.loads(body)
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        raise InvalidRequest("The callback body must be a JSON object")
    return CallbackAnswer(stored=replies.record_response(db, payload))
