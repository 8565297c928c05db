"""Tables of the savings register (all prefixed `savings_`).

Money is whole pence in BIGINT columns. Nothing here is ever deleted: a contract's every change
is a row in `savings_contract_changes`, a new automation rate is a new row (the latest is in
force), and a report's typed figures and explanations are kept with who entered them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from synergy.core.db import Base, UTCDateTime, utcnow

# Crown Commercial Service "Measuring Up" categories of commercial saving.
CATEGORIES = {
    "standardisation": "Standardisation",
    "new_commercial_arrangements": "New commercial arrangements",
    "new_volumes": "New volumes",
    "demand_management": "Demand management",
}
ONE_OFF = "one_off"
RECURRING = "recurring"
RECURRENCES = {ONE_OFF: "One-off", RECURRING: "Recurring"}

DRAFT = "draft"
FINAL = "final"


class Contract(Base):
    __tablename__ = "savings_contracts"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    supplier: Mapped[str] = mapped_column(String(200))
    application: Mapped[str] = mapped_column(String(200), index=True)
    category: Mapped[str] = mapped_column(String(40))
    owner: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    term_years: Mapped[int] = mapped_column(Integer)
    renewal_date: Mapped[dt.date] = mapped_column(Date)
    notice_date: Mapped[dt.date] = mapped_column(Date, index=True)
    baseline_year: Mapped[str] = mapped_column(String(7))
    original_annual_pence: Mapped[int] = mapped_column(BigInteger)
    revised_annual_pence: Mapped[int] = mapped_column(BigInteger)
    original_total_pence: Mapped[int] = mapped_column(BigInteger)
    revised_total_pence: Mapped[int] = mapped_column(BigInteger)
    recurrence: Mapped[str] = mapped_column(String(20))
    cashable: Mapped[bool] = mapped_column(Boolean)
    implementation_cost_pence: Mapped[int] = mapped_column(BigInteger, default=0)
    evidence_reference: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    budget_holder_signed_by: Mapped[str | None] = mapped_column(String(200), default=None)
    budget_holder_signed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    finance_signed_by: Mapped[str | None] = mapped_column(String(200), default=None)
    # The name of the account that signed for finance on the page (finance_signed_by holds its
    # username), so that the budget holder named cannot be the same person.
    finance_signer_name: Mapped[str | None] = mapped_column(String(200), default=None)
    finance_signed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def signed_off(self) -> bool:
        """Counts as a saving only with both sign-offs and the evidence they rest on."""
        return bool(
            self.budget_holder_signed_by
            and self.finance_signed_by
            and self.evidence_reference.strip()
        )

    @property
    def category_label(self) -> str:
        return CATEGORIES.get(self.category, self.category)

    @property
    def recurrence_label(self) -> str:
        return RECURRENCES.get(self.recurrence, self.recurrence)


class ContractChange(Base):
    """Append-only: who changed a contract, when, and each field's old and new value."""

    __tablename__ = "savings_contract_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("savings_contracts.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    changed_by: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Report(Base):
    """A headline report: typed (or imported) figures that must reconcile with the items."""

    __tablename__ = "savings_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    as_at: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default=DRAFT)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    finalised_by: Mapped[str | None] = mapped_column(String(64), default=None)
    finalised_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)


class ReportFigure(Base):
    """One typed headline figure (pence, or a count); a new entry replaces the last."""

    __tablename__ = "savings_report_figures"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("savings_reports.id"), index=True)
    figure: Mapped[str] = mapped_column(String(40))
    value: Mapped[int] = mapped_column(BigInteger)
    source: Mapped[str] = mapped_column(String(200))
    entered_by: Mapped[str] = mapped_column(String(64))
    entered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReportExplanation(Base):
    """Why a typed figure differs from the items, for the difference it was written about."""

    __tablename__ = "savings_report_explanations"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("savings_reports.id"), index=True)
    figure: Mapped[str] = mapped_column(String(40))
    difference: Mapped[int] = mapped_column(BigInteger)
    explanation: Mapped[str] = mapped_column(Text)
    written_by: Mapped[str] = mapped_column(String(64))
    written_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class AutomationRate(Base):
    """Minutes of manual work one automated unit saves, and what that staff time costs.
    A rate prices the months from `applies_from` on (every month when empty: rates set before
    rates were dated); among those that apply to a month, the one set last wins. Both figures
    carry their source."""

    __tablename__ = "savings_automation_rates"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    minutes_per_unit: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    minutes_source: Mapped[str] = mapped_column(Text)
    staff_rate_pence_per_hour: Mapped[int] = mapped_column(Integer)
    rate_source: Mapped[str] = mapped_column(Text)
    set_by: Mapped[str] = mapped_column(String(64))
    set_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    applies_from: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class AutomationUnit(Base):
    """One piece of work the platform did by itself, counted from another service's event."""

    __tablename__ = "savings_automation_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    source_key: Mapped[str] = mapped_column(String(200), unique=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class RpaEntry(Base):
    """Automation outside the platform (an RPA process) for one month, entered by finance."""

    __tablename__ = "savings_rpa_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    process: Mapped[str] = mapped_column(String(200))
    month: Mapped[dt.date] = mapped_column(Date)
    runs: Mapped[int] = mapped_column(Integer)
    minutes_per_run: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    staff_rate_pence_per_hour: Mapped[int] = mapped_column(Integer)
    cashable_saving_pence: Mapped[int] = mapped_column(BigInteger, default=0)
    source: Mapped[str] = mapped_column(Text)
    entered_by: Mapped[str] = mapped_column(String(64))
    entered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class RenewalAlert(Base):
    """One alert raised for a contract's notice date at 90, 60 or 30 days; never twice."""

    __tablename__ = "savings_renewal_alerts"
    __table_args__ = (UniqueConstraint("contract_id", "threshold_days", "notice_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("savings_contracts.id"), index=True)
    threshold_days: Mapped[int] = mapped_column(Integer)
    notice_date: Mapped[dt.date] = mapped_column(Date)
    raised_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
