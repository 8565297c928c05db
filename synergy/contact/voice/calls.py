"""The voice line's use of the contact service: start a call, add a turn, hand over.

Voice drives the very same `Conversation` and storage as the web chat, through
`synergy.contact.service` (`start_conversation`, `take_turn`). Each operation is one
transaction of its own, run in a thread so the audio never waits on the database.

One thing the contact service has no public function for yet: handing a call to a person
because the *machine* failed (speech recognition died or fell behind) rather than because of
anything the caller said. `hand_over_after_failure` does that with the dialogue engine's own
handover step, so the call is queued, summarised and audited exactly like any other handover.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from synergy.contact import service
from synergy.contact.dialogue import Channel, Conversation, ConversationState, Queue, Reply
from synergy.contact.models import CallStatus
from synergy.core import audit
from synergy.core.db import transaction

PERSON_KEY = "0"
FAILURE_DECISION = "handover_voice_failure"


@dataclass(frozen=True)
class CallTurn:
    call_id: int
    reply: Reply


class VoiceCalls:
    """Contact-service operations for one voice gateway (SIP or WebRTC)."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        limits: service.Limits | None = None,
        *,
        source: str | None = None,
    ) -> None:
        self._factory = session_factory
        self._limits = limits or service.Limits()
        self._source = source  # e.g. the trunk's address, for the audit log

    def start(self) -> tuple[str, CallTurn]:
        with transaction(self._factory) as session:
            started = service.start_conversation(
                session, channel=Channel.VOICE, source_ip=self._source
            )
            return started.token, CallTurn(started.call.id, started.reply)

    def turn(self, token: str, text: str) -> CallTurn:
        with transaction(self._factory) as session:
            call, reply = service.take_turn(
                session, token=token, text=text, limits=self._limits, source_ip=self._source
            )
            return CallTurn(call.id, reply)

    def hand_over_after_failure(self, token: str, reason: str) -> CallTurn | None:
        """Queue the caller for a person because the voice machinery failed; None if the
        call had already ended or been handed over."""
        with transaction(self._factory) as session:
            call = service.call_for_token(
                session, token=token, limits=self._limits, for_update=True
            )
            if call.status != CallStatus.ACTIVE:
                return None
            state = ConversationState.model_validate(call.state)
            conversation = Conversation(state)
            queue = Queue.PRIORITY if state.vulnerabilities else Queue.NORMAL
            reply = conversation._handover(queue, FAILURE_DECISION, (reason,), latest="")
            service._store_reply(session, call, conversation.state, reply, source_ip=self._source)
            audit.record(
                session, action="contact.voice_failed", actor=service.CALLER_ACTOR,
                target_type="contact_call", target_id=call.id, source_ip=self._source,
                details={"reason": reason},
            )  # fmt: skip
            return CallTurn(call.id, reply)

    def transcript(self, call_id: int) -> list[tuple[str, str]]:
        """(speaker, text) for every stored turn, in order."""
        with transaction(self._factory) as session:
            call = service.get_call(session, call_id=call_id)
            return [(turn.speaker, turn.text) for turn in call.turns]

    def call_summary(self, call_id: int) -> dict[str, object]:
        with transaction(self._factory) as session:
            call = service.get_call(session, call_id=call_id)
            return {
                "status": call.status, "route": call.route, "risk": call.risk,
                "queue": call.queue, "intent": call.intent, "handed_over": call.handed_over,
                "vulnerabilities": list(call.vulnerabilities), "summary": call.summary,
            }  # fmt: skip
