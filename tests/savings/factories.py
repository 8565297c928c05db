"""Contracts for tests, built through the register's own checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from synergy.savings import service
from synergy.savings.models import Contract
from synergy.savings.schemas import parse_contract

SIGNED = {
    "evidence_reference": "INV-2024-0042",
    "budget_holder_signed_by": "Head of IT Infrastructure",
    "budget_holder_signed_on": "2024-05-01",
    "finance_signed_by": "finance",
    "finance_signed_on": "2024-05-02",
}


def contract_row(**overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "reference": "SAV-0001",
        "supplier": "Oracle",
        "application": "Oracle RightNow CX/IT Licensing",
        "category": "new_commercial_arrangements",
        "owner": "Head of Contact",
        "start_date": "2024-04-01",
        "end_date": "2026-03-31",
        "term_years": "2",
        "renewal_date": "2026-04-01",
        "notice_date": "2026-01-01",
        "baseline_year": "2023/24",
        "original_annual": "500000.00",
        "revised_annual": "400000.00",
        "original_total": "1000000.00",
        "revised_total": "800000.00",
        "recurrence": "recurring",
        "cashable": "yes",
        "implementation_cost": "10000.00",
        "notes": "",
    }
    row.update(overrides)
    return row


def make_contract(
    session: Session, *, signed: bool = True, actor: str = "finance", **overrides: Any
) -> Contract:
    row = contract_row(**({**SIGNED, **overrides} if signed else overrides))
    return service.create_contract(session, data=parse_contract(row), actor=actor)


def days_from(today: dt.date, days: int) -> str:
    return (today + dt.timedelta(days=days)).isoformat()
