"""A second factor for staff: time-based one-time codes (TOTP, RFC 6238) from an authenticator
app, with pyotp.

Required for the roles named in `SYNERGY_SECOND_FACTOR_ROLES` (default administrator and
supervisor). The shared secret is kept encrypted (AES-GCM under a key derived from
the platform's secret key), so a copy of the database alone does not give the codes. A code is
accepted once: the last time step used is stored, and an older or equal one is refused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

import pyotp
import segno
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from synergy.core.db import utcnow
from synergy.identity.models import User

ISSUER = "Synergy"
STEP_SECONDS = 30


def _key(secret_key: bytes) -> bytes:
    return hmac.new(secret_key, b"identity:totp-secret", hashlib.sha256).digest()


def _encrypt(secret_key: bytes, plain: str) -> str:
    nonce = os.urandom(12)
    sealed = AESGCM(_key(secret_key)).encrypt(nonce, plain.encode(), b"totp")
    return base64.urlsafe_b64encode(nonce + sealed).decode()


def _decrypt(secret_key: bytes, stored: str) -> str:
    raw = base64.urlsafe_b64decode(stored.encode())
    return AESGCM(_key(secret_key)).decrypt(raw[:12], raw[12:], b"totp").decode()


def is_enrolled(user: User) -> bool:
    return user.totp_secret is not None and user.totp_confirmed_at is not None


def start_enrolment(user: User, *, secret_key: bytes) -> str:
    """A new, unconfirmed secret (replacing an earlier unconfirmed one); returns it in the
    base32 form people type into an authenticator app."""
    if is_enrolled(user):
        raise ValueError("already set up")
    plain = pyotp.random_base32()
    user.totp_secret = _encrypt(secret_key, plain)
    user.totp_last_step = None
    return plain


def pending_secret(user: User, *, secret_key: bytes) -> str | None:
    if user.totp_secret is None or user.totp_confirmed_at is not None:
        return None
    return _decrypt(secret_key, user.totp_secret)


def provisioning(user: User, secret: str) -> tuple[str, str]:
    """The otpauth:// address and a QR code of it as inline SVG (for the app's camera)."""
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=ISSUER)
    svg = segno.make(uri, error="m").svg_inline(scale=4, dark="#0b0c0c", light="#ffffff")
    return uri, svg


def grouped(secret: str) -> str:
    """The secret in groups of four, easier to read and type."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _accepted_step(secret: str, code: str, last_step: int | None) -> int | None:
    digits = "".join(code.split())
    if not (digits.isascii() and digits.isdigit() and len(digits) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now = int(utcnow().timestamp()) // STEP_SECONDS
    for step in (now - 1, now, now + 1):  # a little clock drift either way
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), digits):
            if last_step is not None and step <= last_step:
                return None  # already used
            return step
    return None


def confirm_enrolment(user: User, code: str, *, secret_key: bytes) -> bool:
    secret = pending_secret(user, secret_key=secret_key)
    step = None if secret is None else _accepted_step(secret, code, user.totp_last_step)
    if step is None:
        return False
    user.totp_confirmed_at = utcnow()
    user.totp_last_step = step
    return True


def check_code(user: User, code: str, *, secret_key: bytes) -> bool:
    if not is_enrolled(user) or user.totp_secret is None:
        return False
    step = _accepted_step(_decrypt(secret_key, user.totp_secret), code, user.totp_last_step)
    if step is None:
        return False
    user.totp_last_step = step
    return True


def remove(user: User) -> None:
    """For a lost phone: the next sign-in sets up a new app."""
    user.totp_secret = None
    user.totp_confirmed_at = None
    user.totp_last_step = None
