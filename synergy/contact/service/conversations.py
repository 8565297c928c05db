"""Conversations: start one, take the caller's turns, hand over, close abandoned ones.

Each caller turn is stored with how it was understood, the assistant's answer is stored with
what it decided and why, the decision is written to the audit log, and the engine's actions
are published through the outbox in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from synergy.contact.dialogue import (
    CallerSafety,
    Channel,
    Conversation,
    ConversationState,
    Reply,
    Stage,
    Understand,
)
from synergy.contact.models import CallStatus, ContactCall, ContactTurn, number_next_turn
from synergy.contact.service.references import next_log_number
from synergy.contact.settings import ContactSettings
from synergy.core import audit, events
from synergy.core.config import Settings
from synergy.core.db import utcnow
from synergy.core.errors import Conflict, Gone, InvalidRequest, NotFound, TooManyRequests
from synergy.core.security import new_token, token_digest

CALLER_ACTOR = "contact-caller"
CALL_RESOLVED = "contact.call_resolved"
MAX_TOKEN_LENGTH = 100


@dataclass(frozen=True)
class Limits:
    """How much one public conversation may do; from ContactSettings."""

    max_turns: int = 40
    max_message_chars: int = 1000
    session_minutes: int = 120
    starts_per_address_per_hour: int = 30

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        contact = settings.section(ContactSettings)
        return cls(
            max_turns=contact.max_turns,
            max_message_chars=contact.max_message_chars,
            session_minutes=contact.session_minutes,
            starts_per_address_per_hour=contact.starts_per_address_per_hour,
        )


@dataclass(frozen=True)
class Started:
    token: str  # give to the caller once; only its digest is stored
    call: ContactCall
    reply: Reply


def start_conversation(
    session: Session,
    *,
    channel: Channel,
    source_ip: str | None = None,
    limits: Limits | None = None,
    understand: Understand | None = None,
) -> Started:
    """A new call: greet the caller and store the greeting."""
    if channel is not Channel.VOICE:  # voice calls all arrive from the telephony trunk
        _check_start_rate(session, source_ip, limits or Limits())
    token = new_token(32)
    conversation = Conversation(ConversationState(channel=channel), understand=understand)
    reply = conversation.start()
    call = ContactCall(token_digest=token_digest(token), channel=channel.value, source_ip=source_ip)
    session.add(call)
    _store_reply(session, call, conversation.state, reply, source_ip=source_ip)
    audit.record(
        session, action="contact.call_started", actor=CALLER_ACTOR, target_type="contact_call",
        target_id=call.id, source_ip=source_ip, details={"channel": channel.value},
    )  # fmt: skip
    return Started(token, call, reply)


def _check_start_rate(session: Session, source_ip: str | None, limits: Limits) -> None:
    """Refuse an address that starts conversations faster than any person would."""
    if source_ip is None:
        return
    since = utcnow() - dt.timedelta(hours=1)
    started = session.execute(
        select(func.count())
        .select_from(ContactCall)
        .where(ContactCall.source_ip == source_ip, ContactCall.started_at > since)
    ).scalar_one()
    if started >= limits.starts_per_address_per_hour:
        raise TooManyRequests(
            "Too many conversations have been started from your connection. Try again later, "
            "or call 101."
        )


def clean_message(text: str, *, max_chars: int) -> str:
    """One caller message, or InvalidRequest saying what is wrong with it."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InvalidRequest("Enter a message", field="text")
    if len(cleaned) > max_chars:
        raise InvalidRequest(
            f"Your message must be {max_chars} characters or fewer (it has {len(cleaned)})",
            field="text",
        )
    return cleaned


