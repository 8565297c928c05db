"""Callbacks: a task to ring a caller back by a due time, in one queue for every agent.

Each attempt is recorded. An answered attempt completes the callback; a wrong number ends it;
no answer puts it back in the queue `RETRY_MINUTES` later, until `MAX_ATTEMPTS` have failed.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.contact.desk.desktop import call_of_agent
from synergy.contact.desk.models import (
    CallbackStatus,
    DeskCallback,
    DeskCallbackAttempt,
    DeskEntry,
    EntryKind,
)
from synergy.core import audit
from synergy.core.db import utcnow
from synergy.core.errors import Conflict, InvalidRequest, NotFound

DUE_IN_MINUTES = (15, 30, 60, 120, 240)
RETRY_MINUTES = 15
MAX_ATTEMPTS = 3
RESULTS = {
    "answered": "Spoke to the caller",
    "no_answer": "No answer",
    "voicemail": "Left a voicemail (no details given)",
    "wrong_number": "Wrong or unobtainable number",
}
_PHONE = re.compile(r"^\+?[0-9 ()-]{7,24}$")


def clean_phone(phone: str) -> str:
    cleaned = " ".join(phone.split())
    digits = re.sub(r"\D", "", cleaned)
    if not _PHONE.fullmatch(cleaned) or not 7 <= len(digits) <= 15:
        raise InvalidRequest("Enter a phone number, like 01632 960 001 or +44 7700 900 982")
    return cleaned


def book(
    session: Session,
    *,
    call_id: int,
    agent: str,
    phone: str,
    due_in_minutes: int,
    reason: str,
    now: dt.datetime | None = None,
) -> DeskCallback:
    call = call_of_agent(session, call_id=call_id, agent=agent)
    if due_in_minutes not in DUE_IN_MINUTES:
        raise InvalidRequest("Choose when the callback is due")
    due_at = (now or utcnow()) + dt.timedelta(minutes=due_in_minutes)
    callback = DeskCallback(
        call_id=call.id,
        phone=clean_phone(phone),
        due_at=due_at,
        reason=reason.strip()[:2000],
        booked_by=agent,
    )
    session.add(callback)
    session.flush()
    session.add(
        DeskEntry(
            call_id=call.id,
            author=agent,
            kind=EntryKind.CALLBACK_BOOKED,
            text=f"Callback due {due_at.isoformat()}",
            details={"callback": callback.id},
        )
    )
    audit.record(
        session,
        action="contact.callback_booked",
        actor=agent,
        target_type="contact_call",
        target_id=call.id,
        details={"callback": callback.id, "due_at": due_at.isoformat()},
    )
    session.flush()
    return callback


def due_callbacks(session: Session) -> list[DeskCallback]:
    """Callbacks still to make, soonest due first."""
    query = select(DeskCallback).where(DeskCallback.status == CallbackStatus.DUE)
    return list(session.execute(query.order_by(DeskCallback.due_at, DeskCallback.id)).scalars())


def get_callback(session: Session, *, callback_id: int) -> DeskCallback:
    callback = session.get(DeskCallback, callback_id)
    if callback is None:
        raise NotFound("There is no callback with that number")
    return callback


def attempts_of(session: Session, *, callback_id: int) -> list[DeskCallbackAttempt]:
    query = select(DeskCallbackAttempt).where(DeskCallbackAttempt.callback_id == callback_id)
    return list(session.execute(query.order_by(DeskCallbackAttempt.id)).scalars())


def record_attempt(
    session: Session, *, callback_id: int, agent: str, result: str, note: str
) -> DeskCallback:
    query = select(DeskCallback).where(DeskCallback.id == callback_id).with_for_update()
    callback = session.execute(query).scalar_one_or_none()
    if callback is None:
        raise NotFound("There is no callback with that number")
    if callback.status != CallbackStatus.DUE:
        raise Conflict("This callback has already been dealt with")
    if result not in RESULTS:
        raise InvalidRequest("Choose what happened when you called")
    session.add(
        DeskCallbackAttempt(
            callback_id=callback.id, agent=agent, result=result, note=note.strip()[:2000]
        )
    )
    callback.attempts += 1
    if result == "answered":
        callback.status = CallbackStatus.DONE
    elif result == "wrong_number" or callback.attempts >= MAX_ATTEMPTS:
        callback.status = CallbackStatus.GAVE_UP
    else:
        callback.due_at = utcnow() + dt.timedelta(minutes=RETRY_MINUTES)
    session.flush()
    audit.record(
        session,
        action="contact.callback_attempted",
        actor=agent,
        target_type="contact_call",
        target_id=callback.call_id,
        details={"callback": callback.id, "result": result, "status": callback.status},
    )
    return callback


def callbacks_for_call(session: Session, *, call_id: int) -> list[DeskCallback]:
    query = select(DeskCallback).where(DeskCallback.call_id == call_id).order_by(DeskCallback.id)
    return list(session.execute(query).scalars())
