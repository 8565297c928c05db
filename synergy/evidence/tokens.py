"""Upload link tokens: `<request id>.<32 random bytes>.<HMAC>`, and short codes.

The HMAC (under the platform secret) binds the random part to the request, so a forged or
altered token is refused before the database is asked; only a SHA-256 digest of the whole token
is stored, so a copy of the database cannot be turned back into working links.

The link is about 165 characters: too long to read over the phone. Each request also has a short
code of CODE_LENGTH characters from an alphabet without look-alikes (no 0/O, 1/I/L), typed at
/upload. 31^10 is about 8 x 10^14 codes; guesses are rate-limited (see `short_codes.CodeLimits`).
Only an HMAC of the code is stored. A correct code gives the browser a token of the same shape
as a link token, signed for another purpose (BY_CODE), which opens the same pages.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from synergy.core.security import new_token, sign, signatures_match, token_digest

PURPOSE = "evidence-upload-link"
BY_CODE = "evidence-upload-by-code"
CODE_PURPOSE = "evidence-short-code"
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10
_SHAPE = re.compile(r"^([0-9a-f]{32})\.([A-Za-z0-9_-]{43})\.([0-9a-f]{64})$")


@dataclass(frozen=True)
class LinkToken:
    request_public_id: str
    value: str
    by_code: bool = False
    # The request's short code, set only when both are issued together (never stored).
    short_code: str = ""

    @property
    def digest(self) -> str:
        return token_digest(self.value)


def issue(secret: bytes, request_public_id: str, *, by_code: bool = False) -> LinkToken:
    random_part = new_token(32)
    purpose = BY_CODE if by_code else PURPOSE
    signature = sign(secret, purpose, f"{request_public_id}.{random_part}")
    value = f"{request_public_id}.{random_part}.{signature}"
    return LinkToken(request_public_id, value, by_code)


def read(secret: bytes, value: str) -> LinkToken | None:
    """The token if it is well formed and signed by us, else None (never raises)."""
    match = _SHAPE.fullmatch(value)
    if match is None:
        return None
    public_id, random_part, given = match.groups()
    for purpose in (PURPOSE, BY_CODE):
        expected = sign(secret, purpose, f"{public_id}.{random_part}")
        if signatures_match(expected, given):
            return LinkToken(public_id, value, purpose == BY_CODE)
    return None


def issue_short_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def read_short_code(text: str) -> str | None:
    """The code as typed ("abcde-fghjk", "ABCDE FGHJK"), or None if it cannot be one."""
    code = re.sub(r"[\s-]", "", text).upper()
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        return None
    return code


def short_code_digest(secret: bytes, code: str) -> str:
    return sign(secret, CODE_PURPOSE, code)


def spaced(code: str) -> str:
    """Grouped for reading out: 'ABCDE FGHJK'."""
    return f"{code[:5]} {code[5:]}"
