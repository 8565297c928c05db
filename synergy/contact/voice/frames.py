"""The typed frames that flow through a voice pipeline.

Downstream frames travel from the caller's microphone towards the loudspeaker (audio in,
transcripts, replies, synthesised audio out); upstream frames go the other way (errors, and
"the caller interrupted"). Every frame is an immutable dataclass so a test can compare them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import Enum


class Direction(Enum):
    DOWN = "down"
    UP = "up"


@dataclass(frozen=True)
class Frame:
    at: float = field(default_factory=time.monotonic, compare=False, kw_only=True)


@dataclass(frozen=True)
class AudioFrame(Frame):
    """Caller audio: signed 16-bit little-endian mono PCM."""

    pcm: bytes
    sample_rate: int

    @property
    def duration(self) -> float:
        return len(self.pcm) / 2 / self.sample_rate


@dataclass(frozen=True)
class UserStartedSpeakingFrame(Frame):
    pass


@dataclass(frozen=True)
class UserStoppedSpeakingFrame(Frame):
    """The caller has finished a turn (end of turn, not just a pause)."""


@dataclass(frozen=True)
class TranscriptionFrame(Frame):
    """What the caller said: `final` False while they are still speaking."""

    text: str
    final: bool
    engine: str = ""


@dataclass(frozen=True)
class DTMFFrame(Frame):
    """A key the caller pressed: 0-9, *, #, A-D."""

    digit: str
    source: str = "rfc4733"  # or "inband"


@dataclass(frozen=True)
class TextFrame(Frame):
    """Something the assistant is to say."""

    text: str


@dataclass(frozen=True)
class TTSStartedFrame(Frame):
    text: str


@dataclass(frozen=True)
class TTSAudioFrame(Frame):
    """Synthesised speech to play to the caller (16-bit mono PCM)."""

    pcm: bytes
    sample_rate: int


@dataclass(frozen=True)
class TTSStoppedFrame(Frame):
    pass


@dataclass(frozen=True)
class InterruptionFrame(Frame):
    """The caller spoke over the assistant: stop playing at once."""


@dataclass(frozen=True)
class HandoverFrame(Frame):
    """Put the caller through to a person, waiting in `queue`."""

    queue: str
    reason: str


@dataclass(frozen=True)
class ErrorFrame(Frame):
    """Something failed; `fatal` errors mean the machine can no longer hold the call."""

    error: str
    source: str
    fatal: bool = False


@dataclass(frozen=True)
class EndFrame(Frame):
    """The call is over: flush and stop."""
