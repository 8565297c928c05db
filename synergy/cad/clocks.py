"""Attendance clocks: when an incident must be attended by, and whether it is overdue."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from synergy.cad.settings import CadSettings


class Timed(Protocol):
    """What the clocks need of an incident (a loaded Incident or a row of its columns)."""

    @property
    def grade(self) -> int: ...
    @property
    def rural(self) -> bool: ...
    @property
    def status(self) -> str: ...
    @property
    def opened_at(self) -> dt.datetime: ...
    @property
    def first_arrived_at(self) -> dt.datetime | None: ...


def target_at(incident: Timed, settings: CadSettings) -> dt.datetime | None:
    minutes = settings.target_minutes(incident.grade, rural=incident.rural)
    if minutes is None:
        return None
    return incident.opened_at + dt.timedelta(minutes=minutes)


def is_overdue(incident: Timed, settings: CadSettings, now: dt.datetime) -> bool:
    """Open, not yet attended, and past its target."""
    due = target_at(incident, settings)
    return (
        due is not None
        and incident.status == "open"
        and incident.first_arrived_at is None
        and now > due
    )


def age_text(since: dt.datetime, now: dt.datetime) -> str:
    """'3 h 05 min', '12 min', '40 s': how long an incident has been open, for the board."""
    seconds = max(0, int((now - since).total_seconds()))
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes:02d} min"
    return f"{hours // 24} days"
