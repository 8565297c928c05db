"""The supervisor's figures for a period: how quickly handed-over callers were answered, how
many gave up, how the vulnerable were prioritised, what the assistant resolved, who handled what.

A call counts in the period in which it was handed over (or, for the assistant's own, started).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.contact.desk.queue import TARGET_SECONDS, target_for, waited_since
from synergy.contact.dialogue.state import QUEUE_ORDER
from synergy.contact.models import CallStatus, ContactCall
from synergy.core.db import utcnow

QUEUES = [queue.value for queue in QUEUE_ORDER]


@dataclass
class QueueFigures:
    queue: str
    target_seconds: int
    waiting_now: int = 0
    longest_wait_seconds: int = 0
    handed_over: int = 0
    answered: int = 0
    answered_within_target: int = 0
    abandoned: int = 0
    answer_seconds_total: float = 0.0

    @property
    def average_speed_of_answer(self) -> int | None:
        return round(self.answer_seconds_total / self.answered) if self.answered else None

    @property
    def within_target_share(self) -> float | None:
        return self.answered_within_target / self.answered if self.answered else None


@dataclass
class Figures:
    start: dt.datetime
    end: dt.datetime
    queues: dict[str, QueueFigures]
    vulnerable_handed_over: int = 0
    vulnerable_answered: int = 0
    vulnerable_answer_seconds_total: float = 0.0
    resolved_by_assistant: int = 0
    per_agent: dict[str, int] = field(default_factory=dict)

    @property
    def vulnerable_average_answer(self) -> int | None:
        if not self.vulnerable_answered:
            return None
        return round(self.vulnerable_answer_seconds_total / self.vulnerable_answered)

    @property
    def totals(self) -> QueueFigures:
        total = QueueFigures(queue="all", target_seconds=0)
        for q in self.queues.values():
            total.waiting_now += q.waiting_now
            total.longest_wait_seconds = max(total.longest_wait_seconds, q.longest_wait_seconds)
            total.handed_over += q.handed_over
            total.answered += q.answered
            total.answered_within_target += q.answered_within_target
            total.abandoned += q.abandoned
            total.answer_seconds_total += q.answer_seconds_total
        return total


def figures(
    session: Session, *, start: dt.datetime, end: dt.datetime, now: dt.datetime | None = None
) -> Figures:
    now = now or utcnow()
    result = Figures(
        start=start,
        end=end,
        queues={
            name: QueueFigures(queue=name, target_seconds=TARGET_SECONDS[name]) for name in QUEUES
        },
    )
    for call in session.execute(
        select(ContactCall).where(ContactCall.status == CallStatus.WAITING)
    ).scalars():
        row = result.queues[_queue(call)]
        row.waiting_now += 1
        waited = int((now - waited_since(call)).total_seconds())
        row.longest_wait_seconds = max(row.longest_wait_seconds, waited)
    handed = session.execute(
        select(ContactCall).where(
            ContactCall.handed_over.is_(True),
            ContactCall.ended_at >= start,
            ContactCall.ended_at < end,
        )
    ).scalars()
    for call in handed:
        _count_handed_over(result, call)
    result.resolved_by_assistant = len(
        session.execute(
            select(ContactCall.id).where(
                ContactCall.status == CallStatus.COMPLETED,
                ContactCall.handed_over.is_(False),
                ContactCall.started_at >= start,
                ContactCall.started_at < end,
            )
        ).all()
    )
    return result


def _queue(call: ContactCall) -> str:
    return call.queue if call.queue in TARGET_SECONDS else "normal"


def _count_handed_over(result: Figures, call: ContactCall) -> None:
    row = result.queues[_queue(call)]
    row.handed_over += 1
    vulnerable = bool(call.vulnerabilities)
    result.vulnerable_handed_over += vulnerable
    if call.status == CallStatus.ABANDONED:
        row.abandoned += 1
    if call.taken_at is None:
        return
    answer = max(0.0, (call.taken_at - waited_since(call)).total_seconds())
    row.answered += 1
    row.answer_seconds_total += answer
    row.answered_within_target += answer <= target_for(call)
    if vulnerable:
        result.vulnerable_answered += 1
        result.vulnerable_answer_seconds_total += answer
    if call.taken_by:
        result.per_agent[call.taken_by] = result.per_agent.get(call.taken_by, 0) + 1


def as_csv(result: Figures) -> str:
    """One row per queue and a total, then vulnerable callers, the assistant, each agent."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["period_start", result.start.isoformat(), "period_end", result.end.isoformat()]
    )
    writer.writerow(
        [
            "queue",
            "target_seconds",
            "waiting_now",
            "longest_wait_seconds",
            "handed_over",
            "answered",
            "answered_within_target",
            "abandoned",
            "average_speed_of_answer_seconds",
        ]
    )
    for row in [*result.queues.values(), result.totals]:
        writer.writerow(
            [
                row.queue,
                row.target_seconds or "",
                row.waiting_now,
                row.longest_wait_seconds,
                row.handed_over,
                row.answered,
                row.answered_within_target,
                row.abandoned,
                "" if row.average_speed_of_answer is None else row.average_speed_of_answer,
            ]
        )
    writer.writerow(
        [
            "vulnerable_handed_over",
            result.vulnerable_handed_over,
            "vulnerable_answered",
            result.vulnerable_answered,
            "vulnerable_average_answer_seconds",
            "" if result.vulnerable_average_answer is None else result.vulnerable_average_answer,
        ]
    )
    writer.writerow(["resolved_by_assistant", result.resolved_by_assistant])
    writer.writerow(["agent", "calls_handled"])
    for agent, count in sorted(result.per_agent.items()):
        writer.writerow([_safe_cell(agent), count])
    return out.getvalue()


def _safe_cell(text: str) -> str:
    # A user name starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
