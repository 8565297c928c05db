"""Authenticating exchange messages between control rooms: HMAC-SHA256 with a secret shared per
partner, over the sender's agency code, a timestamp and the exact body bytes.

The signature travels in HTTP headers rather than inside the XML, so the XML a receiver checks
against the schema is exactly the XML that was signed (no canonicalisation to get wrong). The
timestamp bounds replays; repeats inside the window are harmless because receivers drop
repeated message ids.
"""

from __future__ import annotations

import hashlib
import hmac
import time

AGENCY_HEADER = "X-Exchange-Agency"
TIMESTAMP_HEADER = "X-Exchange-Timestamp"
SIGNATURE_HEADER = "X-Exchange-Signature"
MAX_SKEW_SECONDS = 300


def signature(secret: bytes, agency: str, timestamp: str, body: bytes) -> str:
    signed = agency.encode() + b"." + timestamp.encode() + b"." + body
    return hmac.new(secret, signed, hashlib.sha256).hexdigest()


def signed_headers(
    secret: bytes, agency: str, body: bytes, now: float | None = None
) -> dict[str, str]:
    timestamp = str(int(now if now is not None else time.time()))
    return {
        AGENCY_HEADER: agency,
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature(secret, agency, timestamp, body),
        "Content-Type": "application/xml",
    }


def is_valid(
    secret: bytes, agency: str, timestamp: str, given: str, body: bytes, now: float | None = None
) -> bool:
    """True if the signature matches and the timestamp is within MAX_SKEW_SECONDS of now."""
    try:
        age = abs((now if now is not None else time.time()) - int(timestamp))
    except ValueError:
        return False
    if age > MAX_SKEW_SECONDS:
        return False
    return hmac.compare_digest(signature(secret, agency, timestamp, body), given)
