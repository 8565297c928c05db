"""The headline report as data: for the page, the CSV, the PDF, the JSON of
`synergy savings report --json` and the API. Every figure comes from `reconcile()`."""

from __future__ import annotations

import csv
import io
from typing import Any

from sqlalchemy.orm import Session

from synergy.savings import automation, reconciliation
from synergy.savings.models import Report
from synergy.savings.money import plain_pounds
from synergy.savings.reconciliation import COUNT, Line, Reconciliation
from synergy.savings.settings import SavingsSettings


def _value(line: Line, value: int | None) -> Any:
    if value is None:
        return None
    return value if line.kind == COUNT else plain_pounds(value)


def as_json(result: Reconciliation, settings: SavingsSettings, session: Session) -> dict[str, Any]:
    """Headline figures (typed), the totals from the items, and each difference."""
    report = result.report
    return {
        "report": {
            "id": report.id,
            "title": report.title,
            "as_at": report.as_at.isoformat(),
            "status": report.status,
        },
        "money": "pounds, as decimal strings",
        "headline_figures": {
            line.figure: _value(line, line.typed) for line in result.lines if line.typed is not None
        },
        "totals_from_items": {line.figure: _value(line, line.items) for line in result.lines},
        "differences": [
            {
                "figure": line.figure,
                "label": line.label,
                "headline": _value(line, line.typed),
                "items": _value(line, line.items),
                "difference": _value(line, line.difference),
                "explanation": line.explanation,
            }
            for line in result.disagreements
        ],
        "by_application": [
            {
                "application": row.application,
                "contracts": row.contracts,
                "original": plain_pounds(row.original_pence),
                "revised": plain_pounds(row.revised_pence),
                "saved_to_date": plain_pounds(row.to_date_pence),
                "still_to_come": plain_pounds(row.to_come_pence),
            }
            for row in result.totals.by_application
        ],
        "automation": [
            {
                "month": line.month.isoformat()[:7],
                "what": line.name,
                "units": line.units,
                "hours": str(line.hours),
                "fte": str(line.fte),
                "cost_avoided": plain_pounds(line.cost_avoided_pence),
                "how": f"{line.how_hours}; {line.how_cost}; {line.how_fte}",
            }
            for line in automation.platform_lines(session, settings)
            + automation.rpa_lines(session, settings)
        ],
    }


def as_csv(result: Reconciliation) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["section", "item", "headline", "from items", "difference", "explanation"])
    for line in result.lines:
        writer.writerow(
            [
                "headline",
                line.label,
                _value(line, line.typed) if line.typed is not None else "",
                _value(line, line.items),
                _value(line, line.difference) if line.difference is not None else "",
                line.explanation or "",
            ]
        )
    writer.writerow([])
    writer.writerow(["section", "application", "contracts", "original", "revised", "saved to date"])
    for row in result.totals.by_application:
        writer.writerow(
            [
                "by application",
                row.application,
                row.contracts,
                plain_pounds(row.original_pence),
                plain_pounds(row.revised_pence),
                plain_pounds(row.to_date_pence),
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def current(session: Session, actor: str = "system") -> tuple[Report, Reconciliation]:
    report = reconciliation.current_report(session, actor=actor)
    return report, reconciliation.reconcile(session, report)
