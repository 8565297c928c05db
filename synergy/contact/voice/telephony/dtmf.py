"""Key presses as RFC 4733 telephone-event payloads, the way trunks normally send them.

Callers press keys for "press 1 for..." menus and to enter reference numbers. A line that sends
only the tones in the audio is served by `synergy.contact.voice.keys`.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

EVENT_DIGITS = "0123456789*#ABCD"


@dataclass(frozen=True)
class TelephoneEvent:
    digit: str
    end: bool
    volume: int  # -dBm0, 0-63
    duration: int  # in RTP timestamp units


def parse_telephone_event(payload: bytes) -> TelephoneEvent | None:
    """The event in an RFC 4733 payload, or None if it is not a key (0-15)."""
    if len(payload) < 4:
        return None
    event, flags, duration = struct.unpack("!BBH", payload[:4])
    if event >= len(EVENT_DIGITS):
        return None
    return TelephoneEvent(EVENT_DIGITS[event], bool(flags & 0x80), flags & 0x3F, duration)


def telephone_event_payload(digit: str, *, end: bool, duration: int, volume: int = 10) -> bytes:
    flags = (0x80 if end else 0) | (volume & 0x3F)
    return struct.pack("!BBH", EVENT_DIGITS.index(digit.upper()), flags, duration)
