"""Upload link tokens: `<request id>.<32 random bytes>.<HMAC>`.

The HMAC (under the platform secret) binds the random part to the request, so a forged or
altered token is refused before the database is asked; only a SHA-256 digest of the whole token
is stored, so a copy of the database cannot be turned back into working links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from synergy.core.security import new_token, sign, signatures_match, token_digest

PURPOSE = "evidence-upload-link"
_SHAPE = re.compile(r"^([0-9a-f]{32})\.([A-Za-z0-9_-]{43})\.([0-9a-f]{64})$")


@dataclass(frozen=True)
class LinkToken:
    request_public_id: str
    value: str

    @property
    def digest(self) -> str:
        return token_digest(self.value)


def issue(secret: bytes, request_public_id: str) -> LinkToken:
    random_part = new_token(32)
    signature = sign(secret, PURPOSE, f"{request_public_id}.{random_part}")
    return LinkToken(request_public_id, f"{request_public_id}.{random_part}.{signature}")


def read(secret: bytes, value: str) -> LinkToken | None:
    """The token if it is well formed and signed by us, else None (never raises)."""
    match = _SHAPE.fullmatch(value)
    if match is None:
        return None
    public_id, random_part, given = match.groups()
    expected = sign(secret, PURPOSE, f"{public_id}.{random_part}")
    if not signatures_match(expected, given):
        return None
    return LinkToken(public_id, value)
