"""Slowing down password guessing without locking anyone out or revealing who has an account.

Failures are counted in fixed windows under three keys: the username typed together with the
address it came from, the address alone, and the username alone. Each has its own limit:
- username + address (small): one person guessing one account;
- address (larger): one machine trying many accounts;
- username (largest): many machines trying one account. It is well above what one attacker
  address can reach, so a stranger cannot shut a colleague out from their own address.
A username that does not exist is counted exactly like one that does, and a refusal says the
same whatever the reason, so neither the counts nor the messages tell anyone which usernames
exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.core.db import utcnow
from synergy.identity.models import SignInThrottle

TOO_MANY = "Too many sign-in attempts. Wait {minutes} minutes, then try again."


@dataclass(frozen=True)
class ThrottleLimits:
    window: dt.timedelta
    per_account_and_address: int
    per_address: int
    per_account: int


def _keys(username: str, address: str | None) -> list[tuple[str, str, str]]:
    name = username.strip().lower()[:200]
    where = (address or "unknown")[:64]
    return [
        ("pair", f"{name}|{where}", "per_account_and_address"),
        ("address", where, "per_address"),
        ("username", name, "per_account"),
    ]


def _counters(session: Session, keys: list[tuple[str, str, str]]) -> dict[str, SignInThrottle]:
    found: dict[str, SignInThrottle] = {}
    for scope, subject, _ in keys:
        row = session.execute(
            select(SignInThrottle).where(
                SignInThrottle.scope == scope, SignInThrottle.subject == subject
            )
        ).scalar_one_or_none()
        if row is not None:
            found[scope] = row
    return found


def is_throttled(
    session: Session, *, username: str, address: str | None, limits: ThrottleLimits
) -> bool:
    now = utcnow()
    keys = _keys(username, address)
    counters = _counters(session, keys)
    for scope, _, limit_name in keys:
        row = counters.get(scope)
        if row is None or now - row.window_started >= limits.window:
            continue
        if row.failures >= getattr(limits, limit_name):
            return True
    return False


def count_failure(
    session: Session, *, username: str, address: str | None, limits: ThrottleLimits
) -> None:
    now = utcnow()
    keys = _keys(username, address)
    counters = _counters(session, keys)
    for scope, subject, _ in keys:
        row = counters.get(scope)
        if row is None:
            row = SignInThrottle(scope=scope, subject=subject, window_started=now, failures=1)
            session.add(row)
        elif now - row.window_started >= limits.window:
            row.window_started, row.failures = now, 1
        else:
            row.failures += 1
    session.flush()


def clear_account_and_address(session: Session, *, username: str, address: str | None) -> None:
    """After a successful sign-in, that person's own failures from that address are forgiven."""
    scope, subject, _ = _keys(username, address)[0]
    row = session.execute(
        select(SignInThrottle).where(
            SignInThrottle.scope == scope, SignInThrottle.subject == subject
        )
    ).scalar_one_or_none()
    if row is not None:
        session.delete(row)
        session.flush()
