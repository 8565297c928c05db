"""How values are shown to people on pages: UK dates and times, country names, counts.

Times are stored in UTC; staff and the public read them in UK time (GMT or BST as it was on
the day), so every page formats them here rather than with `strftime` on the stored value.
"""

from __future__ import annotations

import datetime as dt
import functools
from zoneinfo import ZoneInfo

import pycountry

UK_TIME = ZoneInfo("Europe/London")


def uk_time(value: dt.datetime) -> dt.datetime:
    """The moment in UK local time; a naive value is taken to be UTC, as stored."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(UK_TIME)


def date_text(value: dt.date | dt.datetime | None, *, short: bool = False) -> str:
    """'27 March 1990' (or '27 Mar 1990'); a datetime is read in UK time first."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = uk_time(value)
    return f"{value.day} {value.strftime('%b' if short else '%B')} {value.year}"


def datetime_text(value: dt.datetime | None, *, short: bool = False, seconds: bool = False) -> str:
    """'15 July 2026, 14:30' in UK time."""
    if value is None:
        return ""
    local = uk_time(value)
    clock = local.strftime("%H:%M:%S" if seconds else "%H:%M")
    return f"{date_text(local, short=short)}, {clock}"


def time_text(value: dt.datetime | None, *, seconds: bool = False) -> str:
    """'14:30' in UK time."""
    if value is None:
        return ""
    return uk_time(value).strftime("%H:%M:%S" if seconds else "%H:%M")


def country_name(code: str) -> str:
    """The common English name of an ISO 3166 alpha-2 code; the code itself if unknown."""
    country = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


@functools.cache
def countries() -> tuple[tuple[str, str], ...]:
    """Every ISO 3166 country as (alpha-2 code, English name), sorted by name."""
    return tuple(
        sorted(
            ((str(c.alpha_2), country_name(str(c.alpha_2))) for c in pycountry.countries),
            key=lambda pair: pair[1],
        )
    )


def country_options(selected: str | None = None) -> list[dict[str, object]]:
    """Every country as GOV.UK select items, with `selected` (a code or a name) chosen."""
    chosen = country_code(selected or "")
    return [{"value": code, "text": name, "selected": code == chosen} for code, name in countries()]


def country_code(text: str) -> str | None:
    """The alpha-2 code for a two- or three-letter code or an English name (common or official)."""
    wanted = text.strip()
    if not wanted:
        return None
    if len(wanted) == 2 and pycountry.countries.get(alpha_2=wanted.upper()):
        return wanted.upper()
    if len(wanted) == 3 and (found := pycountry.countries.get(alpha_3=wanted.upper())):
        return str(found.alpha_2)
    folded = wanted.casefold()
    for country in pycountry.countries:
        names = (country.name, getattr(country, "official_name", ""), country_name(country.alpha_2))
        if folded in {str(n).casefold() for n in names if n}:
            return str(country.alpha_2)
    return None


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """'1 request', '2 requests', '0 requests'."""
    word = singular if number == 1 else (plural or f"{singular}s")
    return f"{number:,} {word}"


_MONTHS = {
    name.casefold(): number
    for number in range(1, 13)
    for name in (dt.date(2000, number, 1).strftime("%B"), dt.date(2000, number, 1).strftime("%b"))
}


LARGEST_WHOLE_NUMBER = 2**31 - 1  # fits every database's integer column


def whole_number(text: str) -> int | None:
    """A whole number typed into a form, or None if it is not one.

    Only ASCII digits count: `str.isdigit()` accepts "²", which `int()` then refuses, and a
    number too large for an integer column is as unusable as a word."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 10:
        return None
    number = int(text)
    return number if number <= LARGEST_WHOLE_NUMBER else None


def read_date(text: str) -> dt.date:
    """A date as people in the UK type it: 27/03/1990, 27-3-1990, 27.3.1990, 27 3 1990,
    27 March 1990, 27 Mar 1990 or 1990-03-27. Raises ValueError for anything else, including
    two-digit years (which century is a guess) and month-first dates (month 27 does not exist)."""
    parts = [p for p in text.strip().replace("/", " ").replace("-", " ").replace(".", " ").split()]
    if len(parts) != 3:
        raise ValueError("not a date")
    if len(parts[0]) == 4:
        parts = [parts[2], parts[1], parts[0]]
    day, month, year = parts
    number = _MONTHS.get(month.casefold().rstrip(","))
    if number is None:
        if not month.isdigit():
            raise ValueError("not a month")
        number = int(month)
    if not (day.isdigit() and year.isdigit() and len(year) == 4):
        raise ValueError("not a date")
    return dt.date(int(year), number, int(day))
