"""The live queue as one member of staff sees it: how long each caller has waited against the
target for their queue, which calls are offered to them first, and who may take what."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from synergy.contact.desk import skills as desk_skills
from synergy.contact.models import CallStatus, ContactCall
from synergy.contact.service import staff_queue
from synergy.core.db import utcnow
from synergy.core.errors import Conflict

# How soon each queue's callers should be answered, in seconds.
TARGET_SECONDS = {"emergency": 10, "priority": 60, "normal": 300}
NEAR_TARGET_SHARE = 0.75


def waited_since(call: ContactCall) -> dt.datetime:
    return call.ended_at or call.updated_at


def target_for(call: ContactCall) -> int:
    return TARGET_SECONDS.get(call.queue or "normal", TARGET_SECONDS["normal"])


def wait_band(waited_seconds: float, target_seconds: int) -> str:
    """ "within", "near" (three quarters of the target gone) or "over" the target."""
    if waited_seconds > target_seconds:
        return "over"
    if waited_seconds >= target_seconds * NEAR_TARGET_SHARE:
        return "near"
    return "within"


@dataclass(frozen=True)
class QueueRow:
    call: ContactCall
    waited_seconds: int
    target_seconds: int
    band: str
    needs: list[str]
    offered_to_you: bool
    held_for_others: bool  # offered first to someone with a skill this viewer lacks


def rows_for(session: Session, *, username: str, now: dt.datetime | None = None) -> list[QueueRow]:
    """Waiting calls, most urgent first; calls that need a skill the viewer has come first."""
    now = now or utcnow()
    mine = set(desk_skills.skills_of(session, username=username))
    holders = desk_skills.holders_of(session)
    rows = []
    for call in staff_queue.waiting_calls(session):
        waited = max(0, int((now - waited_since(call)).total_seconds()))
        needs = desk_skills.needed_skills(call)
        target = target_for(call)
        rows.append(
            QueueRow(
                call=call,
                waited_seconds=waited,
                target_seconds=target,
                band=wait_band(waited, target),
                needs=needs,
                offered_to_you=bool(needs) and any(skill in mine for skill in needs),
                held_for_others=_held(needs, mine, holders, waited),
            )
        )
    # Stable sort: the service's urgency order stays within each group.
    return sorted(rows, key=lambda row: 0 if row.offered_to_you else 1)


def _held(needs: list[str], mine: set[str], holders: dict[str, set[str]], waited: int) -> bool:
    if waited >= desk_skills.OFFER_FIRST_SECONDS:
        return False
    return any(skill not in mine and holders.get(skill) for skill in needs)


def check_may_take(session: Session, *, call_id: int, username: str) -> None:
    """Refuse a call still offered first to staff with a skill this member of staff lacks."""
    call = staff_queue.get_call(session, call_id=call_id)
    if call.status != CallStatus.WAITING:
        return  # take_call says why it cannot be taken
    waited = int((utcnow() - waited_since(call)).total_seconds())
    mine = set(desk_skills.skills_of(session, username=username))
    needs = desk_skills.needed_skills(call)
    if _held(needs, mine, desk_skills.holders_of(session), waited):
        labels = ", ".join(desk_skills.skill_label(skill).lower() for skill in needs)
        wait = desk_skills.OFFER_FIRST_SECONDS - waited
        raise Conflict(
            f"This call is offered first to staff who can help with: {labels}. "
            f"You can take it in {wait} seconds if no one has."
        )


def fingerprint(session: Session) -> str:
    """Changes whenever a call joins or leaves the queue, so live pages know to refresh."""
    count, newest, changed = session.execute(
        select(
            func.count(ContactCall.id), func.max(ContactCall.id), func.max(ContactCall.updated_at)
        ).where(ContactCall.status == CallStatus.WAITING)
    ).one()
    taken = session.execute(select(func.max(ContactCall.taken_at))).scalar()
    text = f"{count}|{newest}|{changed}|{taken}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]
