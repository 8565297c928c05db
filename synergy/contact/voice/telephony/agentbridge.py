"""Putting a browser caller through to a person: a SIP call to the agent queue (`AgentDialer`)
with the audio carried both ways.

While the agent's phone rings the page is told so and the caller hears the UK ringing tone,
until the agent answers or the attempt fails. If the queue is busy, nobody answers in time, or
no agent queue is configured, the caller is told so (spoken and captioned) and given the
number to call, and the call stays waiting in the staff queue with what happened written on
it: a caller is never left waiting in silence.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from synergy.contact.voice.audio import resample
from synergy.contact.voice.frames import HandoverFrame, TextFrame
from synergy.contact.voice.session import VoiceSession
from synergy.contact.voice.telephony.ringtone import RingingTone
from synergy.contact.voice.telephony.sipdial import AgentCall, AgentDialer, AgentOutcome
from synergy.core.errors import SynergyError

log = logging.getLogger(__name__)

PHONE_NUMBER = "101"
AGENT_RATE = 8000
CONNECTED_TEXT = "You are through to a member of staff."
UNAVAILABLE_TEXT = (
    "Sorry, I could not put you through to a member of staff: {why}. Your call is waiting in "
    "our queue and will be seen by a member of staff. If you need to speak to someone now, "
    "please call 101. If you are in danger, call 999."
)
WHY = {
    AgentOutcome.BUSY: "all our staff are busy",
    AgentOutcome.NO_ANSWER: "nobody answered in time",
    AgentOutcome.REFUSED: "our phone system refused the call",
    AgentOutcome.UNREACHABLE: "our phone system did not answer",
    AgentOutcome.NO_ADDRESS: "calls from this page cannot be put through to staff at present",
    AgentOutcome.CANCELLED: "you hung up before a member of staff answered",
}
SIP_PRIORITY = {"emergency": "emergency", "priority": "urgent"}  # RFC 3261 20.26


def handover_headers(handover: HandoverFrame | None, call_id: int | None) -> list[tuple[str, str]]:
    """What the agent's system is told about the caller, so urgent callers go first."""
    queue = handover.queue if handover else "normal"
    reason = " ".join((handover.reason if handover else "handover").split())[:200]
    number = str(call_id) if call_id is not None else "unknown"
    return [
        ("Subject", f"101 online caller, call {number}: {queue} queue ({reason})"),
        ("Priority", SIP_PRIORITY.get(queue, "normal")),
        ("X-Synergy-Call", number),
        ("X-Synergy-Queue", queue),
        ("X-Synergy-Reason", reason),
    ]


class AudioPipe:
    """Audio on its way from one side to the other, at the receiving side's rate. Keeps at
    most `limit` seconds: a late reader hears the latest audio, not an ever-growing delay."""

    def __init__(self, rate: int, limit: float = 0.3) -> None:
        self.rate = rate
        self._pending = bytearray()
        self._limit = 2 * int(rate * limit)
        self.carried = 0  # bytes passed on, for tests and logs

    def write(self, pcm: bytes, rate: int) -> None:
        self._pending += resample(pcm, rate, self.rate)
        if len(self._pending) > self._limit:
            del self._pending[: len(self._pending) - self._limit]

    def read(self, samples: int) -> bytes | None:
        size = 2 * samples
        if len(self._pending) < size:
            return None
        chunk = bytes(self._pending[:size])
        del self._pending[:size]
        self.carried += size
        return chunk


class AgentBridge:
    """One browser caller's way through to a person. `announce` sends events to the page."""

    def __init__(
        self,
        dialer: AgentDialer | None,
        session: VoiceSession,
        announce: Callable[[dict[str, Any]], None],
        *,
        caller_rate: int,
    ) -> None:
        self.dialer = dialer
        self.session = session
        self.announce = announce
        self.to_agent = AudioPipe(AGENT_RATE)
        self.to_caller = AudioPipe(caller_rate)
        self.call: AgentCall | None = None
        self.outcome: AgentOutcome | None = None
        self.hung_up = asyncio.Event()
        self._tone: RingingTone | None = None  # while the agent's phone rings

    @property
    def connected(self) -> bool:
        return self.outcome is AgentOutcome.CONNECTED and self.call is not None

    def hear(self, pcm: bytes, rate: int) -> None:
        """The caller's audio: to the agent once they have answered."""
        if self.connected:
            self.to_agent.write(pcm, rate)

    def caller_audio(self, samples: int) -> bytes | None:
        """What the caller hears next: the ringing tone while it rings, then the agent."""
        if self._tone is not None:
            return self._tone.read(samples)
        return self.to_caller.read(samples)

    async def _from_agent(self, pcm: bytes) -> None:
        self.to_caller.write(pcm, AGENT_RATE)

    async def put_through(self) -> AgentOutcome:
        self.announce({"event": "agent", "state": "connecting"})
        outcome = await self._ring()
        self.outcome = outcome
        if outcome is AgentOutcome.CONNECTED:
            self.announce({"event": "agent", "state": "connected", "text": CONNECTED_TEXT})
            await self._record(True, CONNECTED_TEXT)
            return outcome
        told = UNAVAILABLE_TEXT.format(why=WHY[outcome])
        if outcome is not AgentOutcome.CANCELLED:
            self.announce({"event": "agent", "state": "unavailable", "reason": outcome.value,
                           "text": told, "phone": PHONE_NUMBER})  # fmt: skip
            await self.session.pipeline.send(TextFrame(told))  # said and captioned
        await self._record(False, told)
        return outcome

    async def _ring(self) -> AgentOutcome:
        if self.dialer is None:
            return AgentOutcome.NO_ADDRESS
        try:
            self.call = await self.dialer.open_call(on_audio=self._from_agent,
                                                    source=self.to_agent.read)  # fmt: skip
        except OSError as exc:
            log.error("could not call the agent queue: %s", exc)
            return AgentOutcome.UNREACHABLE
        ringing = asyncio.ensure_future(self._announce_ringing(self.call))
        try:
            headers = handover_headers(self.session.log.handover, self.session.assistant.call_id)
            return await self.dialer.ring(self.call, headers)
        finally:
            ringing.cancel()
            self._tone = None  # answered (nothing awaited since the 200 came) or failed

    async def _announce_ringing(self, call: AgentCall) -> None:
        await call.ringing.wait()
        if not self.hung_up.is_set():
            self._tone = RingingTone(self.to_caller.rate)
        self.announce({"event": "agent", "state": "ringing"})

    async def _record(self, connected: bool, told: str) -> None:
        call_id = self.session.assistant.call_id
        agent = self.dialer.config.transfer_uri if self.dialer is not None else "none"
        reasons = [f"agent line {agent}: {self.outcome}"]
        if self.call is not None and self.call.status is not None:
            reasons.append(f"SIP status {self.call.status}")
        log.info("browser call %s put through: %s", call_id, reasons)
        if call_id is None:
            return
        try:
            await asyncio.to_thread(self.session.assistant.calls.record_put_through, call_id,
                                    connected=connected, told=told, reasons=reasons,
                                    agent=agent)  # fmt: skip
        except SynergyError as exc:
            log.error("could not record how call %s was put through: %s", call_id, exc.message)

    async def wait_for_agent_to_leave(self) -> None:
        """Until the agent hangs up (or the caller does: see `hang_up`)."""
        if self.call is not None:
            await self.call.ended.wait()

    async def hang_up(self) -> None:
        """The caller has gone: stop ringing (CANCEL) or end the agent's call (BYE)."""
        self.hung_up.set()
        self._tone = None
        if self.call is not None and self.dialer is not None:
            await self.dialer.hang_up(self.call)
