"""The voice line's use of the contact service: start a call, add a turn, hand over.

Voice drives the very same `Conversation` and storage as the web chat, through
`synergy.contact.service` (`start_conversation`, `take_turn`). Each operation is one
transaction of its own, run in a thread so the audio never waits on the database.

When the *machine* fails (speech recognition died or fell behind, synthesis failed) rather
than anything the caller said, `hand_over_after_failure` queues the call for a person with
the service's `hand_over`, stored and audited like any other handover.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from synergy.contact import service
from synergy.contact.dialogue import Channel, Reply
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

    def for_source(self, source: str) -> VoiceCalls:
        """The same operations, recording `source` (the caller's address) in the audit log."""
        return VoiceCalls(self._factory, self._limits, source=source)

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
            handed = service.hand_over(
                session, token=token, reason=reason, limits=self._limits,
                decision=FAILURE_DECISION, source_ip=self._source,
            )  # fmt: skip
            return None if handed is None else CallTurn(handed[0].id, handed[1])

    def record_put_through(
        self, call_id: int, *, connected: bool, told: str, reasons: list[str], agent: str
    ) -> None:
        """Store how putting the caller through to an agent went (see the service function)."""
        with transaction(self._factory) as session:
            service.record_put_through(
                session, call_id=call_id, connected=connected, told=told, reasons=reasons,
                agent=agent, source_ip=self._source,
            )  # fmt: skip

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
