"""G.711 µ-law (PCMU) and A-law (PCMA) codecs as lookup tables over numpy arrays.

The standard library's `audioop` is deprecated and gone from Python 3.13, so the two ITU-T
G.711 companding laws are computed once here into a 65,536-entry encode table and a 256-entry
decode table for each.
"""

from __future__ import annotations

import numpy as np

_ALL_SAMPLES = np.arange(-32768, 32768, dtype=np.int32)
_MULAW_BIAS = 0x84
_MULAW_CLIP = 8159
_MULAW_SEGMENT_ENDS = np.array([0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF])
_ALAW_SEGMENT_ENDS = np.array([0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF])


def _mulaw_encode_all(samples: np.ndarray) -> np.ndarray:
    value = samples >> 2  # 14-bit, as G.711 specifies
    mask = np.where(value < 0, 0x7F, 0xFF)
    value = np.minimum(np.abs(value), _MULAW_CLIP) + (_MULAW_BIAS >> 2)
    segment = np.searchsorted(_MULAW_SEGMENT_ENDS, value)
    code = (np.minimum(segment, 7) << 4) | ((value >> (np.minimum(segment, 7) + 1)) & 0x0F)
    code = np.where(segment >= 8, 0x7F, code)
    return ((code ^ mask) & 0xFF).astype(np.uint8)


def _mulaw_decode_all() -> np.ndarray:
    code = ~np.arange(256, dtype=np.int32) & 0xFF
    exponent = (code >> 4) & 0x07
    mantissa = code & 0x0F
    magnitude = (((mantissa << 3) + _MULAW_BIAS) << exponent) - _MULAW_BIAS
    return np.where(code & 0x80, -magnitude, magnitude).astype(np.int16)


def _alaw_encode_all(samples: np.ndarray) -> np.ndarray:
    value = samples >> 3
    mask = np.where(value >= 0, 0xD5, 0x55)
    value = np.where(value >= 0, value, -value - 1)
    segment = np.searchsorted(_ALAW_SEGMENT_ENDS, value)
    shift = np.where(segment < 2, 1, segment)
    code = (np.minimum(segment, 7) << 4) | ((value >> shift) & 0x0F)
    code = np.where(segment >= 8, 0x7F, code)
    return ((code ^ mask) & 0xFF).astype(np.uint8)


def _alaw_decode_all() -> np.ndarray:
    code = np.arange(256, dtype=np.int32) ^ 0x55
    magnitude = (code & 0x0F) << 4
    segment = (code & 0x70) >> 4
    magnitude = np.where(segment == 0, magnitude + 8, magnitude + 0x108)
    magnitude = np.where(segment > 1, magnitude << np.maximum(segment - 1, 0), magnitude)
    return np.where(code & 0x80, magnitude, -magnitude).astype(np.int16)


_MULAW_ENCODE = _mulaw_encode_all(_ALL_SAMPLES)
_MULAW_DECODE = _mulaw_decode_all()
_ALAW_ENCODE = _alaw_encode_all(_ALL_SAMPLES)
_ALAW_DECODE = _alaw_decode_all()


class G711:
    """One G.711 law: `encode(pcm16 bytes) -> payload` and `decode(payload) -> pcm16 bytes`."""

    def __init__(self, name: str, payload_type: int, encode: np.ndarray, decode: np.ndarray):
        self.name = name
        self.payload_type = payload_type
        self._encode = encode
        self._decode = decode

    def encode(self, pcm: bytes) -> bytes:
        samples = np.frombuffer(pcm, dtype="<i2").astype(np.int32) + 32768
        return self._encode[samples].tobytes()

    def decode(self, payload: bytes) -> bytes:
        return self._decode[np.frombuffer(payload, dtype=np.uint8)].astype("<i2").tobytes()

    def silence(self, samples: int) -> bytes:
        return self.encode(bytes(2 * samples))


PCMU = G711("PCMU", 0, _MULAW_ENCODE, _MULAW_DECODE)
PCMA = G711("PCMA", 8, _ALAW_ENCODE, _ALAW_DECODE)
CODECS = {codec.name: codec for codec in (PCMU, PCMA)}
