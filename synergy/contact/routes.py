"""The contact JSON API: public conversation sessions and turns, and the staff queue.

CSRF: the public session endpoints are `csrf_exempt`. They are called by machine clients
(apps, kiosks, the future voice gateway) that hold no cookies; they never read a cookie; and
every turn is authorised by the conversation's secret token in the URL, which a cross-site
page cannot know. Starting a session from another site only creates an empty conversation
whose token the other site cannot read. The staff endpoints use the signed-in cookie and so
keep the CSRF check (send the `X-CSRF-Token` header).
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from synergy.contact import service
from synergy.contact.deps import Caller, CallId, ContactStaff, LimitsDep, Token
from synergy.contact.desk.queue import check_may_take
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
from synergy.core.deps import SessionDep, client_ip, csrf_exempt

router = APIRouter(prefix="/api/contact", tags=["contact"])

@router.post(
    "/sessions",
    status_code=201,
    summary="Start a conversation",
    max_body_size=SMALL_PUBLIC_FORM,
)
@csrf_exempt
def start_session(request: Request, db: SessionDep, limits: LimitsDep, _: Caller) -> SessionStarted:
    started = service.start_conversation(
        db, channel=Channel.API, source_ip=client_ip(request), limits=limits
    )
    return SessionStarted(token=started.token, reply=ReplyOut.of(started.reply))


@router.post(
    "/sessions/{token}/turns",
    summary="Say something in a conversation",
    max_body_size=SMALL_PUBLIC_FORM,
)
@csrf_exempt
def send_turn(
    request: Request, db: SessionDep, limits: LimitsDep, token: Token, body: TurnIn, _: Caller
) -> ReplyOut:
    _call, reply = service.take_turn(
        db, token=token, text=body.text, limits=limits, source_ip=client_ip(request)
    )
    return ReplyOut.of(reply)


@router.get("/sessions/{token}", summary="A conversation's transcript")
def get_session(db: SessionDep, limits: LimitsDep, token: Token, _: Caller) -> TranscriptOut:
    call = service.call_for_token(db, token=token, limits=limits)
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
    check_may_take(db, call_id=call_id, username=user.username)  # skills first, as on the page
    call = service.take_call(db, call_id=call_id, actor=user.username, source_ip=client_ip(request))
    return CallDetail.of(call)
