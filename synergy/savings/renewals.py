"""Renewal alerts: 90, 60 and 30 days before a contract's notice date (the last day to give
notice, after which it renews or lapses on its terms).

`alerts_due(...)` is what the finance home page shows. `raise_alerts(...)` publishes one
`savings.renewal_alert` event per contract, threshold and notice date, and records it, so
running it twice (or daily from cron) never repeats an alert. If it did not run for a while,
only the nearest threshold reached is raised: a 90-day alert at 55 days would mislead.
A changed notice date starts its alerts afresh.

`notice_passed(...)` lists the contracts whose notice date has gone but whose renewal date has
not come: too late to give notice, so finance must know they renew (or end) on their terms.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.core import events
from synergy.core.config import Settings
from synergy.savings.models import Contract, RenewalAlert
from synergy.savings.settings import SavingsSettings

RENEWAL_ALERT = "savings.renewal_alert"
THRESHOLDS = (90, 60, 30)


@dataclass(frozen=True)
class Due:
    contract: Contract
    threshold_days: int
    days_left: int


def threshold_reached(days_left: int, thresholds: tuple[int, ...] = THRESHOLDS) -> int | None:
    """The nearest threshold at or beyond `days_left` (30 at 12 days), None when none is."""
    if days_left < 0:
        return None
    reached = [t for t in thresholds if days_left <= t]
    return min(reached) if reached else None


def alerts_due(
    contracts: list[Contract], today: dt.date, thresholds: tuple[int, ...] = THRESHOLDS
) -> list[Due]:
    due = []
    for contract in contracts:
        days_left = (contract.notice_date - today).days
        threshold = threshold_reached(days_left, thresholds)
        if threshold is not None:
            due.append(Due(contract, threshold, days_left))
    return sorted(due, key=lambda d: (d.days_left, d.contract.reference))


def notice_passed(contracts: list[Contract], today: dt.date) -> list[Contract]:
    """Contracts past their notice date and not yet at renewal, soonest renewal first."""
    passed = [c for c in contracts if c.notice_date < today <= c.renewal_date]
    return sorted(passed, key=lambda c: (c.renewal_date, c.reference))


def home_notices(session: Session, settings: Settings) -> list[str]:
    """The lines on the register's tile of the platform home page, where finance staff land."""
    contracts = list(session.execute(select(Contract)).scalars())
    today = dt.date.today()
    thresholds = settings.section(SavingsSettings).alert_days
    due, passed = alerts_due(contracts, today, thresholds), notice_passed(contracts, today)
    lines = []
    if due:
        lines.append(
            f"Renewal alerts: {_contracts(len(due))} reach their notice date within "
            f"{max(thresholds)} days (nearest in {due[0].days_left} days)."
        )
    if passed:
        lines.append(f"{_contracts(len(passed))} past their notice date, not yet renewed.")
    return lines


def _contracts(count: int) -> str:
    return f"{count} contract{'s' if count != 1 else ''}"


def raise_alerts(
    session: Session, today: dt.date, thresholds: tuple[int, ...] = THRESHOLDS
) -> list[Due]:
    """Publish the alerts not yet raised; returns those raised now."""
    contracts = list(session.execute(select(Contract)).scalars())
    raised = []
    for due in alerts_due(contracts, today, thresholds):
        contract = due.contract
        already = session.execute(
            select(RenewalAlert.id).where(
                RenewalAlert.contract_id == contract.id,
                RenewalAlert.threshold_days == due.threshold_days,
                RenewalAlert.notice_date == contract.notice_date,
            )
        ).first()
        if already:
            continue
        session.add(
            RenewalAlert(
                contract_id=contract.id,
                threshold_days=due.threshold_days,
                notice_date=contract.notice_date,
            )
        )
        events.publish(
            session,
            RENEWAL_ALERT,
            {
                "contract_id": contract.id,
                "reference": contract.reference,
                "application": contract.application,
                "supplier": contract.supplier,
                "owner": contract.owner,
                "notice_date": contract.notice_date.isoformat(),
                "renewal_date": contract.renewal_date.isoformat(),
                "threshold_days": due.threshold_days,
                "days_left": due.days_left,
            },
            key=f"savings-renewal-{contract.id}-{contract.notice_date.isoformat()}-"
            f"{due.threshold_days}",
        )
        raised.append(due)
    session.flush()
    return raised
