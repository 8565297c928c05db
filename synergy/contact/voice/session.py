"""One voice call's pipeline, and the engines every call on this machine shares.

    caller audio -> InbandKeyDetector -> SpeechToText -> CallAssistant -> TextToSpeech -> line

`VoiceServices` loads the speech engines once per process (models take seconds to load);
`VoiceSession` is built per call by a transport (SIP or WebRTC), which feeds it the caller's
audio and key presses and reads the reply audio from its `playback` buffer.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from synergy.contact import service
from synergy.contact.voice.assistant import KEY_HINT, CallAssistant
from synergy.contact.voice.calls import VoiceCalls
from synergy.contact.voice.frames import (
    AudioFrame,
    Direction,
    DTMFFrame,
    EndFrame,
    ErrorFrame,
    Frame,
    HandoverFrame,
    TextFrame,
    TranscriptionFrame,
    TTSAudioFrame,
    TTSStartedFrame,
    UserStartedSpeakingFrame,
    UserStoppedSpeakingFrame,
)
from synergy.contact.voice.keys import InbandKeyDetector
from synergy.contact.voice.pipeline import FrameProcessor, Pipeline
from synergy.contact.voice.settings import VoiceSettings
from synergy.contact.voice.speech.asr import SpeechRecognizer, make_engine
from synergy.contact.voice.speech.engine_pool import RecognitionWorker
from synergy.contact.voice.speech.recognizer import SpeechToText, TurnSettings
from synergy.contact.voice.speech.speaking import PlaybackBuffer, TextToSpeech
from synergy.contact.voice.speech.tts import CachedSynthesizer, SpeechSynthesizer, make_synthesizer
from synergy.contact.voice.speech.vad import VoiceActivityDetector, default_vad
from synergy.core.config import Settings

SILENT_CALLER_TEXT = (
    "I cannot hear anything, so I am ending this call. If you still need us, please contact "
    "us again. If you are in danger, call 999."
)
SILENT_CALLER = "the caller said nothing"


@dataclass(frozen=True)
class LineLimits:
    """When a call nobody is using ends, so that no line is held by a caller who has gone."""

    media_seconds: float = 20.0  # no audio packets at all: the caller's side has gone away
    silent_seconds: float = 60.0  # audio, but no speech or key while the assistant waits
    call_seconds: float = 3600.0  # however the call is going

    @classmethod
    def from_settings(cls, settings: Settings) -> LineLimits:
        voice = settings.section(VoiceSettings)
        return cls(
            media_seconds=voice.media_timeout,
            silent_seconds=voice.silent_caller_seconds,
            call_seconds=voice.max_call_minutes * 60,
        )


@dataclass
class VoiceServices:
    """What all calls share: the recognition worker, the synthesiser and its prompt cache."""

    calls: VoiceCalls
    worker: RecognitionWorker
    synthesizer: SpeechSynthesizer
    turn: TurnSettings = field(default_factory=TurnSettings)
    vad_factory: type[VoiceActivityDetector] | None = None
    line: LineLimits = field(default_factory=LineLimits)

    @classmethod
    def build(
        cls,
        session_factory: sessionmaker[Session],
        *,
        asr: str | SpeechRecognizer = "whisper",
        model_dir: Path | None = None,
        asr_threads: int = 2,
        tts: str | SpeechSynthesizer = "flite",
        voice: str | None = None,
        turn: TurnSettings | None = None,
        limits: service.Limits | None = None,
        source: str | None = None,
        line: LineLimits | None = None,
    ) -> VoiceServices:
        engine = make_engine(asr, model_dir=model_dir) if isinstance(asr, str) else asr
        synthesizer = make_synthesizer(tts, voice) if isinstance(tts, str) else tts
        return cls(
            calls=VoiceCalls(session_factory, limits, source=source),
            worker=RecognitionWorker(engine, threads=asr_threads),
            synthesizer=CachedSynthesizer(synthesizer),
            turn=turn or TurnSettings(),
            line=line or LineLimits(),
        )

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        session_factory: sessionmaker[Session],
        *,
        source: str | None = None,
    ) -> VoiceServices:
        voice = settings.section(VoiceSettings)
        turn = TurnSettings(
            silence_timeout=voice.silence_timeout,
            hesitant_timeout=voice.hesitant_timeout,
            asr_deadline=voice.asr_deadline,
        )
        limits = service.Limits.from_settings(settings)
        return cls.build(
            session_factory, asr=voice.asr_engine, model_dir=voice.asr_model_dir,
            asr_threads=voice.asr_threads, tts=voice.tts_engine,
            voice=voice.tts_voice or None, turn=turn, limits=limits, source=source,
            line=LineLimits.from_settings(settings),
        )  # fmt: skip

    def warm(
        self, prompts: tuple[str, ...] = (), *, progress: Callable[[int], None] | None = None
    ) -> None:
        """Load the understanding model (step 1) and synthesise fixed prompts (step 2) before
        the first call; `progress` is told each step as it starts."""
        from synergy.contact.understanding import understand

        if progress is not None:
            progress(1)
        understand("hello")
        if progress is not None:
            progress(2)
        if isinstance(self.synthesizer, CachedSynthesizer):
            self.synthesizer.warm(list(prompts or fixed_prompts()))

    def vad(self) -> VoiceActivityDetector:
        return self.vad_factory() if self.vad_factory is not None else default_vad()


def fixed_prompts() -> tuple[str, ...]:
    """What the assistant says word for word on many calls: the greeting's sentences and the
    failure message."""
    from synergy.contact.dialogue import Channel
    from synergy.contact.dialogue.replies import greeting
    from synergy.contact.voice.assistant import BUTTON_HINT, FAILURE_TEXT, KEY_HINT
    from synergy.contact.voice.speech.speaking import sentences

    spoken = (greeting(Channel.VOICE), KEY_HINT, BUTTON_HINT, FAILURE_TEXT, SILENT_CALLER_TEXT)
    return tuple(dict.fromkeys(sentence for text in spoken for sentence in sentences(text)))


def caption(frame: Frame) -> dict[str, Any] | None:
    """What a screen shows of a frame: captions of both sides, a handover, the end."""
    if isinstance(frame, TTSStartedFrame):
        return {"speaker": "assistant", "text": frame.text}
    if isinstance(frame, TranscriptionFrame) and frame.final:
        return {"speaker": "caller", "text": frame.text}
    if isinstance(frame, HandoverFrame):
        return {"event": "handover", "queue": frame.queue}
    if isinstance(frame, EndFrame):
        return {"event": "ended"}
    return None


class FrameTap(FrameProcessor):
    """Shows each frame to a callback and passes it on unchanged."""

    def __init__(self, callback: Callable[[Frame], None]) -> None:
        super().__init__()
        self._callback = callback

    async def process_frame(self, frame: Frame, direction: Direction) -> None:
        if direction is Direction.DOWN and not isinstance(frame, AudioFrame):
            self._callback(frame)
        await self.push_frame(frame, direction)


@dataclass
class CallLog:
    """What happened on the line, for transports, tests and benchmarks."""

    spoken: list[str] = field(default_factory=list)
    errors: list[ErrorFrame] = field(default_factory=list)
    handover: HandoverFrame | None = None
    caller_stopped_at: float | None = None
    first_reply_audio_at: list[float] = field(default_factory=list)


class VoiceSession:
    """One call: feed it caller audio and keys; read reply audio from `playback`."""

    def __init__(
        self,
        services: VoiceServices,
        *,
        line_rate: int,
        source: str | None = None,
        hint: str = KEY_HINT,
    ) -> None:
        self.services = services
        self.line_rate = line_rate
        self.log = CallLog()
        self.playback = PlaybackBuffer(line_rate)
        calls = services.calls.for_source(source) if source else services.calls
        self.assistant = CallAssistant(calls, is_playing=lambda: self.playback.playing, hint=hint)
        self.recognizer = SpeechToText(services.worker, services.vad(), services.turn)
        self.tts = TextToSpeech(services.synthesizer)
        self.on_event: Callable[[dict[str, Any]], None] | None = None  # captions for the page
        self.pipeline = Pipeline(
            [InbandKeyDetector(), self.recognizer, FrameTap(self._note), self.assistant, self.tts],
            on_down=self._from_pipeline,
            on_up=self._from_pipeline,
        )
        self.finished = asyncio.Event()  # hang up (done) or transfer (handover)
        self._awaiting_reply = False
        self.last_heard_at = time.monotonic()  # the caller's last speech or key

    async def start(self) -> None:
        await self.assistant.start()

    async def hear(self, pcm: bytes, sample_rate: int | None = None) -> None:
        await self.pipeline.send(AudioFrame(pcm, sample_rate or self.line_rate))

    async def key(self, digit: str) -> None:
        await self.pipeline.send(DTMFFrame(digit))

    async def _from_pipeline(self, frame: Frame) -> None:
        await self.playback.handle(frame)
        self._note(frame)
        if isinstance(frame, HandoverFrame):
            self.log.handover = frame
            self.finished.set()
        elif isinstance(frame, EndFrame):
            self.finished.set()

    def _note(self, frame: Frame) -> None:
        event = caption(frame)
        if event is not None and self.on_event is not None:
            self.on_event(event)
        if isinstance(frame, TTSStartedFrame):
            self.log.spoken.append(frame.text)
        elif isinstance(frame, ErrorFrame):
            self.log.errors.append(frame)
        elif isinstance(frame, UserStoppedSpeakingFrame):
            self.log.caller_stopped_at = self.last_heard_at = time.monotonic()
            self._awaiting_reply = True
        elif isinstance(frame, (UserStartedSpeakingFrame, DTMFFrame, TranscriptionFrame)):
            self.last_heard_at = time.monotonic()
        elif isinstance(frame, TTSAudioFrame) and self._awaiting_reply:
            self._awaiting_reply = False
            self.log.first_reply_audio_at.append(time.monotonic())

    async def say(self, text: str) -> None:
        """Speak (and caption) words that are not a turn of the conversation."""
        await self.pipeline.send(TextFrame(text))

    async def play_out(self, limit: float = 60.0) -> None:
        """Until the words already queued have been played (or `limit` seconds)."""
        deadline = time.monotonic() + limit
        while self.playback.playing and time.monotonic() < deadline:
            await asyncio.sleep(0.05)

    async def close(self) -> None:
        await self.pipeline.close()


async def watch_line(
    session: VoiceSession, last_media: Callable[[], float], *, poll: float = 0.25
) -> str:
    """Wait until the call should end because nobody is using it; why, in a few words.

    `last_media` gives when the transport last received the caller's audio (monotonic). The
    caller counts as silent only while the assistant is waiting for them: not while it speaks,
    and not after it has finished (handed over, or said goodbye).
    """
    limits = session.services.line
    started = active = time.monotonic()
    while True:
        await asyncio.sleep(poll)
        now = time.monotonic()
        if session.playback.playing:
            active = now
        if now - max(last_media(), started) > limits.media_seconds:
            return "no audio from the caller"
        if now - started > limits.call_seconds:
            return "the call reached its longest time"
        quiet = now - max(active, session.last_heard_at)
        if not session.finished.is_set() and quiet > limits.silent_seconds:
            return SILENT_CALLER
