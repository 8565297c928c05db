"""Contact pages: the public web chat ("Contact us about a non-emergency").

The chat works without JavaScript: each message is a form post, answered by a redirect to the
transcript. The conversation is found by a random token kept in an HttpOnly cookie scoped to
the chat pages; the database holds only its digest.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from synergy.contact import service
from synergy.contact.deps import LimitsDep, Visitor
from synergy.contact.dialogue import Channel, Stage
from synergy.contact.dialogue.crisis import help_lines
from synergy.contact.dialogue.safety import SKIP
from synergy.contact.models import CallStatus, ContactCall
from synergy.contact.settings import ContactSettings
from synergy.core.body_limits import SMALL_PUBLIC_FORM
from synergy.core.deps import SessionDep, SettingsDep, client_ip
from synergy.core.errors import Conflict, Gone, InvalidRequest, NotFound, TooManyRequests
from synergy.core.web import redirect, render

router = APIRouter()

CHAT_COOKIE = "synergy_contact_chat"
CHAT_PATH = "/contact-us"
CHAT_TITLE = "Contact us about a non-emergency"
PERSON_REQUEST = "I would like to speak to a person"


# --- Public web chat ---------------------------------------------------------------------------


@router.get(CHAT_PATH, response_class=HTMLResponse, summary="Web chat: start page")
def chat_start(request: Request, _: Visitor) -> Response:
    has_chat = bool(request.cookies.get(CHAT_COOKIE))
    return render(request, "contact/chat_start.html", {"title": CHAT_TITLE, "has_chat": has_chat})


@router.post(
    CHAT_PATH, summary="Web chat: start a conversation", max_body_size=SMALL_PUBLIC_FORM
)
def chat_begin(
    request: Request, db: SessionDep, settings: SettingsDep, limits: LimitsDep, _: Visitor
) -> Response:
    started = service.start_conversation(
        db, channel=Channel.WEB_CHAT, source_ip=client_ip(request), limits=limits
    )
    response = redirect(f"{CHAT_PATH}/chat")
    secure = settings.behind_tls
    minutes = settings.section(ContactSettings).session_minutes
    response.set_cookie(
        CHAT_COOKIE, started.token, max_age=minutes * 60,
        path=CHAT_PATH, httponly=True, samesite="lax", secure=secure,
    )  # fmt: skip
    return response


def _chat_context(call: ContactCall, **extra: Any) -> dict[str, Any]:
    last = next((t for t in reversed(call.turns) if t.speaker == "assistant"), None)
    state = call.state or {}
    stage = state.get("stage")
    answers = service.caller_safety(call)
    context = {
        "title": "Your conversation with us",
        "call": call,
        "live_since": service.fingerprint_of(call),
        "turns": call.turns,
        "active": service.accepts_caller_turns(call),
        "expects": state.get("pending") or ("confirm" if stage == "confirm" else None),
        "urgent": call.queue in ("emergency", "priority"),
        "last_turn": last,
        "person_request": PERSON_REQUEST,
        "asking_safety": stage == Stage.SAFETY.value,
        "waiting": call.handed_over and call.status in (CallStatus.WAITING, CallStatus.TAKEN),
        "callback_number": answers.callback_number if answers else None,
        "help_lines": help_lines(service.crisis_signposts(call)),
        "skip": SKIP,
    }
    context.update(extra)
    return context


@router.get(f"{CHAT_PATH}/chat", response_class=HTMLResponse, summary="Web chat: conversation")
def chat_page(request: Request, db: SessionDep, limits: LimitsDep, _: Visitor) -> Response:
    token = request.cookies.get(CHAT_COOKIE, "")
    try:
        call = service.call_for_token(db, token=token, limits=limits)
    except NotFound:
        # No conversation in this browser (or cookies are off): offer to start one.
        return render(request, "contact/chat_start.html", {"title": CHAT_TITLE, "has_chat": False})
    except Gone as expired:
        response = render(
            request, "contact/chat_start.html",
            {"title": CHAT_TITLE, "has_chat": False, "notice": expired.message}, status_code=410,
        )  # fmt: skip
        response.delete_cookie(CHAT_COOKIE, path=CHAT_PATH)
        return response
    context = _chat_context(call, max_chars=limits.max_message_chars)
    return render(request, "contact/chat.html", context)


@router.post(
    f"{CHAT_PATH}/chat",
    response_class=HTMLResponse,
    summary="Web chat: send a message",
    max_body_size=SMALL_PUBLIC_FORM,
)
def chat_send(
    request: Request,
    db: SessionDep,
    limits: LimitsDep,
    _: Visitor,
    text: Annotated[str, Form(max_length=10_000)] = "",
) -> Response:
    token = request.cookies.get(CHAT_COOKIE, "")
    try:
        service.take_turn(db, token=token, text=text, limits=limits, source_ip=client_ip(request))
    except NotFound:
        return redirect(CHAT_PATH)
    except (InvalidRequest, TooManyRequests, Conflict) as problem:
        call = service.call_for_token(db, token=token, limits=limits)
        errors = [{"text": problem.message, "href": "#text"}]
        context = _chat_context(
            call,
            errors=errors,
            error_message=problem.message,
            typed=text,
            max_chars=limits.max_message_chars,
        )
        return render(request, "contact/chat.html", context, status_code=problem.status_code)
    return redirect(f"{CHAT_PATH}/chat#latest")


# The staff side (the queue, the agent desktop) is in synergy/contact/desk/pages.py.
