"""JSON API: the current headline report with its reconciliation (finance and admin only)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from synergy.core.deps import SessionDep, SettingsDep
from synergy.savings import report
from synergy.savings.deps import FinanceUser
from synergy.savings.settings import SavingsSettings

router = APIRouter(prefix="/api/savings")


@router.get("/report", summary="Headline figures, totals from the items and each difference")
def headline_report(db: SessionDep, settings: SettingsDep, _: FinanceUser) -> dict[str, Any]:
    result = report.current(db)[1]
    return report.as_json(result, settings.section(SavingsSettings), db)
