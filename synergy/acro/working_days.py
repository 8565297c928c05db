"""Working days in England and Wales: not weekends, not bank holidays.

Bank holidays come from the `holidays` package, which computes them offline (no network).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The date `count` working days after `start` (start itself does not count)."""
    day = start
    added = 0
    while added < count:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            added += 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 if end is not after start)."""
    days = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        days += is_working_day(day)
    return days
