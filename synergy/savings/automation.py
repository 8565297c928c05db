"""Automation savings: work the platform did by itself, counted from other services' events,
and automation outside the platform (RPA processes) entered by finance.

Hours saved = units × minutes saved per unit ÷ 60; cost avoided = hours × the staff cost per
hour; FTE = hours ÷ the hours of one full-time post in a month. Each kind's minutes and staff
rate carry their source and the month they apply from: a month is priced at the rate set last
among those applying to it, so a new rate does not re-price months already reported unless
finance say it applies to them. Every rate set is kept. Hours saved are non-cashable unless
posts are removed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from synergy.core import audit
from synergy.core.errors import InvalidRequest
from synergy.savings.models import AutomationRate, AutomationUnit, RpaEntry
from synergy.savings.money import MoneyError, format_pounds, parse_pence
from synergy.savings.settings import SavingsSettings

ACRO_REQUEST = "acro_request"
CCTV_LINK = "cctv_link"
CALL_RESOLVED = "call_resolved"
KINDS = {
    ACRO_REQUEST: "ACRO requests sent automatically",
    CCTV_LINK: "CCTV upload links self-served (not asked of Force Contact)",
    CALL_RESOLVED: "101 calls resolved by the assistant",
}
PLACEHOLDER = "Placeholder default (SYNERGY_SAVINGS_*): replace with a measured figure"
MAX_MINUTES = Decimal("600")


@dataclass(frozen=True)
class Rate:
    kind: str
    minutes_per_unit: Decimal
    minutes_source: str
    staff_rate_pence_per_hour: int
    rate_source: str
    applies_from: dt.date | None = None  # None: every month


def default_rates(settings: SavingsSettings) -> dict[str, Rate]:
    pay = settings.default_staff_rate_pence_per_hour
    return {
        ACRO_REQUEST: Rate(
            ACRO_REQUEST, settings.acro_minutes,
            "ACRO's own estimate of a manual submission (SYNERGY_ACRO_MINUTES_SAVED_PER_REQUEST)",
            pay, PLACEHOLDER,
        ),
        CCTV_LINK: Rate(CCTV_LINK, settings.cctv_link_minutes, PLACEHOLDER, pay, PLACEHOLDER),
        CALL_RESOLVED: Rate(
            CALL_RESOLVED, settings.call_resolved_minutes, PLACEHOLDER, pay, PLACEHOLDER
        ),
    }  # fmt: skip


def _as_rate(row: AutomationRate) -> Rate:
    return Rate(
        row.kind, row.minutes_per_unit, row.minutes_source,
        row.staff_rate_pence_per_hour, row.rate_source, row.applies_from,
    )  # fmt: skip


def rate_history(session: Session) -> list[AutomationRate]:
    """Every rate set, oldest first."""
    return list(session.execute(select(AutomationRate).order_by(AutomationRate.id)).scalars())


class RateBook:
    """Which rate prices which month: the defaults, then every rate set, in the order set."""

    def __init__(self, defaults: dict[str, Rate], history: list[Rate]) -> None:
        self.defaults = defaults
        self.history = history

    def for_month(self, kind: str, month: dt.date) -> Rate:
        found = self.defaults[kind]
        for rate in self.history:
            if rate.kind == kind and (rate.applies_from is None or rate.applies_from <= month):
                found = rate
        return found

    def in_force(self, month: dt.date) -> dict[str, Rate]:
        return {kind: self.for_month(kind, month) for kind in self.defaults}


def rate_book(session: Session, settings: SavingsSettings) -> RateBook:
    return RateBook(default_rates(settings), [_as_rate(row) for row in rate_history(session)])


def this_month() -> dt.date:
    return _month(dt.datetime.now(dt.UTC))


def current_rates(session: Session, settings: SavingsSettings) -> dict[str, Rate]:
    """The rates pricing this month (a rate set to apply from a later month is not yet in force)."""
    return rate_book(session, settings).in_force(this_month())


def parse_minutes(text: object, field: str) -> Decimal:
    try:
        minutes = Decimal(str(text).strip())
    except InvalidOperation:
        raise InvalidRequest(f"'{text}' is not a number of minutes", field=field) from None
    if not minutes.is_finite() or not Decimal(0) <= minutes <= MAX_MINUTES:
        raise InvalidRequest("Minutes must be between 0 and 600", field=field)
    if minutes != minutes.quantize(Decimal("0.01")):
        raise InvalidRequest("Give minutes to at most two decimal places", field=field)
    return minutes


def parse_rate(text: object, field: str) -> int:
    try:
        return parse_pence(text)
    except MoneyError as exc:
        raise InvalidRequest(f"Staff cost per hour {exc}", field=field) from None


def _source(text: str, field: str) -> str:
    text = text.strip()
    if not text or len(text) > 1000:
        raise InvalidRequest("Say where the figure comes from (up to 1000 characters)", field=field)
    return text


def set_rate(
    session: Session,
    *,
    kind: str,
    minutes: Decimal,
    minutes_source: str,
    staff_rate_pence: int,
    rate_source: str,
    applies_from: dt.date,
    actor: str,
) -> AutomationRate:
    """Set a kind's minutes and staff cost for the months from `applies_from` on. Months before
    it keep the rate they had; a rate set later for an overlapping month takes precedence."""
    if kind not in KINDS:
        raise InvalidRequest(f"'{kind}' is not a kind of automation", field="kind")
    row = AutomationRate(
        kind=kind, minutes_per_unit=minutes,
        minutes_source=_source(minutes_source, "minutes_source"),
        staff_rate_pence_per_hour=staff_rate_pence,
        rate_source=_source(rate_source, "rate_source"), set_by=actor,
        applies_from=_month(applies_from),
    )  # fmt: skip
    session.add(row)
    session.flush()
    audit.record(
        session, action="savings.automation_rate_set", actor=actor,
        target_type="savings_automation_rate", target_id=row.id,
        details={
            "kind": kind, "minutes": str(minutes), "pence_per_hour": staff_rate_pence,
            "applies_from": row.applies_from.isoformat() if row.applies_from else None,
        },
    )  # fmt: skip
    return row


def record_unit(session: Session, *, kind: str, source_key: str, occurred_at: dt.datetime) -> bool:
    """Count one automated unit once; False if this event was already counted."""
    if session.execute(
        select(AutomationUnit.id).where(AutomationUnit.source_key == source_key)
    ).first():
        return False
    try:
        with session.begin_nested():
            session.add(AutomationUnit(kind=kind, source_key=source_key, occurred_at=occurred_at))
    except IntegrityError:
        return False  # another worker counted it at the same moment
    return True


@dataclass(frozen=True)
class SavingLine:
    """Hours and pounds for one kind (or RPA process) in one month, with the working."""

    month: dt.date
    name: str
    units: int
    minutes_per_unit: Decimal
    rate_pence: int
    fte_hours: Decimal
    cashable_pence: int = 0

    @property
    def minutes(self) -> Decimal:
        return self.units * self.minutes_per_unit

    @property
    def hours(self) -> Decimal:
        return (self.minutes / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def cost_avoided_pence(self) -> int:
        exact = self.minutes / 60 * self.rate_pence
        return int(exact.quantize(Decimal("1"), rounding=ROUND_HALF_UP))

    @property
    def fte(self) -> Decimal:
        return (self.minutes / 60 / self.fte_hours).quantize(Decimal("0.01"), ROUND_HALF_UP)

    @property
    def how_hours(self) -> str:
        return f"{self.units:,} × {plain_minutes(self.minutes_per_unit)} min ÷ 60 = {self.hours} h"

    @property
    def how_cost(self) -> str:
        return (
            f"{self.hours} h × {format_pounds(self.rate_pence)} an hour = "
            f"{format_pounds(self.cost_avoided_pence)}"
        )

    @property
    def how_fte(self) -> str:
        return f"{self.hours} h ÷ {self.fte_hours.quantize(Decimal('0.01'))} h a month = {self.fte}"


def plain_minutes(minutes: Decimal) -> str:
    """Decimal('10.00') -> '10', Decimal('4.50') -> '4.5'."""
    return f"{minutes.normalize():f}"


def _month(value: dt.date | dt.datetime) -> dt.date:
    return dt.date(value.year, value.month, 1)


def platform_lines(session: Session, settings: SavingsSettings) -> list[SavingLine]:
    """One line per month and kind, each priced at the rate that applies to its month."""
    book = rate_book(session, settings)
    counts: Counter[tuple[dt.date, str]] = Counter(
        (_month(at), kind)
        for kind, at in session.execute(select(AutomationUnit.kind, AutomationUnit.occurred_at))
    )
    lines = []
    for (month, kind), n in sorted(counts.items(), reverse=True):
        if kind not in book.defaults:
            continue
        rate = book.for_month(kind, month)
        lines.append(
            SavingLine(
                month,
                KINDS[kind],
                n,
                rate.minutes_per_unit,
                rate.staff_rate_pence_per_hour,
                settings.fte_hours_per_month,
            )  # fmt: skip
        )
    return lines


def rpa_entries(session: Session, *, entered_by: dt.datetime | None = None) -> list[RpaEntry]:
    """Every RPA entry, or those entered by a moment (for a report marked final then)."""
    query = select(RpaEntry).order_by(RpaEntry.month.desc(), RpaEntry.process)
    if entered_by is not None:
        query = query.where(RpaEntry.entered_at <= entered_by)
    return list(session.execute(query).scalars().all())


def rpa_lines(
    session: Session, settings: SavingsSettings, *, entered_by: dt.datetime | None = None
) -> list[SavingLine]:
    return [
        SavingLine(
            e.month, e.process, e.runs, e.minutes_per_run, e.staff_rate_pence_per_hour,
            settings.fte_hours_per_month, e.cashable_saving_pence,
        )
        for e in rpa_entries(session, entered_by=entered_by)
    ]  # fmt: skip


@dataclass(frozen=True)
class RpaTotals:
    cashable_pence: int
    hours_value_pence: int
    hours: Decimal


def rpa_totals(
    session: Session,
    settings: SavingsSettings | None = None,
    *,
    entered_by: dt.datetime | None = None,
) -> RpaTotals:
    lines = rpa_lines(session, settings or SavingsSettings(), entered_by=entered_by)
    return RpaTotals(
        cashable_pence=sum(line.cashable_pence for line in lines),
        hours_value_pence=sum(line.cost_avoided_pence for line in lines),
        hours=sum((line.hours for line in lines), Decimal(0)),
    )


def add_rpa_entry(
    session: Session,
    *,
    process: str,
    month: dt.date,
    runs: int,
    minutes_per_run: Decimal,
    staff_rate_pence: int,
    cashable_pence: int,
    source: str,
    actor: str,
) -> RpaEntry:
    process = process.strip()
    if not process or len(process) > 200:
        raise InvalidRequest("Enter the process name (up to 200 characters)", field="process")
    if not 0 <= runs <= 10_000_000:
        raise InvalidRequest("Runs must be a whole number from 0 to 10,000,000", field="runs")
    entry = RpaEntry(
        process=process, month=_month(month), runs=runs, minutes_per_run=minutes_per_run,
        staff_rate_pence_per_hour=staff_rate_pence, cashable_saving_pence=cashable_pence,
        source=_source(source, "source"), entered_by=actor,
    )  # fmt: skip
    session.add(entry)
    session.flush()
    audit.record(
        session, action="savings.rpa_entry_added", actor=actor,
        target_type="savings_rpa_entry", target_id=entry.id,
        details={"process": process, "month": entry.month.isoformat(), "runs": runs},
    )  # fmt: skip
    return entry
