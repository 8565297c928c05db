"""The UK ringing tone a caller hears while a member of staff's phone rings.

400 Hz and 450 Hz together, on for 0.4 s, off for 0.2 s, on for 0.4 s, off for 2.0 s: the
sound a UK caller knows means "it is ringing at the other end". Generated, not stored.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

FREQUENCIES = (400.0, 450.0)
CADENCE = ((0.4, True), (0.2, False), (0.4, True), (2.0, False))  # seconds, sounding
LEVEL = 0.12  # of full scale, per tone: clearly audible without drowning a voice that follows
RAMP = 0.004  # seconds of fade in and out, so the tone does not click on and off


@lru_cache(maxsize=4)
def ringing_cycle(rate: int) -> bytes:
    """One 3-second cycle of the tone as 16-bit mono PCM at `rate`."""
    pieces = []
    for seconds, sounding in CADENCE:
        count = round(seconds * rate)
        if not sounding:
            pieces.append(np.zeros(count))
            continue
        t = np.arange(count) / rate
        burst = sum(np.sin(2 * np.pi * frequency * t) for frequency in FREQUENCIES)
        ramp = min(round(RAMP * rate), count // 2)
        envelope = np.ones(count)
        envelope[:ramp] = np.linspace(0.0, 1.0, ramp)
        envelope[count - ramp :] = np.linspace(1.0, 0.0, ramp)
        pieces.append(burst * envelope)
    cycle = np.concatenate(pieces) * LEVEL * 32767
    return bytes(cycle.astype("<i2").tobytes())


class RingingTone:
    """The tone from the start of its cadence, read in pieces of any size."""

    def __init__(self, rate: int) -> None:
        self._cycle = ringing_cycle(rate)
        self._position = 0

    def read(self, samples: int) -> bytes:
        size = 2 * samples
        out = bytearray()
        while len(out) < size:
            take = min(size - len(out), len(self._cycle) - self._position)
            out += self._cycle[self._position : self._position + take]
            self._position = (self._position + take) % len(self._cycle)
        return bytes(out)
