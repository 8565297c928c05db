"""Renewal alerts 90, 60 and 30 days before the notice date: shown, and published once each."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from synergy.core.events import OutboxEvent
from synergy.savings import renewals, service
from synergy.savings.schemas import parse_contract
from tests.savings.factories import contract_row, make_contract

TODAY = dt.date(2026, 1, 1)


def _due_in(db, days: int, reference: str):  # type: ignore[no-untyped-def]
    notice = TODAY + dt.timedelta(days=days)
    return make_contract(
        db, reference=reference, start_date="2025-04-01", end_date="2027-03-31",
        renewal_date="2027-04-01", notice_date=notice.isoformat(),
    )  # fmt: skip


def _alerts(db) -> list[dict]:  # type: ignore[type-arg]
    # in the order published: PostgreSQL returns rows in no set order without ORDER BY
    query = select(OutboxEvent).where(OutboxEvent.topic == renewals.RENEWAL_ALERT)
    rows = db.execute(query.order_by(OutboxEvent.id))
    return [row.payload for row in rows.scalars()]


def test_thresholds() -> None:
    assert [renewals.threshold_reached(d) for d in (91, 90, 61, 60, 31, 30, 0, -1)] == [
        None, 90, 90, 60, 60, 30, 30, None,
    ]  # fmt: skip


def test_alerts_are_published_once_per_threshold_even_when_run_twice(db) -> None:
    _due_in(db, 85, "SAV-A")
    _due_in(db, 200, "SAV-B")
    assert len(renewals.raise_alerts(db, TODAY)) == 1
    assert renewals.raise_alerts(db, TODAY) == []
    assert [(a["reference"], a["threshold_days"], a["days_left"]) for a in _alerts(db)] == [
        ("SAV-A", 90, 85)
    ]
    renewals.raise_alerts(db, TODAY + dt.timedelta(days=30))  # 55 days left: the 60-day alert
    renewals.raise_alerts(db, TODAY + dt.timedelta(days=31))
    assert [a["threshold_days"] for a in _alerts(db)] == [90, 60]


def test_a_new_notice_date_gets_its_own_alerts(db) -> None:
    contract = _due_in(db, 20, "SAV-A")
    renewals.raise_alerts(db, TODAY)
    later = contract_row(
        reference="SAV-A", start_date="2025-04-01", end_date="2027-03-31",
        renewal_date="2027-04-01", notice_date=(TODAY + dt.timedelta(days=80)).isoformat(),
    )  # fmt: skip
    service.update_contract(db, contract_id=contract.id, data=parse_contract(later), actor="f")
    renewals.raise_alerts(db, TODAY)
    assert [a["threshold_days"] for a in _alerts(db)] == [30, 90]


def test_home_page_list_is_nearest_first_and_skips_passed_notice_dates(db) -> None:
    _due_in(db, 45, "SAV-A")
    _due_in(db, 10, "SAV-B")
    _due_in(db, -1, "SAV-C")
    due = renewals.alerts_due(service.list_contracts(db), TODAY)
    assert [(d.contract.reference, d.threshold_days) for d in due] == [("SAV-B", 30), ("SAV-A", 60)]


def test_contracts_past_notice_but_before_renewal_are_listed_apart(db) -> None:
    _due_in(db, -1, "SAV-C")
    _due_in(db, 10, "SAV-B")
    make_contract(
        db, reference="SAV-OLD", start_date="2023-04-01", end_date="2025-03-31",
        renewal_date="2025-04-01", notice_date="2025-01-01",
    )  # fmt: skip
    passed = renewals.notice_passed(service.list_contracts(db), TODAY)
    assert [c.reference for c in passed] == ["SAV-C"]  # renewed long ago: not listed
