"""Passwords, tokens, CSRF and HTTP security headers.

Passwords are hashed with argon2id. Session tokens are random and stored only as SHA-256
digests, so a copy of the database cannot be used to sign in. CSRF tokens are an HMAC of a
per-browser cookie under the platform's secret key (the double-submit pattern, signed).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from zxcvbn import zxcvbn

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters

MIN_PASSWORD_LENGTH = 12
MIN_GUESSABILITY_SCORE = 3  # zxcvbn: 3 is "safely unguessable" against an online attack
MAX_PASSWORD_LENGTH = 1024


class WeakPassword(ValueError):
    pass


def check_password_strength(password: str, *, about_user: tuple[str, ...] = ()) -> None:
    """The NCSC's advice: length, no composition rules, and a deny-list of passwords that are
    common or follow a guessable pattern (zxcvbn's shipped frequency lists and pattern
    matching: repeats, sequences, keyboard walks, dates, the user's own name)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"Password must be at least {MIN_PASSWORD_LENGTH} characters long")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise WeakPassword(f"Password must be at most {MAX_PASSWORD_LENGTH} characters long")
    if password.strip() != password or not password.strip():
        raise WeakPassword("Password must not start or end with spaces")
    # zxcvbn's cost grows with length; the first 100 characters decide a long password.
    if zxcvbn(password[:100], user_inputs=list(about_user))["score"] < MIN_GUESSABILITY_SCORE:
        raise WeakPassword(
            "Password is too easy to guess: it is a common password, or a pattern such as "
            "repeated or sequential characters, a keyboard row or your name. "
            "Three random words make a strong password that is easy to remember"
        )


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    if len(password) > MAX_PASSWORD_LENGTH:
        return False
    if password_hash == DUMMY_PASSWORD_HASH:
        password_hash = _dummy_hash()
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def password_needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


# Verifying against this when the user does not exist keeps response times alike. It stands
# for a real argon2 hash made on first use, not at import: hashing takes 64 MiB of memory
# for a moment, which would otherwise set every process's peak memory at start-up.
DUMMY_PASSWORD_HASH = "dummy-password-hash"  # noqa: S105 - a placeholder, not a secret


@functools.cache
def _dummy_hash() -> str:
    return _hasher.hash("not-a-real-password-" + secrets.token_hex(8))


def new_token(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def sign(secret: bytes, purpose: str, value: str) -> str:
    return hmac.new(secret, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def signatures_match(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode(), given.encode())


def csrf_token_for(secret: bytes, browser_id: str, session_token: str = "") -> str:
    """The CSRF token for this browser and, once signed in, this session: a token planted with
    a browser cookie of someone else's choosing is no use against a session they don't hold."""
    if not session_token:
        return sign(secret, "csrf", browser_id)
    return sign(secret, "csrf-session", f"{browser_id}:{session_token}")


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "media-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def security_headers(*, nonce: str, behind_tls: bool) -> dict[str, str]:
    headers = {
        "Content-Security-Policy": content_security_policy(nonce),
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": "camera=(), geolocation=(), microphone=(self)",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if behind_tls:
        headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    return headers
