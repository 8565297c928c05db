"""Re-authentication and supervisors' access to other officers' notebooks.

Before an extract, and before a supervisor reads another officer's notebook, the user types
their password again (failures count towards the account lockout like any sign-in). A
supervisor also gives a reason; the opening is audited with it. The permission to read lasts
a few minutes and is kept in a cookie signed with the platform's secret, bound to the user's
sign-in session and to the notebook opened.
"""

from __future__ import annotations

import time

from sqlalchemy.orm import Session

from synergy.core import audit
from synergy.core.config import Settings
from synergy.core.errors import InvalidRequest
from synergy.core.security import sign, signatures_match
from synergy.identity.service import CurrentUser, LoginFailed, authenticate, throttle_limits

READ_GRANT_COOKIE = "synergy_notebook_read"
PURPOSE = "notebook-read"


def reauthenticate(
    session: Session,
    settings: Settings,
    *,
    user: CurrentUser,
    password: str,
    source_ip: str | None,
) -> None:
    """Raise InvalidRequest (with the sign-in message) unless the password is right."""
    if not password:
        raise InvalidRequest("Enter your password", field="password")
    try:
        authenticate(
            session,
            username=user.username,
            password=password,
            source_ip=source_ip,
            limits=throttle_limits(settings),
        )
    except LoginFailed as exc:
        message = exc.message if exc.throttled else "Enter your correct password"
        raise InvalidRequest(message, field="password") from None


def record_opening(
    session: Session, *, user: CurrentUser, officer: str, reason: str, source_ip: str | None
) -> None:
    audit.record(
        session,
        action="notebook.opened_by_supervisor",
        actor=user.username,
        target_type="notebook",
        target_id=officer,
        source_ip=source_ip,
        details={"reason": reason},
    )


def read_grant(secret: bytes, *, user: CurrentUser, officer: str, minutes: int) -> str:
    expires = int(time.time()) + minutes * 60
    body = f"{user.id}|{user.session_id}|{officer}|{expires}"
    return f"{body}|{sign(secret, PURPOSE, body)}"


def may_read(secret: bytes, cookie: str | None, *, user: CurrentUser, officer: str) -> bool:
    if not cookie or cookie.count("|") != 4:
        return False
    body, signature = cookie.rsplit("|", 1)
    if not signatures_match(sign(secret, PURPOSE, body), signature):
        return False
    user_id, session_id, granted_for, expires = body.split("|")
    return (
        user_id == str(user.id)
        and session_id == str(user.session_id)
        and granted_for == officer
        and expires.isdigit()
        and int(expires) > time.time()
    )
