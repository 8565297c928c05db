"""The 101 assistant on a voice line: turns transcripts and key presses into conversation
turns, and replies into speech.

- Every partial transcript is checked for risk; a disclosure of danger or vulnerability is
  acted on at once, without waiting for the caller to finish.
- The caller can interrupt: when they start speaking while the assistant is talking, an
  InterruptionFrame stops the playback.
- Keys: 0 puts the caller straight through to a person (no questions first); during a
  read-back 1 means yes and 2 no; other digits (ending
  with # or a pause) are said to the conversation as typed, e.g. a reference number.
- Before a handover the caller is asked whether they are safe, where they are and a number
  to call back on; saying nothing for `silence_timeout` seconds answers "no answer", so
  silence never keeps a caller from a person.
- A fatal error from speech recognition or synthesis puts the caller through to a person:
  a call is never dropped because the machine failed.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Sequence

from synergy.contact.dialogue.safety import NO_ANSWER, STRAIGHT_THROUGH
from synergy.contact.understanding import Evidence, Understanding
from synergy.contact.understanding.types import Risk, Route
from synergy.contact.voice.calls import PERSON_KEY, CallTurn, VoiceCalls
from synergy.contact.voice.frames import (
    Direction,
    DTMFFrame,
    EndFrame,
    ErrorFrame,
    Frame,
    HandoverFrame,
    InterruptionFrame,
    TextFrame,
    TranscriptionFrame,
    UserStartedSpeakingFrame,
)
from synergy.contact.voice.pipeline import FrameProcessor
from synergy.core.errors import SynergyError

log = logging.getLogger(__name__)

KEY_HINT = "You can press 0 at any time to speak to a person."
# A browser caller has no keypad: the page has a "Speak to a person" button instead.
BUTTON_HINT = "You can choose Speak to a person at any time."
FAILURE_TEXT = "Sorry, I am having trouble. I am putting you through to a member of staff now."
CONFIRM_KEYS = {"1": "yes", "2": "no"}
EARLY_EMERGENCY_CONFIDENCE = 0.6
EARLY_MODEL_SCORE = 0.7
MODEL_EVIDENCE = re.compile(r"statistical model \(score ([0-9.]+)\)")


def _default_understand(text: str, *, history: Sequence[str] = ()) -> Understanding:
    from synergy.contact.understanding import understand

    return understand(text, history=tuple(history))


def is_urgent(understanding: Understanding) -> bool:
    """Should a *partial* transcript be acted on before the caller finishes?

    Only a disclosure with strong evidence (a rule matched the words, or the statistical
    model is confident) or a confident emergency: a half-heard sentence ("someone stole
    my...", "someone still might...") must not send a caller to the priority queue. The final
    transcript still goes through every check of the dialogue engine, so waiting for it
    delays a decision but never loses one.
    """
    if any(_strong(evidence) for evidence in understanding.evidence):
        return True
    confident = understanding.intent_confidence >= EARLY_EMERGENCY_CONFIDENCE
    return confident and (
        understanding.route is Route.EMERGENCY or understanding.risk is Risk.EMERGENCY
    )


def _strong(evidence: Evidence) -> bool:
    model = MODEL_EVIDENCE.search(evidence.rule)
    return model is None or float(model.group(1)) >= EARLY_MODEL_SCORE


class CallAssistant(FrameProcessor):
    """Between speech-to-text (upstream) and text-to-speech (downstream)."""

    def __init__(
        self,
        calls: VoiceCalls,
        *,
        is_playing: Callable[[], bool] = lambda: False,
        understand: Callable[..., Understanding] = _default_understand,
        digit_timeout: float = 3.0,
        hint: str = KEY_HINT,
        silence_timeout: float = 8.0,
    ) -> None:
        super().__init__()
        self.calls = calls
        self._hint = hint
        self._is_playing = is_playing
        self._understand = understand
        self._digit_timeout = digit_timeout
        self._silence_timeout = silence_timeout
        self._silence_task: asyncio.Task[None] | None = None
        self._awaiting_answer = False  # a safety question is waiting for the caller
        self.token: str | None = None
        self.call_id: int | None = None
        self.expects: str | None = None
        self.ended = False
        self.handed_over = False
        self.decisions: list[str] = []
        self.interruptions = 0
        self.heard: list[TranscriptionFrame] = []  # partial and final, as they came
        self._history: list[str] = []
        self._answered_early = False
        self._digits = ""
        self._digit_task: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()
        self._started = asyncio.Event()

    async def start(self) -> None:
        """Greet the caller (stores the new call)."""
        token, turn = await asyncio.to_thread(self.calls.start)
        self.token = token
        self._started.set()
        await self._say(turn, extra=self._hint)

    async def process_frame(self, frame: Frame, direction: Direction) -> None:
        if isinstance(frame, UserStartedSpeakingFrame | DTMFFrame):
            self._stop_waiting()
        if isinstance(frame, UserStartedSpeakingFrame):
            self._answered_early = False
            if self._is_playing():
                self.interruptions += 1
                await self.push_frame(InterruptionFrame())
        elif isinstance(frame, TranscriptionFrame):
            await self._heard(frame)
            return
        elif isinstance(frame, DTMFFrame):
            if self._is_playing():
                self.interruptions += 1
                await self.push_frame(InterruptionFrame())
            await self._key(frame.digit)
            return
        elif isinstance(frame, ErrorFrame):
            if frame.fatal:
                await self._machine_failed(frame)
            return
        elif isinstance(frame, EndFrame):
            await self.close()
        await self.push_frame(frame, direction)

    async def _heard(self, frame: TranscriptionFrame) -> None:
        self.heard.append(frame)
        text = frame.text.strip()
        if self.ended:
            return
        if not text:
            if frame.final:
                self._rearm()  # noise, not words: keep waiting for an answer
            return
        if not frame.final:
            if not self._answered_early and is_urgent(
                self._understand(text, history=self._history)
            ):
                # A disclosure mid-sentence: act now, not when the caller stops talking.
                self._answered_early = True
                await self._turn(text)
            return
        if self._answered_early:
            # The end of the sentence already acted on: it is not the answer to the question
            # the assistant has asked since, so the wait for that answer starts again.
            self._answered_early = False
            self._rearm()
            return
        await self._turn(text)

    async def _turn(self, text: str) -> None:
        # Words or a key that come before the call is stored (the greeting begins only once the
        # line is up) wait for it rather than being lost.
        await self._started.wait()
        async with self._lock:
            if self.ended or self.token is None:
                return
            try:
                turn = await asyncio.to_thread(self.calls.turn, self.token, text)
            except SynergyError as exc:
                log.warning("voice turn refused: %s", exc.message)
                self._rearm()
                return
            self._history.append(text)
            await self._say(turn)

    async def _say(self, turn: CallTurn, *, extra: str = "") -> None:
        reply = turn.reply
        self.call_id = turn.call_id
        self.expects = reply.expects
        self.decisions.append(reply.decision)
        self._awaiting_answer = False
        await self.push_frame(TextFrame(f"{reply.text} {extra}".strip()))
        if reply.handover is not None and reply.done:
            self.ended = self.handed_over = True
            reason = reply.decision
            await self.push_frame(HandoverFrame(reply.handover.queue.value, reason))
        elif reply.handover is not None:
            # Queued already; asking whether the caller is safe, where, and a number to call.
            # Silence is taken as "no answer" so a caller who says nothing still gets through.
            self._awaiting_answer = True
            self._wait_for_answer()
        elif reply.done:
            self.ended = True
            await self.push_frame(EndFrame())

    def _rearm(self) -> None:
        if self._awaiting_answer and not self.ended:
            self._wait_for_answer()

    def _wait_for_answer(self) -> None:
        self._stop_waiting()
        loop = asyncio.get_running_loop()
        self._silence_task = loop.create_task(self._no_answer_after_silence())

    def _stop_waiting(self) -> None:
        task, self._silence_task = self._silence_task, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()

    async def _no_answer_after_silence(self) -> None:
        while self._is_playing():
            await asyncio.sleep(0.2)
        await asyncio.sleep(self._silence_timeout)
        self._silence_task = None
        await self._turn(NO_ANSWER)

    # --- Keys ------------------------------------------------------------------------------

    async def _key(self, digit: str) -> None:
        if self.ended:
            return
        if digit == PERSON_KEY and not self._digits:
            await self._turn(STRAIGHT_THROUGH)
            return
        if self.expects == "confirm" and digit in CONFIRM_KEYS and not self._digits:
            await self._turn(CONFIRM_KEYS[digit])
            return
        if digit == "#":
            await self._send_digits()
            return
        self._digits += digit
        if self._digit_task is not None:
            self._digit_task.cancel()
        self._digit_task = asyncio.get_running_loop().create_task(self._digits_after_pause())

    async def _digits_after_pause(self) -> None:
        await asyncio.sleep(self._digit_timeout)
        self._digit_task = None
        await self._send_digits()

    async def _send_digits(self) -> None:
        digits, self._digits = self._digits, ""
        if self._digit_task is not None and self._digit_task is not asyncio.current_task():
            self._digit_task.cancel()
        if digits:
            await self._turn(digits)

    # --- Failures ----------------------------------------------------------------------------

    async def _machine_failed(self, error: ErrorFrame) -> None:
        async with self._lock:
            if self.ended:
                return
            self.ended = self.handed_over = True
        log.error("voice call %s: %s; handing over", self.call_id, error.error)
        queue = "normal"
        if self.token is not None:
            try:
                turn = await asyncio.to_thread(
                    self.calls.hand_over_after_failure, self.token, error.error
                )
            except SynergyError as exc:
                log.error("could not queue voice call %s: %s", self.call_id, exc.message)
                turn = None
            if turn is not None and turn.reply.handover is not None:
                queue = turn.reply.handover.queue.value
        self.decisions.append("handover_voice_failure")
        if error.source != "tts":
            await self.push_frame(TextFrame(FAILURE_TEXT))
        await self.push_frame(HandoverFrame(queue, f"{error.source} failed: {error.error}"))

    async def close(self) -> None:
        self._stop_waiting()
        if self._digit_task is not None:
            self._digit_task.cancel()
