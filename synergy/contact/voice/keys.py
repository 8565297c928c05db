"""In-band key presses: find DTMF tones in the caller's audio and keep them from the
speech recogniser (used when the line does not send RFC 4733 telephone-events).

`InbandDTMFDetector` finds the tones by measuring the power at the eight DTMF frequencies.
"""

from __future__ import annotations

import numpy as np

from synergy.contact.voice.frames import AudioFrame, Direction, DTMFFrame, Frame
from synergy.contact.voice.pipeline import FrameProcessor

LOW_TONES = (697, 770, 852, 941)
HIGH_TONES = (1209, 1336, 1477, 1633)
KEYPAD = ("123A", "456B", "789C", "*0#D")


def dtmf_tone(digit: str, sample_rate: int, seconds: float = 0.1, level: float = 0.3) -> bytes:
    """The two-tone signal for one key, as 16-bit PCM."""
    row = next(index for index, keys in enumerate(KEYPAD) if digit.upper() in keys)
    column = KEYPAD[row].index(digit.upper())
    t = np.arange(int(seconds * sample_rate)) / sample_rate
    low, high = LOW_TONES[row], HIGH_TONES[column]
    wave = level * (np.sin(2 * np.pi * low * t) + np.sin(2 * np.pi * high * t))
    return (wave * 16384).astype("<i2").tobytes()


def _tone_power(samples: np.ndarray, frequency: float, sample_rate: int) -> float:
    """Power at one frequency: a single-bin DFT (what the Goertzel algorithm computes)."""
    phase = 2 * np.pi * frequency * np.arange(samples.size) / sample_rate
    return float(np.dot(samples, np.cos(phase)) ** 2 + np.dot(samples, np.sin(phase)) ** 2)


class InbandDTMFDetector:
    """Feeds 16-bit PCM chunks; `feed` returns each key once, when its tone starts."""

    def __init__(self, sample_rate: int, *, block_ms: int = 40) -> None:
        self.sample_rate = sample_rate
        self._block = sample_rate * block_ms // 1000
        self._buffer = np.zeros(0, dtype=np.float32)
        self._current: str | None = None

    @property
    def tone_present(self) -> bool:
        return self._current is not None

    def feed(self, pcm: bytes) -> list[str]:
        self._buffer = np.concatenate(
            [self._buffer, np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0]
        )
        keys: list[str] = []
        while self._buffer.size >= self._block:
            block, self._buffer = self._buffer[: self._block], self._buffer[self._block :]
            key = self._detect(block)
            if key is not None and key != self._current:
                keys.append(key)
            self._current = key
        return keys

    def _detect(self, block: np.ndarray) -> str | None:
        energy = float(np.sum(block**2))
        if energy < 1e-3 * block.size * 0.01:
            return None
        low = [_tone_power(block, f, self.sample_rate) for f in LOW_TONES]
        high = [_tone_power(block, f, self.sample_rate) for f in HIGH_TONES]
        row, column = int(np.argmax(low)), int(np.argmax(high))
        tone_energy = (low[row] + high[column]) * 2 / block.size
        # Both tones must dominate the block (speech spreads its energy) and stand out from
        # the other candidate frequencies.
        if tone_energy < 0.6 * energy:
            return None
        if sorted(low)[-2] > 0.1 * low[row] or sorted(high)[-2] > 0.1 * high[column]:
            return None
        return KEYPAD[row][column]


class InbandKeyDetector(FrameProcessor):
    def __init__(self) -> None:
        super().__init__()
        self._detector: InbandDTMFDetector | None = None

    async def process_frame(self, frame: Frame, direction: Direction) -> None:
        if not isinstance(frame, AudioFrame) or direction is not Direction.DOWN:
            await self.push_frame(frame, direction)
            return
        if self._detector is None or self._detector.sample_rate != frame.sample_rate:
            self._detector = InbandDTMFDetector(frame.sample_rate)
        keys = self._detector.feed(frame.pcm)
        for key in keys:
            await self.push_frame(DTMFFrame(key, source="inband"))
        if keys or self._detector.tone_present:
            # A tone is not speech: pass silence on instead.
            frame = AudioFrame(bytes(len(frame.pcm)), frame.sample_rate)
        await self.push_frame(frame, direction)
