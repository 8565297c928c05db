"""The figures a run of the month yields, and how each is counted.

Service level, abandonment, probability of waiting and average speed of answer count the calls
put through to the agents' queue (with the assistant, the calls it finished by itself never
queue). A call that left the queue with a call back booked counts as not answered within the
target. A caller's wait is their time in the agents' queue, not their time with the assistant.
Occupancy is agents' talk and wrap-up time over their time on duty, each call counted in the hour
it was answered.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from synergy.contact.twin.assistant import CONTAINED, NEEDS_PRIORITY, PRIORITISED
from synergy.contact.twin.model import ABANDONED, ANSWERED, CALLBACK, MonthLog


@dataclass(frozen=True)
class MonthResult:
    with_assistant: bool
    calls: int  # every call to the line, ringing again included
    redials: int
    contained: int
    put_through: int
    answered: int
    abandoned: int
    callbacks_booked: int
    service_level: float
    abandoned_share: float
    p_wait: float
    asa_seconds: float
    occupancy: float
    callback_mean_minutes: float | None
    vulnerable_calls: int
    vulnerable_prioritised: int
    vulnerable_sent_away: int  # finished by the assistant without reaching a person
    vulnerable_within_target: float
    vulnerable_mean_wait_seconds: float  # of those answered, like the average speed of answer
    vulnerable_p90_wait_seconds: float
    vulnerable_abandoned: int
    # By hour of the day (24 values, averaged over the month).
    hourly_service_level: tuple[float, ...]
    hourly_abandoned_share: tuple[float, ...]
    hourly_occupancy: tuple[float, ...]
    # By hour of the week (168 values, Monday 00:00 first, averaged over the month's weeks).
    weekly_service_level: tuple[float, ...]
    vulnerable_put_through: int
    vulnerable_answer_waits: tuple[float, ...]  # waits of the vulnerable callers answered

    def summary(self) -> dict[str, object]:
        """The headline figures, for JSON."""
        return {
            name: getattr(self, name)
            for name in self.__dataclass_fields__
            if not name.startswith(("hourly", "weekly")) and name != "vulnerable_answer_waits"
        }


def summarise(log: MonthLog, *, with_assistant: bool, target_seconds: float) -> MonthResult:
    callers = log.callers
    outcome = np.array([c.outcome for c in callers], dtype=object)
    queued = np.array([c.queued_at is not None for c in callers], dtype=bool)
    waits = np.array([c.wait for c in callers])
    hour_of_month = np.array([int((c.queued_at or 0.0) // 3600) for c in callers], dtype=int)
    hour = hour_of_month % 24
    vulnerable = np.array([c.need == NEEDS_PRIORITY for c in callers], dtype=bool)
    prioritised = np.array([c.route == PRIORITISED for c in callers], dtype=bool)
    answered = outcome == ANSWERED
    within = answered & (waits <= target_seconds)
    abandoned = outcome == ABANDONED
    contained = outcome == CONTAINED
    waited = queued & ((waits > 0) | ~answered)
    vulnerable_queued = vulnerable & queued
    vulnerable_waits = waits[vulnerable_queued & answered]
    callback_delays = [
        (c.callback_at - c.queued_at - c.wait) / 60
        for c in callers
        if c.outcome == CALLBACK and c.callback_at is not None and c.queued_at is not None
    ]
    busy = np.array(log.busy_seconds[: log.hours])
    staffed = np.array(log.staffed_seconds[: log.hours])
    return MonthResult(
        with_assistant=with_assistant,
        calls=len(callers),
        redials=sum(c.redial for c in callers),
        contained=int(contained.sum()),
        put_through=int(queued.sum()),
        answered=int(answered.sum()),
        abandoned=int(abandoned.sum()),
        callbacks_booked=int((outcome == CALLBACK).sum()),
        service_level=_share(within.sum(), queued.sum()),
        abandoned_share=_share(abandoned.sum(), queued.sum()),
        p_wait=_share(waited.sum(), queued.sum()),
        asa_seconds=float(waits[answered].mean()) if answered.any() else 0.0,
        occupancy=_share(busy.sum(), staffed.sum()),
        callback_mean_minutes=float(np.mean(callback_delays)) if callback_delays else None,
        vulnerable_calls=int(vulnerable.sum()),
        vulnerable_prioritised=int((vulnerable & prioritised & queued).sum())
        if with_assistant
        else 0,
        vulnerable_sent_away=int((vulnerable & contained).sum()),
        vulnerable_within_target=_share((within & vulnerable).sum(), vulnerable_queued.sum()),
        vulnerable_mean_wait_seconds=float(vulnerable_waits.mean())
        if len(vulnerable_waits)
        else 0.0,
        vulnerable_p90_wait_seconds=float(np.percentile(vulnerable_waits, 90))
        if len(vulnerable_waits)
        else 0.0,
        vulnerable_abandoned=int((vulnerable & abandoned).sum()),
        hourly_service_level=_by_hour(within, queued, hour),
        weekly_service_level=_by_hour(within, queued, hour_of_month % 168, hours=168),
        hourly_abandoned_share=_by_hour(abandoned, queued, hour),
        hourly_occupancy=tuple(
            _share(busy[h::24].sum(), staffed[h::24].sum()) for h in range(24)
        ),
        vulnerable_put_through=int(vulnerable_queued.sum()),
        vulnerable_answer_waits=tuple(vulnerable_waits.tolist()),
    )


def _by_hour(
    hit: np.ndarray, among: np.ndarray, hour: np.ndarray, hours: int = 24
) -> tuple[float, ...]:
    """Share of `among` that `hit`, in each hour (an hour with no calls counts as on target)."""
    hits = np.bincount(hour[hit & among], minlength=hours)
    totals = np.bincount(hour[among], minlength=hours)
    return tuple(float(h / t) if t else 1.0 for h, t in zip(hits, totals, strict=True))


def _share(part: float, whole: float) -> float:
    return float(part / whole) if whole else 0.0
