"""Voice test helpers: speech made with flite, the real engines loaded once per session, and
engines that answer from a script for testing the pipeline's timing logic."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator

import pytest

from synergy.contact.voice.audio import resample
from synergy.contact.voice.speech.asr import EngineNotInstalled, PocketSphinxEngine, WhisperEngine
from synergy.contact.voice.speech.tts import FliteEngine

IN_CI = os.environ.get("CI") == "true"


def need(condition: bool, reason: str) -> None:
    """Skip when a voice dependency is missing, except in CI where it must be installed."""
    if not condition:
        if IN_CI:
            pytest.fail(f"{reason} (CI installs the voice extra and Debian packages)")
        pytest.skip(reason)


_speech_cache: dict[tuple[str, int], bytes] = {}


def speech(text: str, rate: int = 8000) -> bytes:
    """`text` spoken by flite's slt voice (a different voice from the assistant's)."""
    need(shutil.which("flite") is not None, "flite is not installed (apt-get install flite)")
    key = (text, rate)
    if key not in _speech_cache:
        pcm, source_rate = FliteEngine(voice="slt").synthesize(text)
        _speech_cache[key] = resample(pcm, source_rate, rate)
    return _speech_cache[key]


def phone_line(pcm: bytes) -> bytes:
    """8 kHz audio as it arrives over a G.711 µ-law line."""
    from synergy.contact.voice.telephony.g711 import PCMU

    return PCMU.decode(PCMU.encode(pcm))


def words_right(reference: str, heard: str) -> int:
    """How many of the reference's words were heard, in order."""
    from difflib import SequenceMatcher

    ref, hyp = reference.lower().rstrip(".").split(), heard.lower().split()
    return sum(block.size for block in SequenceMatcher(None, ref, hyp).get_matching_blocks())


@pytest.fixture(scope="session")
def whisper() -> WhisperEngine:
    try:
        return WhisperEngine()
    except EngineNotInstalled as exc:
        need(False, str(exc))
        raise


@pytest.fixture(scope="session")
def pocketsphinx() -> PocketSphinxEngine:
    try:
        return PocketSphinxEngine()
    except EngineNotInstalled as exc:
        need(False, str(exc))
        raise


class ScriptedRecognizer:
    """Answers each transcription with the next line of a script; optionally slow or broken.
    `heard` keeps the audio each answer was for."""

    name = "scripted"

    def __init__(self, *answers: str, delay: float = 0.0, fail: bool = False) -> None:
        self.answers = list(answers) or [""]
        self.delay = delay
        self.fail = fail
        self.calls = 0
        self.heard: list[bytes] = []
        self._lock = threading.Lock()
        self.release = threading.Event()
        self.release.set()

    def transcribe(self, pcm: bytes, sample_rate: int) -> str:
        with self._lock:
            index = min(self.calls, len(self.answers) - 1)
            self.calls += 1
            self.heard.append(pcm)
        self.release.wait(10)
        if self.delay:
            time.sleep(self.delay)
        if self.fail:
            raise RuntimeError("engine crashed")
        return self.answers[index]


class ScriptedStream:
    def __init__(self, recognizer: ScriptedStreamingRecognizer, sample_rate: int) -> None:
        self.recognizer = recognizer
        self.sample_rate = sample_rate
        self.audio = bytearray()

    def feed(self, pcm: bytes) -> None:
        self.audio += pcm

    def partial(self) -> str:
        return self.recognizer.transcribe(bytes(self.audio), self.sample_rate)

    def finish(self) -> str:
        return self.recognizer.transcribe(bytes(self.audio), self.sample_rate)

    def abandon(self) -> None:
        pass


class ScriptedStreamingRecognizer(ScriptedRecognizer):
    """The same script answered through live streams: every partial or final transcript a
    stream gives is the next line."""

    def stream(self, sample_rate: int) -> ScriptedStream:
        return ScriptedStream(self, sample_rate)


@pytest.fixture(params=["whole utterances", "streamed"])
def scripted(request: pytest.FixtureRequest) -> type[ScriptedRecognizer]:
    """A scripted engine of each kind: the pipeline must behave the same with both."""
    if request.param == "streamed":
        return ScriptedStreamingRecognizer
    return ScriptedRecognizer


class ToneSynthesizer:
    """Half a second of tone per sentence, instantly: for tests about playback, not voices."""

    name = "tone"
    voice = ""

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.texts: list[str] = []

    def synthesize(self, text: str) -> tuple[bytes, int]:
        import numpy as np

        if self.fail:
            raise RuntimeError("synthesiser crashed")
        self.texts.append(text)
        t = np.arange(4000) / 8000
        return (np.sin(2 * np.pi * 440 * t) * 8000).astype("<i2").tobytes(), 8000


@pytest.fixture
def tone_synthesizer() -> Iterator[ToneSynthesizer]:
    yield ToneSynthesizer()


def loud(seconds: float, rate: int = 8000) -> bytes:
    """Noise loud enough for the energy detector to call it speech."""
    import numpy as np

    rng = np.random.default_rng(1)
    return (rng.normal(0, 6000, int(seconds * rate))).astype("<i2").tobytes()


async def feed(target, pcm: bytes, rate: int = 8000, *, pace: float = 0.002) -> None:  # type: ignore[no-untyped-def]
    """Send audio in 20 ms frames, yielding to background work between frames.

    `target` is a Pipeline or VoiceSession; `pace` 0.02 plays it in real time."""
    import asyncio

    from synergy.contact.voice.audio import chunks
    from synergy.contact.voice.frames import AudioFrame
    from synergy.contact.voice.session import VoiceSession

    for chunk in chunks(pcm, rate):
        if isinstance(target, VoiceSession):
            await target.hear(chunk, rate)
        else:
            await target.send(AudioFrame(chunk, rate))
        await asyncio.sleep(pace)


def make_services(session_factory, recognizer, synthesizer, **turn):  # type: ignore[no-untyped-def]
    from synergy.contact.voice.calls import VoiceCalls
    from synergy.contact.voice.session import VoiceServices
    from synergy.contact.voice.speech.engine_pool import RecognitionWorker
    from synergy.contact.voice.speech.recognizer import TurnSettings
    from synergy.contact.voice.speech.tts import CachedSynthesizer
    from synergy.contact.voice.speech.vad import EnergyVAD

    return VoiceServices(
        calls=VoiceCalls(session_factory),
        worker=RecognitionWorker(recognizer, threads=2),
        synthesizer=CachedSynthesizer(synthesizer),
        turn=TurnSettings(**turn),
        vad_factory=EnergyVAD,
    )