def take_turn(
    session: Session,
    *,
    token: str,
    text: str,
    limits: Limits,
    source_ip: str | None = None,
    understand: Understand | None = None,
) -> tuple[ContactCall, Reply]:
    """The caller says `text`; returns the call and the assistant's reply."""
    message = clean_message(text, max_chars=limits.max_message_chars)
    call = call_for_token(session, token=token, limits=limits, for_update=True)
    if not accepts_caller_turns(call):
        raise Conflict("This conversation has ended. Start a new one to continue.")
    if call.turn_count >= limits.max_turns:
        raise TooManyRequests(
            "This conversation has reached its limit of messages. Start a new one, or call 101."
        )
    state = ConversationState.model_validate(call.state)
    conversation = Conversation(
        state, understand=understand, new_reference=lambda: next_log_number(session)
    )
    reply = conversation.respond(message)
    _add_turn(session, call, speaker="caller", text=message, understanding=reply.understanding)
    _store_reply(session, call, conversation.state, reply, source_ip=source_ip)
    return call, reply


def hand_over(
    session: Session,
    *,
    token: str,
    reason: str,
    limits: Limits,
    decision: str = "handover_channel_failure",
    source_ip: str | None = None,
) -> tuple[ContactCall, Reply] | None:
    """Queue the caller for a person because the channel failed, not because of anything
    they said; None if the call has already ended. Stored and audited like any handover."""
    call = call_for_token(session, token=token, limits=limits, for_update=True)
    state = ConversationState.model_validate(call.state)
    if call.status != CallStatus.ACTIVE and state.stage is not Stage.SAFETY:
        return None
    conversation = Conversation(state)
    reply = conversation.hand_over(reason, decision=decision)
    _store_reply(session, call, conversation.state, reply, source_ip=source_ip)
    return call, reply


def accepts_caller_turns(call: ContactCall) -> bool:
    """Is the caller still talking to the assistant, or (handed over, not yet closed) answering
    the questions before the handover or adding something for the member of staff?"""
    if call.status == CallStatus.ACTIVE:
        return True
    stage = (call.state or {}).get("stage")
    queued = call.status in (CallStatus.WAITING, CallStatus.TAKEN)
    return queued and stage in (Stage.SAFETY.value, Stage.WAITING.value)


def caller_safety(call: ContactCall) -> CallerSafety | None:
    """What the caller said before the handover: safe now, where they are, a number to call
    back on (None when the call was never handed over with the questions)."""
    answers = (call.state or {}).get("safety")
    return None if answers is None else CallerSafety.model_validate(answers)


def crisis_signposts(call: ContactCall) -> list[str]:
    """The kinds of crisis help line the caller has been given (see dialogue.crisis)."""
    return [str(kind) for kind in (call.state or {}).get("crisis", [])]


def call_fingerprint(session: Session, *, call_id: int) -> str | None:
    """What a page showing this conversation shows, in a few characters, so that a live page
    can tell when it changed; None once there is no such call."""
    return _fingerprint(session.get(ContactCall, call_id))


def fingerprint_of(call: ContactCall) -> str:
    """`call_fingerprint` of a call already read, for the page drawn from it."""
    return _fingerprint(call) or ""


def chat_fingerprint(session: Session, *, digest: str) -> str | None:
    """`call_fingerprint` for the caller's own chat, found by its token's digest."""
    query = select(ContactCall).where(ContactCall.token_digest == digest)
    return _fingerprint(session.execute(query).scalar_one_or_none())


def _fingerprint(call: ContactCall | None) -> str | None:
    if call is None:
        return None
    return f"{call.status}|{len(call.turns)}|{call.taken_by or ''}"


