"""Speech to text for one call: voice activity, streaming recognition and end of turn.

While the caller speaks, the audio heard so far is transcribed every `partial_interval`
seconds, so understanding (and risk detection) can start before they finish. As soon as they
pause, the utterance is transcribed again in the background; if the pause becomes the end of
the turn, that transcript is usually ready by then, which is what keeps replies quick.

With an engine that streams (PocketSphinx), each utterance is instead fed to a live stream
on the worker's threads as it is heard; partial transcripts are the stream's words so far
and the final one needs only the last few frames decoded.

End of turn is a silence of `silence_timeout` seconds, stretched to `hesitant_timeout` when the
words so far end in a way a finished sentence does not ("um", "and", "because", "my"...), so
slow or hesitant speakers are not cut off.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

from synergy.contact.voice.frames import (
    AudioFrame,
    Direction,
    EndFrame,
    ErrorFrame,
    Frame,
    TranscriptionFrame,
    UserStartedSpeakingFrame,
    UserStoppedSpeakingFrame,
)
from synergy.contact.voice.pipeline import FrameProcessor
from synergy.contact.voice.speech.engine_pool import RecognitionWorker, WorkerStopped, WorkerStream
from synergy.contact.voice.speech.vad import VoiceActivityDetector

UNFINISHED_ENDINGS = frozenset(
    [
        "um",
        "uh",
        "er",
        "erm",
        "hmm",
        "and",
        "but",
        "so",
        "because",
        "or",
        "the",
        "a",
        "an",
        "my",
        "his",
        "her",
        "their",
        "our",
        "to",
        "of",
        "with",
        "in",
        "at",
        "on",
        "then",
        "like",
        "well",
        "if",
        "that",
        "is",
        "was",
    ]
)


@dataclass(frozen=True)
class TurnSettings:
    silence_timeout: float = 0.45  # pause that ends a turn that sounds finished
    hesitant_timeout: float = 1.6  # pause allowed after "um", "and", "because"...
    speech_start: float = 0.1  # speech needed before it counts (and interrupts the assistant)
    partial_interval: float = 1.0  # seconds of new speech between partial transcripts
    pause_to_transcribe: float = 0.12  # pause after which the utterance is transcribed anyway
    max_turn_seconds: float = 30.0
    asr_deadline: float = 8.0  # a final transcript later than this: the engine fell behind
    preroll: float = 0.3  # audio kept from before speech was detected


BUSY_LIMIT = 4  # recognitions queued on the worker beyond which partial transcripts are skipped
MAX_JOBS_PER_CALL = 2


def sounds_unfinished(text: str) -> bool:
    words = text.lower().rstrip(" .,!?").split()
    return bool(words) and (words[-1].strip(",.") in UNFINISHED_ENDINGS or text.endswith(","))


class SpeechToText(FrameProcessor):
    """AudioFrames in; UserStarted/StoppedSpeaking and partial/final TranscriptionFrames out.

    Failures (the worker stopped, the engine raised, a final transcript too late) go on as
    a fatal ErrorFrame: the assistant then hands the caller to a person.
    """

    def __init__(
        self,
        worker: RecognitionWorker,
        vad: VoiceActivityDetector,
        settings: TurnSettings | None = None,
    ) -> None:
        super().__init__()
        self.worker = worker
        self.vad = vad
        self.settings = settings or TurnSettings()
        self._preroll = bytearray()
        self._utterance = bytearray()
        self._speech_end = 0  # bytes of the utterance up to the last speech
        self._speaking = False
        self._speech_run = 0.0
        self._silence_run = 0.0
        self._since_partial = 0.0
        self._sample_rate = 16000
        self._covered = 0  # bytes of the utterance the latest transcript covers
        self._latest = ""
        # Transcriptions in flight for this utterance, by how much of it (bytes) each covers.
        self._jobs: dict[int, asyncio.Task[str | None]] = {}
        self._finals: set[asyncio.Task[None]] = set()
        self._stream: WorkerStream | None = None  # the utterance's live stream, if streaming
        self._failed = False

    async def process_frame(self, frame: Frame, direction: Direction) -> None:
        if isinstance(frame, AudioFrame) and direction is Direction.DOWN:
            if not self._failed:
                await self._hear(frame)
            return
        if isinstance(frame, EndFrame):
            await self.close()
        await self.push_frame(frame, direction)

    async def _hear(self, frame: AudioFrame) -> None:
        self._sample_rate = frame.sample_rate
        speech = self.vad.is_speech(frame.pcm, frame.sample_rate)
        if not self._speaking:
            await self._listen_for_start(frame, speech)
            return
        self._utterance += frame.pcm
        await self._feed_stream(frame.pcm)
        if speech:
            self._silence_run = 0.0
            self._speech_end = len(self._utterance)
            self._since_partial += frame.duration
        else:
            self._silence_run += frame.duration
        seconds = len(self._utterance) / 2 / frame.sample_rate
        if self._silence_run >= self._turn_timeout() or seconds >= self.settings.max_turn_seconds:
            await self._end_turn()
        else:
            self._maybe_transcribe()

    async def _listen_for_start(self, frame: AudioFrame, speech: bool) -> None:
        self._preroll += frame.pcm
        keep = int(2 * frame.sample_rate * self.settings.preroll)
        del self._preroll[: max(0, len(self._preroll) - keep)]
        self._speech_run = self._speech_run + frame.duration if speech else 0.0
        if self._speech_run >= self.settings.speech_start:
            self._speaking = True
            self._utterance = bytearray(self._preroll)
            self._speech_end = len(self._utterance)
            self._preroll.clear()
            self._silence_run = self._since_partial = 0.0
            self._covered, self._latest = 0, ""
            await self.push_frame(UserStartedSpeakingFrame())
            await self._feed_stream(bytes(self._utterance))

    async def _feed_stream(self, pcm: bytes) -> None:
        if not self.worker.streams:
            return
        try:
            if self._stream is None:
                self._stream = self.worker.open_stream(self._sample_rate)
            self._stream.feed(pcm)
        except WorkerStopped:
            await self._fail("speech recognition stopped")

    def _turn_timeout(self) -> float:
        if sounds_unfinished(self._latest) or self._covered < self._speech_end:
            # Unsure what was said last: wait longer unless the transcript catches up.
            unsure = self._covered < self._speech_end and not sounds_unfinished(self._latest)
            return self.settings.silence_timeout * 2 if unsure else self.settings.hesitant_timeout
        return self.settings.silence_timeout

    def _maybe_transcribe(self) -> None:
        end = self._speech_end
        if self._covered >= end or end in self._jobs:
            return
        if self._silence_run >= self.settings.pause_to_transcribe:
            # A pause: transcribe everything said so far now, even while an older partial is
            # still running, so the final transcript is ready if the pause ends the turn.
            if len(self._jobs) < MAX_JOBS_PER_CALL:
                self._launch(end)
            return
        due = self._since_partial >= self.settings.partial_interval
        cheap = self._stream is not None  # a stream's words so far cost nothing more
        if due and not self._jobs and (cheap or self.worker.busy < BUSY_LIMIT):
            # (When the machine is busy, partial transcripts wait; final ones never do.)
            self._since_partial = 0.0
            self._launch(end)

    def _launch(self, end: int) -> None:
        request = self._request(self._utterance, end, final=False)
        task = asyncio.get_running_loop().create_task(
            self._transcribe_partial(end, request, self._utterance, self._jobs)
        )
        self._jobs[end] = task

    async def _transcribe_partial(
        self,
        end: int,
        request: Callable[[], Future[str]],
        utterance: bytearray,
        jobs: dict[int, asyncio.Task[str | None]],
    ) -> str | None:
        try:
            text = await self._recognise(request)
        finally:
            jobs.pop(end, None)
        if text is None or utterance is not self._utterance or not self._speaking:
            return text
        if end > self._covered:
            changed = text != self._latest
            self._covered, self._latest = end, text
            if text and changed:
                engine = self.worker.engine.name
                await self.push_frame(TranscriptionFrame(text, final=False, engine=engine))
        self._maybe_transcribe()
        return text

    async def _end_turn(self) -> None:
        self._speaking = False
        end = self._speech_end
        text = self._latest if self._covered >= end else None
        pending = self._jobs.get(end)
        if self._stream is not None:
            text, pending = None, None  # the stream's final words are the better ones
        request = self._request(self._utterance, end, final=True)
        self._stream = None
        self._utterance = bytearray()
        self._jobs = {}
        self._speech_run = 0.0
        await self.push_frame(UserStoppedSpeakingFrame())
        task = asyncio.get_running_loop().create_task(self._finish(request, text, pending))
        self._finals.add(task)
        task.add_done_callback(self._finals.discard)

    async def _finish(
        self,
        request: Callable[[], Future[str]],
        text: str | None,
        pending: asyncio.Task[str | None] | None,
    ) -> None:
        if text is None and pending is not None:
            # The transcription started at the pause already covers the whole utterance.
            try:
                text = await asyncio.wait_for(asyncio.shield(pending), self.settings.asr_deadline)
            except TimeoutError:
                await self._fail("speech recognition fell behind")
                return
        if text is None:
            text = await self._recognise(request, deadline=self.settings.asr_deadline)
        if text:
            engine = self.worker.engine.name
            await self.push_frame(TranscriptionFrame(text, final=True, engine=engine))

    def _request(self, utterance: bytearray, end: int, *, final: bool) -> Callable[[], Future[str]]:
        """How to ask for a transcript of the utterance up to `end`: from the live stream
        (which has been fed all of it) or by submitting that audio."""
        if self._stream is not None:
            return self._stream.finish if final else self._stream.partial
        audio, rate = bytes(utterance[:end]), self._sample_rate
        return lambda: self.worker.submit(audio, rate)

    async def _recognise(
        self, request: Callable[[], Future[str]], *, deadline: float | None = None
    ) -> str | None:
        try:
            future = request()
            return await asyncio.wait_for(asyncio.wrap_future(future), deadline)
        except WorkerStopped:
            await self._fail("speech recognition stopped")
        except asyncio.CancelledError:
            if self.worker.alive:
                raise  # the call is ending
            await self._fail("speech recognition stopped")
        except TimeoutError:
            await self._fail("speech recognition fell behind")
        except Exception as exc:  # noqa: BLE001 - any engine failure must reach the assistant
            await self._fail(f"speech recognition failed: {exc!r}")
        return None

    async def _fail(self, message: str) -> None:
        if not self._failed:
            self._failed = True
            await self.push_frame(ErrorFrame(message, source="asr", fatal=True))

    async def close(self) -> None:
        for task in [*self._finals, *self._jobs.values()]:
            task.cancel()
        self._finals.clear()
        if self._stream is not None:
            self._stream.abandon()
            self._stream = None
