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
    TranscriptionFrame,
    TTSAudioFrame,
    TTSStartedFrame,
    UserStoppedSpeakingFrame,
)
from synergy.contact.voice.keys import InbandKeyDetector
from synergy.contact.voice.pipeline import FrameProcessor, Pipeline
from synergy.contact.voice.speech.asr import SpeechRecognizer, make_engine
from synergy.contact.voice.speech.engine_pool import RecognitionWorker
from synergy.contact.voice.speech.recognizer import SpeechToText, TurnSettings
from synergy.contact.voice.speech.speaking import PlaybackBuffer, TextToSpeech
from synergy.contact.voice.speech.tts import CachedSynthesizer, SpeechSynthesizer, make_synthesizer
from synergy.contact.voice.speech.vad import VoiceActivityDetector, default_vad
from synergy.core.config import Settings


@dataclass
class VoiceServices:
    """What all calls share: the recognition worker, the synthesiser and its prompt cache."""

    calls: VoiceCalls
    worker: RecognitionWorker
    synthesizer: SpeechSynthesizer
    turn: TurnSettings = field(default_factory=TurnSettings)
    vad_factory: type[VoiceActivityDetector] | None = None

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
    ) -> VoiceServices:
        engine = make_engine(asr, model_dir=model_dir) if isinstance(asr, str) else asr
        synthesizer = make_synthesizer(tts, voice) if isinstance(tts, str) else tts
        return cls(
            calls=VoiceCalls(session_factory, limits, source=source),
            worker=RecognitionWorker(engine, threads=asr_threads),
            synthesizer=CachedSynthesizer(synthesizer),
            turn=turn or TurnSettings(),
        )

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        session_factory: sessionmaker[Session],
        *,
        source: str | None = None,
    ) -> VoiceServices:
        turn = TurnSettings(
            silence_timeout=settings.voice_silence_timeout,
            hesitant_timeout=settings.voice_hesitant_timeout,
            asr_deadline=settings.voice_asr_deadline,
        )
        limits = service.Limits.from_settings(settings)
        return cls.build(
            session_factory, asr=settings.voice_asr_engine, model_dir=settings.voice_asr_model_dir,
            asr_threads=settings.voice_asr_threads, tts=settings.voice_tts_engine,
            voice=settings.voice_tts_voice or None, turn=turn, limits=limits, source=source,
        )  # fmt: skip

    def warm(self, prompts: tuple[str, ...] = ()) -> None:
        """Load the understanding model and synthesise fixed prompts before the first call."""
        from synergy.contact.understanding import understand

        understand("hello")
        if isinstance(self.synthesizer, CachedSynthesizer):
            self.synthesizer.warm(list(prompts or fixed_prompts()))

    def vad(self) -> VoiceActivityDetector:
        return self.vad_factory() if self.vad_factory is not None else default_vad()


def fixed_prompts() -> tuple[str, ...]:
    """What the assistant says word for word on many calls: the greeting's sentences and the
    failure message."""
    from synergy.contact.dialogue import Channel
    from synergy.contact.dialogue.replies import greeting
    from synergy.contact.voice.assistant import FAILURE_TEXT, KEY_HINT
    from synergy.contact.voice.speech.speaking import sentences

    return (*sentences(f"{greeting(Channel.VOICE)} {KEY_HINT}"), *sentences(FAILURE_TEXT))


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
            self.log.caller_stopped_at = time.monotonic()
            self._awaiting_reply = True
        elif isinstance(frame, TTSAudioFrame) and self._awaiting_reply:
            self._awaiting_reply = False
            self.log.first_reply_audio_at.append(time.monotonic())

    async def close(self) -> None:
        await self.pipeline.close()