def call_for_token(
    session: Session, *, token: str, limits: Limits, for_update: bool = False
) -> ContactCall:
    """The caller's own conversation; NotFound for unknown tokens, Gone once expired."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise NotFound("There is no conversation with that identifier")
    query = select(ContactCall).where(ContactCall.token_digest == token_digest(token))
    if for_update:
        query = query.with_for_update()
    call = session.execute(query).scalar_one_or_none()
    if call is None:
        raise NotFound("There is no conversation with that identifier")
    if utcnow() - call.started_at > dt.timedelta(minutes=limits.session_minutes):
        raise Gone("This conversation has expired. Start a new one, or call 101.")
    return call


def _add_turn(
    session: Session,
    call: ContactCall,
    *,
    speaker: str,
    text: str,
    understanding: dict[str, object] | None = None,
    reply: Reply | None = None,
) -> ContactTurn:
    turn = ContactTurn(
        seq=number_next_turn(call), speaker=speaker, text=text,
        understanding=understanding, decision=reply.decision if reply else None,
        reasons=list(reply.reasons) if reply else [],
    )  # fmt: skip
    if "turns" in call.__dict__ or call.id is None:
        turn.call = call  # the transcript is already loaded (or the call is new): keep it whole
    else:
        turn.call_id = call.id
    session.add(turn)
    return turn


def _store_reply(
    session: Session,
    call: ContactCall,
    state: ConversationState,
    reply: Reply,
    *,
    source_ip: str | None,
) -> None:
    turn = _add_turn(session, call, speaker="assistant", text=reply.text, reply=reply)
    _update_call(call, state, reply)
    if call.id is None:
        session.flush()  # a new call is stored as it stands after its greeting, in one insert
    for action in reply.actions:
        payload = {**action.payload, "call_id": call.id}
        events.publish(session, action.topic, payload, key=f"contact-call-{call.id}-{action.topic}")
    if call.status == CallStatus.COMPLETED and not call.handed_over and call.ended_at:
        # For the savings register: a call the assistant finished without a person.
        events.publish(
            session,
            CALL_RESOLVED,
            {"call_id": call.id, "decision": reply.decision, "ended_at": call.ended_at.isoformat()},
            key=f"contact-call-{call.id}-resolved",
        )
    audit.record(
        session,
        action="contact.turn_decided",
        actor=CALLER_ACTOR,
        target_type="contact_call",
        target_id=call.id,
        source_ip=source_ip,
        details={
            "turn": turn.seq,
            "decision": reply.decision,
            "reasons": list(reply.reasons),
            "route": state.route,
            "risk": state.risk,
            "intent": state.intent,
            "vulnerabilities": list(state.vulnerabilities),
            "queue": reply.handover.queue.value if reply.handover else None,
            "reference_given": reply.reference,
            "events": [action.topic for action in reply.actions],
        },
    )
    session.flush()


def _update_call(call: ContactCall, state: ConversationState, reply: Reply) -> None:
    now = utcnow()
    call.state = state.model_dump(mode="json")
    call.updated_at = now
    call.turn_count = state.caller_turns
    call.risk = state.risk
    call.route = state.route
    call.intent = state.intent
    call.vulnerabilities = list(state.vulnerabilities)
    call.language = state.language
    if reply.reference:
        call.reference_given = reply.reference
    if reply.handover is not None:
        # Queued at the first handover reply; later replies only bring the queue and the
        # summary up to date, and never put back a call a person has taken.
        call.handed_over = True
        call.queue = reply.handover.queue.value
        call.summary = reply.handover.summary
        if call.status == CallStatus.ACTIVE:
            call.status = CallStatus.WAITING
            call.ended_at = now
    elif reply.done and call.status == CallStatus.ACTIVE:
        call.status = CallStatus.COMPLETED
        call.summary = f"{reply.decision.replace('_', ' ')}: " + "; ".join(reply.reasons)
        call.ended_at = now


def close_abandoned_calls(
    session: Session, *, limits: Limits, now: dt.datetime | None = None
) -> int:
    """Mark conversations the caller left before they expired as abandoned; returns how many.

    Safe to run at any time and twice: only active conversations past their expiry change.
    """
    cutoff = (now or utcnow()) - dt.timedelta(minutes=limits.session_minutes)
    stale = session.execute(
        select(ContactCall)
        .where(ContactCall.status == CallStatus.ACTIVE, ContactCall.started_at < cutoff)
        .with_for_update(skip_locked=True)
    ).scalars()
    closed = 0
    for call in stale:
        call.status = CallStatus.ABANDONED
        call.ended_at = utcnow()
        audit.record(
            session, action="contact.call_abandoned", target_type="contact_call",
            target_id=call.id, details={"turns": call.turn_count, "intent": call.intent},
        )  # fmt: skip
        closed += 1
    session.flush()
    return closed
