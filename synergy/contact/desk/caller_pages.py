"""The caller's side of a conversation with a person: after a handover the web chat page keeps
its message box, so the caller can add to what they said and talk with the agent who takes the
call. Their messages go to the person, not to the assistant."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from synergy.contact import service
from synergy.contact.deps import LimitsDep, Visitor
from synergy.contact.desk import desktop
from synergy.contact.pages import CHAT_COOKIE, CHAT_PATH, _chat_context
from synergy.core.body_limits import SMALL_PUBLIC_FORM
from synergy.core.deps import SessionDep, client_ip
from synergy.core.errors import Conflict, Gone, InvalidRequest, NotFound
from synergy.core.web import redirect, render

router = APIRouter()


@router.get(
    f"{CHAT_PATH}/chat/messages",
    summary="Web chat: the messages so far (for the live page)",
)
def chat_messages(request: Request, db: SessionDep, limits: LimitsDep, _: Visitor) -> Response:
    call = service.call_for_token(db, token=request.cookies.get(CHAT_COOKIE, ""), limits=limits)
    return render(request, "contact/desk/caller_turns.html", {"turns": call.turns})


@router.post(
    f"{CHAT_PATH}/chat/reply",
    summary="Web chat: a message for the person helping",
    max_body_size=SMALL_PUBLIC_FORM,
)
def chat_reply(
    request: Request,
    db: SessionDep,
    limits: LimitsDep,
    _: Visitor,
    text: Annotated[str, Form(max_length=10_000)] = "",
) -> Response:
    token = request.cookies.get(CHAT_COOKIE, "")
    try:
        call = service.call_for_token(db, token=token, limits=limits, for_update=True)
    except (NotFound, Gone):
        return redirect(CHAT_PATH)
    if len(text) > limits.max_message_chars:
        problem: InvalidRequest | Conflict = InvalidRequest(
            f"Your message must be {limits.max_message_chars:,} characters or fewer"
        )
    else:
        try:
            desktop.reply_from_caller(db, call=call, text=text, source_ip=client_ip(request))
            return redirect(f"{CHAT_PATH}/chat#latest")
        except (InvalidRequest, Conflict) as refused:
            problem = refused
    context = _chat_context(
        call,
        errors=[{"text": problem.message, "href": "#text"}],
        error_message=problem.message,
        typed=text,
        max_chars=limits.max_message_chars,
    )
    return render(request, "contact/chat.html", context, status_code=problem.status_code)
