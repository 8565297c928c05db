"""Incident log numbers given to callers, one sequence per UK day."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from synergy.contact.models import ContactReferenceCounter
from synergy.core.db import utcnow
from synergy.core.errors import Conflict

MAX_LOG_NUMBER = 9999
UK_TIME = ZoneInfo("Europe/London")


def next_log_number(session: Session, *, now: dt.datetime | None = None) -> str:
    """The next incident log number for today (UK date), like "LOG 0001-26112026".

    The same canonical form as `synergy.core.references` gives incident logs; numbers restart
    each day. The counter row is locked while it is incremented, so two calls never share one.
    """
    today = (now or utcnow()).astimezone(UK_TIME).date()
    counter = _locked_counter(session, today.isoformat())
    if counter.last_number >= MAX_LOG_NUMBER:
        raise Conflict("No incident log numbers are left for today; pass the call to a person")
    counter.last_number += 1
    session.flush()
    return f"LOG {counter.last_number:04d}-{today:%d%m%Y}"


def _locked_counter(session: Session, day: str) -> ContactReferenceCounter:
    query = (
        select(ContactReferenceCounter).where(ContactReferenceCounter.day == day).with_for_update()
    )
    counter = session.execute(query).scalar_one_or_none()
    if counter is not None:
        return counter
    try:
        # The first number of the day: another call may create the row at the same moment.
        with session.begin_nested():
            session.add(ContactReferenceCounter(day=day, last_number=0))
    except IntegrityError:
        pass
    return session.execute(query).scalar_one()
