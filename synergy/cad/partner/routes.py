"""JSON API: the endpoint partner control rooms send messages to, and what was exchanged."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from synergy.cad.deps import Controller, Supervisor
from synergy.cad.partner import service
from synergy.cad.partner.messages import MAX_MESSAGE_BYTES
from synergy.cad.partner.schemas import OutgoingOut, ReceivedOut
from synergy.cad.partner.settings import PartnerSettings
from synergy.cad.partner.signatures import AGENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER
from synergy.core.deps import (
    RecordId,
    SessionDep,
    SettingsDep,
    client_ip,
    csrf_exempt,
    public,
)
from synergy.core.errors import InvalidRequest
from synergy.core.principal import Principal

router = APIRouter(prefix="/api/cad/partner", tags=["cad partner exchange"])

# Controllers and supervisors see what was exchanged; supervisors send dead letters again.
Partnered = Annotated[Principal | None, public("partner control rooms sign every message")]


def exchange_settings(settings: SettingsDep) -> PartnerSettings:
    return settings.section(PartnerSettings)


ExchangeSettings = Annotated[PartnerSettings, Depends(exchange_settings)]


async def _raw_body(request: Request) -> bytes:
    """The body, read no further than one byte past the largest message we accept (the
    endpoint is public until the signature is checked)."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_MESSAGE_BYTES:
            raise InvalidRequest(f"A message may be at most {MAX_MESSAGE_BYTES} bytes")
    return bytes(body)


@router.post(
    "/messages",
    summary="Receive a partner's incident message (XML, signed); answers with a receipt",
    response_class=Response,
)
@csrf_exempt
def receive_message(
    request: Request,
    body: Annotated[bytes, Depends(_raw_body)],
    db: SessionDep,
    settings: ExchangeSettings,
    _: Partnered,
) -> Response:
    answer = service.receive_message(
        db,
        settings,
        body=body,
        agency=request.headers.get(AGENCY_HEADER, ""),
        timestamp=request.headers.get(TIMESTAMP_HEADER, ""),
        signature=request.headers.get(SIGNATURE_HEADER, ""),
        source_ip=client_ip(request),
    )
    return Response(answer.body, answer.status_code, media_type=answer.media_type)


@router.get(
    "/outgoing", summary="Messages to partners, newest first", response_model=list[OutgoingOut]
)
def list_outgoing(
    db: SessionDep,
    _: Controller,
    status: Annotated[str | None, Query(pattern=r"^[a-z]{1,20}$")] = None,
) -> list[OutgoingOut]:
    return [OutgoingOut.model_validate(r) for r in service.list_outgoing(db, status=status)]


@router.get(
    "/received", summary="Messages from partners, newest first", response_model=list[ReceivedOut]
)
def list_received(
    db: SessionDep,
    _: Controller,
    outcome: Annotated[str | None, Query(pattern=r"^[a-z]{1,20}$")] = None,
) -> list[ReceivedOut]:
    return [ReceivedOut.model_validate(r) for r in service.list_received(db, outcome=outcome)]


@router.post(
    "/outgoing/{outgoing_id}/resend",
    summary="Send a message that could not be delivered again",
    response_model=OutgoingOut,
)
def resend(
    request: Request, db: SessionDep, user: Supervisor, outgoing_id: RecordId
) -> OutgoingOut:
    service.resend(db, outgoing_id=outgoing_id, actor=user.username, source_ip=client_ip(request))
    return OutgoingOut.model_validate(service.get_outgoing(db, outgoing_id=outgoing_id))
