"""The staff queue: calls handed over to a person, most urgent first; viewing and taking them,
and how putting a caller through to an agent went."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.contact.desk.access import may_read
from synergy.contact.dialogue import Queue
from synergy.contact.dialogue.state import QUEUE_ORDER
from synergy.contact.models import CallStatus, ContactCall, ContactTurn, number_next_turn
from synergy.contact.service.conversations import CALLER_ACTOR
from synergy.core import audit
from synergy.core.db import utcnow
from synergy.core.errors import Conflict, NotFound


def waiting_calls(session: Session) -> list[ContactCall]:
    """Handed-over calls not yet taken: emergency, then priority, then normal; within each,
    vulnerable callers first, then the longest waiting."""
    calls = session.execute(
        select(ContactCall).where(ContactCall.status == CallStatus.WAITING)
    ).scalars()
    order = {queue.value: index for index, queue in enumerate(QUEUE_ORDER)}

    def urgency(call: ContactCall) -> tuple[int, int, dt.datetime]:
        waited_since = call.ended_at or call.updated_at
        return (order.get(call.queue or Queue.NORMAL.value, 99), 0 if call.vulnerabilities else 1,
                waited_since)  # fmt: skip

    return sorted(calls, key=urgency)


def get_call(session: Session, *, call_id: int) -> ContactCall:
    call = session.get(ContactCall, call_id)
    if call is None:
        raise NotFound("There is no call with that number")
    return call


def view_call(session: Session, *, call_id: int, actor: str, source_ip: str | None) -> ContactCall:
    """A call and its transcript for a member of staff; reading it is audited. Only a call passed
    on to the queue or to this member of staff can be read (synergy/contact/desk/access.py)."""
    call = get_call(session, call_id=call_id)
    if not may_read(call, username=actor):
        raise NotFound("There is no call with that number")
    audit.record(
        session, action="contact.call_viewed", actor=actor, target_type="contact_call",
        target_id=call.id, source_ip=source_ip, details={"status": call.status},
    )  # fmt: skip
    return call


def take_call(session: Session, *, call_id: int, actor: str, source_ip: str | None) -> ContactCall:
    """A member of staff takes a waiting call off the queue."""
    query = select(ContactCall).where(ContactCall.id == call_id).with_for_update()
    call = session.execute(query).scalar_one_or_none()
    if call is None:
        raise NotFound("There is no call with that number")
    if call.status != CallStatus.WAITING:
        taker = f" by {call.taken_by}" if call.taken_by else ""
        raise Conflict(f"This call is not waiting: it is {call.status}{taker}")
    call.status = CallStatus.TAKEN
    call.taken_by = actor
    call.taken_at = utcnow()
    session.flush()
    audit.record(
        session, action="contact.call_taken", actor=actor, target_type="contact_call",
        target_id=call.id, source_ip=source_ip, details={"queue": call.queue},
    )  # fmt: skip
    return call


def record_put_through(
    session: Session,
    *,
    call_id: int,
    connected: bool,
    told: str,
    reasons: list[str],
    agent: str,
    source_ip: str | None = None,
) -> ContactCall:
    """How putting a handed-over caller through to a person went, for the staff who see the
    call: what the caller was told is stored as a turn and audited. A call an agent answered
    is marked taken by that agent line; one that could not be put through stays waiting."""
    query = select(ContactCall).where(ContactCall.id == call_id).with_for_update()
    call = session.execute(query).scalar_one_or_none()
    if call is None:
        raise NotFound("There is no call with that number")
    decision = "agent_connected" if connected else "agent_unavailable"
    turn = ContactTurn(call=call, seq=number_next_turn(call), speaker="assistant", text=told,
                       decision=decision, reasons=list(reasons))  # fmt: skip
    session.add(turn)
    if connected and call.status == CallStatus.WAITING:
        call.status = CallStatus.TAKEN
        call.taken_by = agent
        call.taken_at = utcnow()
    call.updated_at = utcnow()
    session.flush()
    audit.record(
        session, action="contact.put_through", actor=CALLER_ACTOR, target_type="contact_call",
        target_id=call.id, source_ip=source_ip,
        details={"connected": connected, "agent": agent, "reasons": list(reasons)},
    )  # fmt: skip
    return call
