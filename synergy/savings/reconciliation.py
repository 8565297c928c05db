"""Headline reports: figures typed in or imported (as a board report's are), checked against
the itemised register. Each disagreement is listed with its amount; a report is marked final
only when every disagreement has a written explanation of that very amount (an explanation
written for another amount no longer answers it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.core import audit
from synergy.core.db import utcnow
from synergy.core.errors import Conflict, InvalidRequest, NotFound
from synergy.core.formatting import whole_number
from synergy.savings import automation
from synergy.savings.figures import ItemTotals, item_totals
from synergy.savings.models import (
    FINAL,
    Report,
    ReportExplanation,
    ReportFigure,
)
from synergy.savings.money import MoneyError, format_pounds, parse_pence
from synergy.savings.service import contracts_as_they_were, list_contracts

COUNT = "count"
MONEY = "money"
# The headline figures, in report order: label and whether a count or money.
FIGURES: dict[str, tuple[str, str]] = {
    "contracts_reviewed": ("Contracts reviewed", COUNT),
    "contracts_with_savings": ("Contracts with savings", COUNT),
    "original_total": ("Original contract cost", MONEY),
    "revised_total": ("Revised contract cost", MONEY),
    "saved_to_date": ("Amount saved to date", MONEY),
    "still_to_come": ("Savings still to come from multi-year agreements", MONEY),
    "rpa_cost_savings": ("Automation (RPA) cash savings", MONEY),
    "rpa_hours_value": ("Automation (RPA) value of staff hours saved", MONEY),
}
MAX_EXPLANATION = 2000


@dataclass(frozen=True)
class Line:
    """One headline figure: typed (if any), from the items, and their difference."""

    figure: str
    label: str
    kind: str
    typed: int | None
    typed_source: str | None
    items: int
    explanation: str | None

    @property
    def difference(self) -> int | None:
        return None if self.typed is None else self.typed - self.items

    @property
    def disagrees(self) -> bool:
        return self.difference not in (None, 0)

    @property
    def explained(self) -> bool:
        return self.explanation is not None

    def show(self, value: int | None) -> str:
        if value is None:
            return "Not given"
        return f"{value:,}" if self.kind == COUNT else format_pounds(value)


@dataclass(frozen=True)
class Reconciliation:
    report: Report
    totals: ItemTotals
    lines: list[Line]

    @property
    def disagreements(self) -> list[Line]:
        return [line for line in self.lines if line.disagrees]

    @property
    def unexplained(self) -> list[Line]:
        return [line for line in self.disagreements if not line.explained]


def current_report(session: Session, *, actor: str = "system") -> Report:
    """The latest report; a first draft is started when there is none."""
    report = session.execute(select(Report).order_by(Report.id.desc()).limit(1)).scalar()
    if report is None:
        report = Report(title="Savings report", as_at=dt.date.today(), created_by=actor)
        session.add(report)
        session.flush()
    return report


def get_report(session: Session, *, report_id: int) -> Report:
    report = session.get(Report, report_id)
    if report is None:
        raise NotFound(f"There is no report {report_id}")
    return report


def start_report(session: Session, *, title: str, as_at: dt.date, actor: str) -> Report:
    title = title.strip()
    if not title or len(title) > 200:
        raise InvalidRequest("Enter a title of up to 200 characters", field="title")
    report = Report(title=title, as_at=as_at, created_by=actor)
    session.add(report)
    session.flush()
    audit.record(
        session, action="savings.report_started", actor=actor, target_type="savings_report",
        target_id=report.id, details={"title": title, "as_at": as_at.isoformat()},
    )  # fmt: skip
    return report


def _draft(session: Session, report_id: int) -> Report:
    report = get_report(session, report_id=report_id)
    if report.status == FINAL:
        raise Conflict("This report is final; start a new report to change its figures")
    return report


def parse_figure(figure: str, text: object) -> int:
    if figure not in FIGURES:
        raise InvalidRequest(f"'{figure}' is not a headline figure", field=figure)
    label, kind = FIGURES[figure]
    if kind == COUNT:
        raw = str(text).strip().replace(",", "")
        if isinstance(text, float) and text.is_integer():
            raw = str(int(text))
        number = whole_number(raw)
        if number is None:
            raise InvalidRequest(f"{label}: '{text}' is not a whole number", field=figure)
        return number
    try:
        return parse_pence(text)
    except MoneyError as exc:
        raise InvalidRequest(f"{label}: {exc}", field=figure) from None


def enter_figures(
    session: Session, *, report_id: int, values: dict[str, int], source: str, actor: str
) -> None:
    """Record typed or imported headline figures (already parsed) for a draft report."""
    report = _draft(session, report_id)
    for figure, value in values.items():
        if figure not in FIGURES:
            raise InvalidRequest(f"'{figure}' is not a headline figure", field=figure)
        session.add(
            ReportFigure(
                report_id=report.id, figure=figure, value=value, source=source[:200],
                entered_by=actor,
            )
        )  # fmt: skip
    session.flush()
    audit.record(
        session, action="savings.report_figures_entered", actor=actor,
        target_type="savings_report", target_id=report.id,
        details={"figures": values, "source": source[:200]},
    )  # fmt: skip


def explain(
    session: Session, *, report_id: int, figure: str, explanation: str, actor: str, as_at: dt.date
) -> None:
    """Write why `figure` disagrees, for the difference it has now."""
    report = _draft(session, report_id)
    text = explanation.strip()
    if not text:
        raise InvalidRequest("Write why the figures differ", field=f"explain-{figure}")
    if len(text) > MAX_EXPLANATION:
        raise InvalidRequest(
            f"Keep the explanation under {MAX_EXPLANATION} characters", field=f"explain-{figure}"
        )
    line = next((x for x in reconcile(session, report).lines if x.figure == figure), None)
    if line is None or not line.disagrees:
        raise InvalidRequest("That figure agrees with the items: nothing to explain")
    assert line.difference is not None
    session.add(
        ReportExplanation(
            report_id=report.id, figure=figure, difference=line.difference, explanation=text,
            written_by=actor,
        )
    )  # fmt: skip
    session.flush()
    audit.record(
        session, action="savings.difference_explained", actor=actor,
        target_type="savings_report", target_id=report.id,
        details={"figure": figure, "difference": line.difference},
    )  # fmt: skip


def finalise(session: Session, *, report_id: int, actor: str) -> Report:
    report = _draft(session, report_id)
    left = reconcile(session, report).unexplained
    if left:
        names = ", ".join(f"{line.label} ({line.show(line.difference)})" for line in left)
        raise Conflict(f"Explain each difference before marking the report final: {names}")
    report.status = FINAL
    report.finalised_by = actor
    report.finalised_at = utcnow()
    audit.record(
        session, action="savings.report_finalised", actor=actor, target_type="savings_report",
        target_id=report.id,
    )  # fmt: skip
    session.flush()
    return report


def _latest_figures(session: Session, report_id: int) -> dict[str, ReportFigure]:
    rows = session.execute(
        select(ReportFigure).where(ReportFigure.report_id == report_id).order_by(ReportFigure.id)
    ).scalars()
    return {row.figure: row for row in rows}


def _explanations(session: Session, report_id: int) -> dict[tuple[str, int], str]:
    rows = session.execute(
        select(ReportExplanation)
        .where(ReportExplanation.report_id == report_id)
        .order_by(ReportExplanation.id)
    ).scalars()
    return {(row.figure, row.difference): row.explanation for row in rows}


def item_values(
    session: Session, totals: ItemTotals, *, at: dt.datetime | None = None
) -> dict[str, int]:
    rpa = automation.rpa_totals(session, entered_by=at)
    return {
        "contracts_reviewed": totals.contracts_reviewed,
        "contracts_with_savings": totals.contracts_with_savings,
        "original_total": totals.original_total,
        "revised_total": totals.revised_total,
        "saved_to_date": totals.saved_to_date,
        "still_to_come": totals.still_to_come,
        "rpa_cost_savings": rpa.cashable_pence,
        "rpa_hours_value": rpa.hours_value_pence,
    }


def reconcile(session: Session, report: Report) -> Reconciliation:
    """A draft is checked against the register as it is now; a final report against the
    register as it stood when it was marked final, so later changes leave it as it was."""
    at = report.finalised_at if report.status == FINAL else None
    contracts = list_contracts(session) if at is None else contracts_as_they_were(session, at=at)
    totals = item_totals(contracts, report.as_at)
    items = item_values(session, totals, at=at)
    typed = _latest_figures(session, report.id)
    explanations = _explanations(session, report.id)
    lines = []
    for figure, (label, kind) in FIGURES.items():
        entry = typed.get(figure)
        value = entry.value if entry else None
        difference = None if value is None else value - items[figure]
        lines.append(
            Line(
                figure=figure, label=label, kind=kind, typed=value,
                typed_source=entry.source if entry else None, items=items[figure],
                explanation=explanations.get((figure, difference)) if difference else None,
            )
        )  # fmt: skip
    return Reconciliation(report=report, totals=totals, lines=lines)
