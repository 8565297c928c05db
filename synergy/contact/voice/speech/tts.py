"""Speech synthesis, offline, behind one small interface, with a cache for fixed prompts.

The default is Debian's `flite` with the `awb` voice (a British, Scottish English, speaker):
flite's licence is a permissive BSD-style one, it starts in tens of milliseconds and was the
most intelligible offline voice we measured. `espeak-ng` (voice `en-gb`) is the fallback.
piper-tts sounds more natural but is GPL-3.0, so it is not used by default.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Protocol

from synergy.contact.voice.audio import read_wav

MAX_TEXT_CHARS = 2000
SYNTHESIS_TIMEOUT_SECONDS = 10.0


class SynthesisFailed(RuntimeError):
    """The synthesiser did not produce audio."""


class SpeechSynthesizer(Protocol):
    name: str

    def synthesize(self, text: str) -> tuple[bytes, int]:
        """(16-bit mono PCM, sample rate) for `text`."""
        ...


def _run_to_wav(command: list[str]) -> tuple[bytes, int]:
    with tempfile.TemporaryDirectory(prefix="synergy-tts-") as folder:
        out = Path(folder) / "speech.wav"
        try:
            subprocess.run(  # noqa: S603 - fixed program, text passed as one argument
                [*command, str(out)],
                check=True,
                capture_output=True,
                timeout=SYNTHESIS_TIMEOUT_SECONDS,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise SynthesisFailed(f"{command[0]} failed: {exc}") from exc
        if not out.exists():
            raise SynthesisFailed(f"{command[0]} wrote no audio")
        return read_wav(out)


def _clean(text: str) -> str:
    cleaned = " ".join(text.split())[:MAX_TEXT_CHARS]
    # A leading "-" would be read as an option by both programs.
    return cleaned.lstrip("-")


def _installed(program: str, *, package: str) -> str:
    """The path of a synthesis program, or SynthesisFailed saying which package to install."""
    path = shutil.which(program)
    if path is None:
        raise SynthesisFailed(f"{package} is not installed: apt-get install {package}")
    return path


class FliteEngine:
    name = "flite"

    def __init__(self, voice: str = "awb", program: str = "flite") -> None:
        self._program = _installed(program, package="flite")
        self.voice = voice

    def synthesize(self, text: str) -> tuple[bytes, int]:
        return _run_to_wav([self._program, "-voice", self.voice, "-t", _clean(text), "-o"])


class EspeakEngine:
    name = "espeak-ng"

    def __init__(self, voice: str = "en-gb", program: str = "espeak-ng") -> None:
        self._program = _installed(program, package="espeak-ng")
        self.voice = voice

    def synthesize(self, text: str) -> tuple[bytes, int]:
        return _run_to_wav([self._program, "-v", self.voice, "-s", "160", "--", _clean(text), "-w"])


SYNTHESIZERS: dict[str, type[FliteEngine] | type[EspeakEngine]] = {
    "flite": FliteEngine,
    "espeak-ng": EspeakEngine,
}


def make_synthesizer(name: str = "flite", voice: str | None = None) -> SpeechSynthesizer:
    if name not in SYNTHESIZERS:
        raise ValueError(f"unknown synthesiser {name!r}; choose from {', '.join(SYNTHESIZERS)}")
    engine = SYNTHESIZERS[name]
    return engine(voice) if voice else engine()


class CachedSynthesizer:
    """Keeps the audio of recent sentences: fixed prompts (greeting, questions, handover
    messages) are synthesised once per process. Thread-safe."""

    def __init__(self, engine: SpeechSynthesizer, *, max_entries: int = 256) -> None:
        self.engine = engine
        self.name = engine.name
        self._entries: OrderedDict[str, tuple[bytes, int]] = OrderedDict()
        self._max = max_entries
        self._lock = threading.Lock()
        self.hits = 0

    def _key(self, text: str) -> str:
        voice = getattr(self.engine, "voice", "")
        return hashlib.sha256(f"{self.engine.name}/{voice}/{text}".encode()).hexdigest()

    def synthesize(self, text: str) -> tuple[bytes, int]:
        key = self._key(text)
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                self.hits += 1
                return self._entries[key]
        audio = self.engine.synthesize(text)
        with self._lock:
            self._entries[key] = audio
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)
        return audio

    def warm(self, texts: list[str]) -> None:
        for text in texts:
            self.synthesize(text)
