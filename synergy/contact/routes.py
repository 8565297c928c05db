"""The contact JSON API: public conversation sessions and turns, and the staff queue.

CSRF: the public session endpoints are `csrf_exempt`. They are called by machine clients
(apps, kiosks, the future voice gateway) that hold no cookies; they never read a cookie; and
every turn is authorised by the conversation's secret token in the URL, which a cross-site
page cannot know. Starting a session from another site only creates an empty conversation
whose token the other site cannot read. The staff endpoints use the signed-in cookie and so
keep the CSRF check (send the `X-CSRF-Token` header).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request

from synergy.contact import service
from synergy.contact.dialogue import Channel
from synergy.contact.schemas import (
    CallDetail,
    QueuedCall,
    ReplyOut,
    SessionStarted,
    TranscriptOut,
    TurnIn,
)
from synergy.core.body_limits import SMALL_PUBLIC_FORM
from synergy.core.config import Settings
from synergy.core.deps import SessionDep, SettingsDep, allow, client_ip, csrf_exempt, public
from synergy.core.roles import Role
from synergy.identity.service import CurrentUser

router = APIRouter(prefix="/api/contact", tags=["contact"])

Caller = Annotated[
    CurrentUser | None,
    public("members of the public contact us; each conversation is keyed by its secret token"),
]
ContactStaff = Annotated[CurrentUser, allow(Role.CONTACT_AGENT, Role.SUPERVISOR)]
Token = Annotated[str, Path(min_length=16, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]
CallId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def limits_for(settings: Settings) -> service.Limits:
    return service.Limits(
        max_turns=settings.contact_max_turns,
        max_message_chars=settings.contact_max_message_chars,
        session_minutes=settings.contact_session_minutes,
        starts_per_address_per_hour=settings.contact_starts_per_address_per_hour,
    )


@router.post(
    "/sessions",
    status_code=201,
    summary="Start a conversation",
    max_body_size=SMALL_PUBLIC_FORM,
)
@csrf_exempt
def start_session(
    request: Request, db: SessionDep, settings: SettingsDep, _: Caller
) -> SessionStarted:
    started = service.start_conversation(
        db, channel=Channel.API, source_ip=client_ip(request), limits=limits_for(settings)
    )
    return SessionStarted(token=started.token, reply=ReplyOut.of(started.reply))


@router.post(
    "/sessions/{token}/turns",
    summary="Say something in a conversation",
    max_body_size=SMALL_PUBLIC_FORM,
)
@csrf_exempt
def send_turn(
    request: Request, db: SessionDep, settings: SettingsDep, token: Token, body: TurnIn, _: Caller
) -> ReplyOut:
    _call, reply = service.take_turn(
        db, token=token, text=body.text, limits=limits_for(settings), source_ip=client_ip(request)
    )
    return ReplyOut.of(reply)


@router.get("/sessions/{token}", summary="A conversation's transcript")
def get_session(db: SessionDep, settings: SettingsDep, token: Token, _: Caller) -> TranscriptOut:
    call = service.call_for_token(db, token=token, limits=limits_for(settings))
    return TranscriptOut.of(call)


@router.get("/queue", summary="Handed-over calls waiting for a person, most urgent first")
def queue(db: SessionDep, _: ContactStaff) -> list[QueuedCall]:
    return [QueuedCall.of(call) for call in service.waiting_calls(db)]


@router.get("/calls/{call_id}", summary="A call with its transcript and decisions")
def call_detail(
    request: Request, db: SessionDep, user: ContactStaff, call_id: CallId
) -> CallDetail:
    call = service.view_call(db, call_id=call_id, actor=user.username, source_ip=client_ip(request))
    return CallDetail.of(call)


@router.post("/calls/{call_id}/take", summary="Take a waiting call")
def take_call(request: Request, db: SessionDep, user: ContactStaff, call_id: CallId) -> CallDetail:
    call = service.take_call(db, call_id=call_id, actor=user.username, source_ip=client_ip(request))
    return CallDetail.of(call)
