"""Operations on staff accounts and sessions: the only way other modules touch identity."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from synergy.core import audit
from synergy.core.db import utcnow
from synergy.core.errors import Conflict, InvalidRequest, NotFound
from synergy.core.principal import Principal, SessionLimits
from synergy.core.roles import Role
from synergy.core.security import (
    DUMMY_PASSWORD_HASH,
    WeakPassword,
    check_password_strength,
    hash_password,
    new_token,
    password_needs_rehash,
    token_digest,
    verify_password,
)
from synergy.identity.models import User, UserSession

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,62}$")


# The signed-in user; the type lives in the core so that the core needs no service.
CurrentUser = Principal


def _current(user: User, session_id: int | None = None) -> CurrentUser:
    return CurrentUser(user.id, user.username, user.display_name, user.roles, session_id)


def normalise_username(username: str) -> str:
    name = username.strip().lower()
    if not USERNAME_PATTERN.match(name):
        raise InvalidRequest(
            "Username must be 2 to 63 characters: lower-case letters, digits, dots, dashes "
            "or underscores, starting with a letter or digit",
            field="username",
        )
    return name


def get_by_username(session: Session, *, username: str) -> User | None:
    return session.execute(
        select(User).where(User.username == username.strip().lower())
    ).scalar_one_or_none()


def _require(session: Session, username: str) -> User:
    user = get_by_username(session, username=username)
    if user is None:
        raise NotFound(f"No user called {username!r}")
    return user


def create_user(
    session: Session,
    *,
    username: str,
    display_name: str,
    password: str,
    roles: frozenset[Role],
    email: str | None = None,
    actor: str = audit.SYSTEM_ACTOR,
) -> User:
    name = normalise_username(username)
    if not roles:
        raise InvalidRequest("Give the user at least one role", field="roles")
    if not display_name.strip():
        raise InvalidRequest("Enter the user's full name", field="display_name")
    try:
        check_password_strength(password)
    except WeakPassword as exc:
        raise InvalidRequest(str(exc), field="password") from None
    if get_by_username(session, username=name) is not None:
        raise Conflict(f"A user called {name!r} already exists", field="username")
    user = User(
        username=name,
        display_name=display_name.strip(),
        email=email,
        password_hash=hash_password(password),
        roles_text="",
    )
    user.roles = roles
    session.add(user)
    session.flush()
    audit.record(
        session,
        action="user.created",
        actor=actor,
        target_type="user",
        target_id=name,
        details={"roles": sorted(r.value for r in roles)},
    )
    return user


def disable_user(session: Session, *, username: str, actor: str = audit.SYSTEM_ACTOR) -> None:
    user = _require(session, username)
    user.active = False
    end_all_sessions(session, user_id=user.id)
    audit.record(
        session, action="user.disabled", actor=actor, target_type="user", target_id=user.username
    )


def enable_user(session: Session, *, username: str, actor: str = audit.SYSTEM_ACTOR) -> None:
    user = _require(session, username)
    user.active = True
    user.failed_logins = 0
    user.locked_until = None
    audit.record(
        session, action="user.enabled", actor=actor, target_type="user", target_id=user.username
    )


def reset_password(
    session: Session, *, username: str, password: str, actor: str = audit.SYSTEM_ACTOR
) -> None:
    user = _require(session, username)
    try:
        check_password_strength(password)
    except WeakPassword as exc:
        raise InvalidRequest(str(exc), field="password") from None
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    user.failed_logins = 0
    user.locked_until = None
    end_all_sessions(session, user_id=user.id)
    audit.record(
        session,
        action="user.password_reset",
        actor=actor,
        target_type="user",
        target_id=user.username,
    )


class LoginFailed(Exception):
    """Wrong username or password, or the account cannot sign in; message is safe to show."""

    def __init__(self, message: str, *, locked: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.locked = locked


GENERIC_FAILURE = "Enter a correct username and password"


def authenticate(
    session: Session,
    *,
    username: str,
    password: str,
    source_ip: str | None,
    max_failures: int,
    lockout: dt.timedelta,
) -> User:
    """Check a password, counting failures; lock the account after `max_failures` in a row."""
    user = get_by_username(session, username=username) if username.strip() else None
    now = utcnow()
    if user is None:
        verify_password(DUMMY_PASSWORD_HASH, password)
        audit.record(
            session,
            action="login.failed",
            actor=username.strip()[:200] or "(blank)",
            source_ip=source_ip,
            details={"reason": "unknown user"},
        )
        raise LoginFailed(GENERIC_FAILURE)
    if user.locked_until is not None and user.locked_until > now:
        audit.record(
            session,
            action="login.refused_locked",
            actor=user.username,
            source_ip=source_ip,
            target_type="user",
            target_id=user.username,
        )
        raise LoginFailed(_locked_message(user.locked_until, now), locked=True)
    if not verify_password(user.password_hash, password) or not user.active:
        _count_failure(session, user, source_ip, max_failures, lockout, now)
        if user.locked_until is not None and user.locked_until > now:
            raise LoginFailed(_locked_message(user.locked_until, now), locked=True)
        raise LoginFailed(GENERIC_FAILURE)
    user.failed_logins = 0
    user.locked_until = None
    if password_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def _locked_message(until: dt.datetime, now: dt.datetime) -> str:
    minutes = max(1, int((until - now).total_seconds() // 60) + 1)
    return (
        "This account is locked after too many failed sign-in attempts. "
        f"Try again in {minutes} minute{'s' if minutes != 1 else ''} or ask an administrator."
    )


def _count_failure(
    session: Session,
    user: User,
    source_ip: str | None,
    max_failures: int,
    lockout: dt.timedelta,
    now: dt.datetime,
) -> None:
    user.failed_logins += 1
    details: dict[str, object] = {"failed_logins": user.failed_logins}
    if not user.active:
        details["reason"] = "account disabled"
    if user.failed_logins >= max_failures:
        user.locked_until = now + lockout
        user.failed_logins = 0
        details["locked_until"] = user.locked_until.isoformat()
        audit.record(
            session,
            action="user.locked",
            actor=user.username,
            source_ip=source_ip,
            target_type="user",
            target_id=user.username,
            details=details,
        )
    audit.record(
        session,
        action="login.failed",
        actor=user.username,
        source_ip=source_ip,
        target_type="user",
        target_id=user.username,
        details=details,
    )


def start_session(session: Session, *, user: User, source_ip: str | None) -> str:
    """Create a server-side session; returns the token for the cookie (stored only hashed)."""
    token = new_token()
    record = UserSession(token_digest=token_digest(token), user_id=user.id, ip_address=source_ip)
    session.add(record)
    session.flush()
    audit.record(
        session,
        action="login.succeeded",
        actor=user.username,
        source_ip=source_ip,
        target_type="user",
        target_id=user.username,
    )
    return token


def user_for_token(
    session: Session, *, token: str, idle: dt.timedelta, absolute: dt.timedelta
) -> CurrentUser | None:
    """The session's user if the session is live; touching it extends the idle timeout."""
    record = session.execute(
        select(UserSession).where(UserSession.token_digest == token_digest(token))
    ).scalar_one_or_none()
    now = utcnow()
    if record is None or record.ended_at is not None:
        return None
    if now - record.last_seen_at > idle or now - record.created_at > absolute:
        record.ended_at = now
        return None
    user = record.user
    if not user.active:
        return None
    if now - record.last_seen_at > dt.timedelta(seconds=30):
        record.last_seen_at = now
    return _current(user, record.id)


def principal_for_token(session: Session, token: str, limits: SessionLimits) -> Principal | None:
    """The lookup identity plugs into the core (`synergy.core.principal`)."""
    return user_for_token(session, token=token, idle=limits.idle, absolute=limits.absolute)


def end_session(session: Session, *, token: str, source_ip: str | None) -> None:
    record = session.execute(
        select(UserSession).where(UserSession.token_digest == token_digest(token))
    ).scalar_one_or_none()
    if record is None or record.ended_at is not None:
        return
    record.ended_at = utcnow()
    audit.record(
        session,
        action="logout",
        actor=record.user.username,
        source_ip=source_ip,
        target_type="user",
        target_id=record.user.username,
    )


def end_all_sessions(session: Session, *, user_id: int) -> None:
    session.execute(
        update(UserSession)
        .where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )


def list_users(session: Session) -> list[User]:
    return list(session.execute(select(User).order_by(User.username)).scalars())
