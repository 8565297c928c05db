"""Signing ACRO callbacks: HMAC-SHA256 over the timestamp and the body, with a shared secret.

Both the simulator (which signs) and our callback endpoint (which checks) use this module.
"""

from __future__ import annotations

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-Acro-Signature"
TIMESTAMP_HEADER = "X-Acro-Timestamp"
MAX_SKEW_SECONDS = 300


def signature(secret: bytes, timestamp: str, body: bytes) -> str:
    return hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def signed_headers(secret: bytes, body: bytes, now: float | None = None) -> dict[str, str]:
    timestamp = str(int(now if now is not None else time.time()))
    return {TIMESTAMP_HEADER: timestamp, SIGNATURE_HEADER: signature(secret, timestamp, body)}


def is_valid(
    secret: bytes, timestamp: str, given: str, body: bytes, now: float | None = None
) -> bool:
    """True if the signature matches and the timestamp is recent (refuses replays). Headers
    arrive as any text: only ASCII digits and hex can be right."""
    if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12):
        return False
    if not (given.isascii() and len(given) == 64):
        return False
    age = abs((now if now is not None else time.time()) - int(timestamp))
    if age > MAX_SKEW_SECONDS:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), given)
