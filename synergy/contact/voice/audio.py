"""PCM helpers: conversions between sample rates and WAV files, and loudness."""

from __future__ import annotations

import io
import wave
from math import gcd
from pathlib import Path

import numpy as np
from scipy.signal import firwin, lfilter, resample_poly


def resample(pcm: bytes, from_rate: int, to_rate: int) -> bytes:
    """16-bit mono PCM at another sample rate (polyphase filter, no aliasing)."""
    if from_rate == to_rate or not pcm:
        return pcm
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
    divisor = gcd(from_rate, to_rate)
    converted = resample_poly(samples, to_rate // divisor, from_rate // divisor)
    converted_pcm: bytes = np.clip(converted, -32768, 32767).astype("<i2").tobytes()
    return converted_pcm


class StreamResampler:
    """`resample` for audio that arrives in pieces: the filter's state carries from one piece to
    the next, so joins make no clicks (resampling each 20 ms piece alone would).

    Output lags input by half the filter (about 1 ms); that much of the end is never returned,
    which only ever cuts trailing silence.
    """

    def __init__(self, from_rate: int, to_rate: int) -> None:
        divisor = gcd(from_rate, to_rate)
        self.up, self.down = to_rate // divisor, from_rate // divisor
        widest = max(self.up, self.down)
        # The same low-pass filter as scipy's resample_poly.
        self._taps = np.ones(1)
        if widest > 1:
            self._taps = firwin(20 * widest + 1, 1.0 / widest, window=("kaiser", 5.0)) * self.up
        self._state = np.zeros(self._taps.size - 1)
        self._skip = 0  # filtered samples to drop before the next kept one

    def process(self, pcm: bytes) -> bytes:
        if self._taps.size == 1 or not pcm:
            return pcm
        samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
        stuffed = np.zeros(samples.size * self.up)
        stuffed[:: self.up] = samples
        filtered, self._state = lfilter(self._taps, 1.0, stuffed, zi=self._state)
        kept = filtered[self._skip :: self.down]
        self._skip = (self._skip - filtered.size) % self.down
        out: bytes = np.clip(np.round(kept), -32768, 32767).astype("<i2").tobytes()
        return out


def to_float(pcm: bytes) -> np.ndarray:
    return np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0


def rms_dbfs(pcm: bytes) -> float:
    """Loudness of a chunk in dB below full scale (-100 for digital silence)."""
    samples = to_float(pcm)
    if samples.size == 0:
        return -100.0
    power = float(np.mean(samples**2))
    return -100.0 if power <= 1e-10 else 10 * float(np.log10(power))


def read_wav(source: Path | bytes) -> tuple[bytes, int]:
    """(16-bit mono PCM, sample rate) from a WAV file or its bytes; stereo is mixed down."""
    with wave.open(
        io.BytesIO(source) if isinstance(source, bytes) else str(source), "rb"
    ) as handle:
        if handle.getsampwidth() != 2:
            raise ValueError("only 16-bit WAV files are supported")
        rate, channels = handle.getframerate(), handle.getnchannels()
        pcm = handle.readframes(handle.getnframes())
    if channels > 1:
        samples = np.frombuffer(pcm, dtype="<i2").reshape(-1, channels).mean(axis=1)
        pcm = samples.astype("<i2").tobytes()
    return pcm, rate


def wav_bytes(pcm: bytes, sample_rate: int) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(sample_rate)
        handle.writeframes(pcm)
    return buffer.getvalue()


def write_wav(path: Path, pcm: bytes, sample_rate: int) -> None:
    path.write_bytes(wav_bytes(pcm, sample_rate))


def silence(seconds: float, sample_rate: int) -> bytes:
    return bytes(2 * int(seconds * sample_rate))


def chunks(pcm: bytes, sample_rate: int, milliseconds: int = 20) -> list[bytes]:
    """Fixed-size chunks; the last one padded with silence."""
    size = 2 * sample_rate * milliseconds // 1000
    return [pcm[i : i + size].ljust(size, b"\0") for i in range(0, len(pcm), size)]
