"""Operations on staff accounts and sessions: the only way other modules touch identity."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from synergy.core import audit
from synergy.core.config import Settings
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
    sign,
    signatures_match,
    token_digest,
    verify_password,
)
from synergy.identity import second_factor, throttle
from synergy.identity.models import User, UserSession
from synergy.identity.throttle import ThrottleLimits

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
        check_password_strength(password, about_user=(name, display_name))
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
    audit.record(
        session, action="user.enabled", actor=actor, target_type="user", target_id=user.username
    )


def reset_password(
    session: Session, *, username: str, password: str, actor: str = audit.SYSTEM_ACTOR
) -> None:
    user = _require(session, username)
    try:
        check_password_strength(password, about_user=(user.username, user.display_name))
    except WeakPassword as exc:
        raise InvalidRequest(str(exc), field="password") from None
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    end_all_sessions(session, user_id=user.id)
    audit.record(
        session,
        action="user.password_reset",
        actor=actor,
        target_type="user",
        target_id=user.username,
    )


class LoginFailed(Exception):
    """Wrong username or password, the account cannot sign in, or too many attempts; the
    message is safe to show and never says which usernames exist."""

    def __init__(self, message: str, *, throttled: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.throttled = throttled


GENERIC_FAILURE = "Enter a correct username and password"
WRONG_CODE = "Enter the 6-digit code your authenticator app shows now"


def _refuse_throttled(
    session: Session, *, username: str, source_ip: str | None, limits: ThrottleLimits
) -> None:
    audit.record(
        session,
        action="login.throttled",
        actor=username.strip()[:200] or "(blank)",
        source_ip=source_ip,
    )
    minutes = max(1, int(limits.window.total_seconds() // 60))
    raise LoginFailed(throttle.TOO_MANY.format(minutes=minutes), throttled=True)


def throttle_limits(settings: Settings) -> ThrottleLimits:
    """The sign-in throttle's limits from the platform's settings."""
    return ThrottleLimits(
        window=dt.timedelta(minutes=settings.lockout_minutes),
        per_account_and_address=settings.login_max_failures,
        per_address=settings.login_max_failures_per_address,
        per_account=settings.login_max_failures_per_account,
    )


def authenticate(
    session: Session,
    *,
    username: str,
    password: str,
    source_ip: str | None,
    limits: ThrottleLimits,
) -> User:
    """Check a password. Failures are counted by username and address (see throttle.py); no
    account is ever locked, and every refusal takes about as long and reads the same whether
    or not the username exists."""
    if throttle.is_throttled(session, username=username, address=source_ip, limits=limits):
        verify_password(DUMMY_PASSWORD_HASH, password)
        _refuse_throttled(session, username=username, source_ip=source_ip, limits=limits)
    user = get_by_username(session, username=username) if username.strip() else None
    matches = verify_password(user.password_hash if user else DUMMY_PASSWORD_HASH, password)
    if user is None or not matches or not user.active:
        throttle.count_failure(session, username=username, address=source_ip, limits=limits)
        reason = "unknown user" if user is None else "account disabled" if matches else None
        audit.record(
            session,
            action="login.failed",
            actor=user.username if user else (username.strip()[:200] or "(blank)"),
            source_ip=source_ip,
            target_type="user" if user else None,
            target_id=user.username if user else None,
            details={"reason": reason or "wrong password"},
        )
        raise LoginFailed(GENERIC_FAILURE)
    throttle.clear_account_and_address(session, username=username, address=source_ip)
    if password_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def second_factor_step(user: User, *, required_roles: frozenset[Role]) -> str | None:
    """What the user must do after their password: "code", "set_up", or nothing."""
    if second_factor.is_enrolled(user):
        return "code"
    if user.roles & required_roles:
        return "set_up"
    return None


def pending_sign_in_token(user: User, *, secret_key: bytes) -> str:
    """A signed note that this user gave the right password, for the code step (10 minutes)."""
    issued = int(utcnow().timestamp())
    body = f"{user.id}.{issued}"
    return f"{body}.{sign(secret_key, 'pending-sign-in', body + user.password_hash)}"


PENDING_SECONDS = 600


def user_for_pending_sign_in(session: Session, token: str, *, secret_key: bytes) -> User | None:
    parts = token.split(".")
    if len(parts) != 3 or not all(part.isascii() and part.isalnum() for part in parts):
        return None
    user_id, issued, signature = parts
    if not (user_id.isdigit() and issued.isdigit()) or len(user_id) > 10 or len(issued) > 12:
        return None
    if utcnow().timestamp() - int(issued) > PENDING_SECONDS:
        return None
    user = session.get(User, int(user_id))
    if user is None or not user.active:
        return None
    expected = sign(secret_key, "pending-sign-in", f"{user_id}.{issued}{user.password_hash}")
    return user if signatures_match(expected, signature) else None


def check_second_factor(
    session: Session,
    *,
    user: User,
    code: str,
    secret_key: bytes,
    source_ip: str | None,
    limits: ThrottleLimits,
) -> None:
    """The code from the user's app (confirming a new one, or signing in with it)."""
    if throttle.is_throttled(session, username=user.username, address=source_ip, limits=limits):
        _refuse_throttled(session, username=user.username, source_ip=source_ip, limits=limits)
    enrolling = not second_factor.is_enrolled(user)
    accepted = (
        second_factor.confirm_enrolment(user, code, secret_key=secret_key)
        if enrolling
        else second_factor.check_code(user, code, secret_key=secret_key)
    )
    if not accepted:
        throttle.count_failure(session, username=user.username, address=source_ip, limits=limits)
        audit.record(
            session,
            action="login.code_failed",
            actor=user.username,
            source_ip=source_ip,
            target_type="user",
            target_id=user.username,
        )
        raise LoginFailed(WRONG_CODE)
    if enrolling:
        audit.record(
            session,
            action="user.second_factor_set_up",
            actor=user.username,
            source_ip=source_ip,
            target_type="user",
            target_id=user.username,
        )


def remove_second_factor(
    session: Session, *, username: str, actor: str = audit.SYSTEM_ACTOR
) -> None:
    """For a lost phone: the user sets up a new app at their next sign-in."""
    user = _require(session, username)
    second_factor.remove(user)
    end_all_sessions(session, user_id=user.id)
    audit.record(
        session,
        action="user.second_factor_removed",
        actor=actor,
        target_type="user",
        target_id=user.username,
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
