"""Automation savings counted from the platform's own events, through the outbox: each unit
once, whatever the redeliveries; hours, FTE and pounds per month with how each was worked out;
and RPA processes outside the platform entered by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select

from synergy.contact import service as contact
from synergy.contact.dialogue import Channel
from synergy.core import events
from synergy.core.events import OutboxEvent, OutboxWorker
from synergy.evidence import service as evidence
from synergy.savings import automation
from synergy.savings import events as savings_events
from synergy.savings.models import AutomationUnit
from synergy.savings.settings import SavingsSettings

SETTINGS = SavingsSettings()


def _worker(session_factory, settings) -> OutboxWorker:  # type: ignore[no-untyped-def]
    return OutboxWorker(session_factory, savings_events.subscriptions(settings))


def _publish_acceptances(session_factory, n: int, month: int) -> None:  # type: ignore[no-untyped-def]
    with session_factory() as session:
        for i in range(n):
            events.publish(
                session, "acro.request_accepted",
                {"request_id": i, "arrest_id": i, "minutes_saved": 10,
                 "accepted_at": dt.datetime(2026, month, 3, tzinfo=dt.UTC).isoformat()},
                key=f"wmp-arrest-{month}-{i}-accepted",
            )  # fmt: skip
        session.commit()


def test_acro_acceptances_are_counted_once_each_even_when_delivered_twice(
    session_factory, settings
) -> None:
    _publish_acceptances(session_factory, 3, month=10)
    worker = _worker(session_factory, settings)
    assert worker.drain() == 3
    with session_factory() as session:  # a redelivery of every event, as after a crash
        session.query(OutboxEvent).update({"status": "pending"})
        session.commit()
    with session_factory() as session:
        receipts = session.execute(select(func.count()).select_from(AutomationUnit)).scalar()
        # (the receipts stop repeats; the unique key stops them even without receipts)
        for row in session.execute(select(OutboxEvent)).scalars():
            savings_events.count_unit(session, _event(row))
        session.commit()
        assert receipts == 3
        assert session.execute(select(func.count()).select_from(AutomationUnit)).scalar() == 3


def _event(row: OutboxEvent) -> events.Event:
    return events.Event(row.id, row.topic, dict(row.payload), row.key, row.created_at, 0)


def test_monthly_hours_fte_and_pounds_with_their_working(session_factory, settings) -> None:
    _publish_acceptances(session_factory, 12, month=10)
    _publish_acceptances(session_factory, 6, month=11)
    _worker(session_factory, settings).drain()
    with session_factory() as session:
        automation.set_rate(
            session, kind=automation.ACRO_REQUEST, minutes=Decimal("10"),
            minutes_source="Records unit timing, March 2026", staff_rate_pence=1850,
            rate_source="Police staff scale 4 with on-costs", actor="fin",
        )  # fmt: skip
        lines = automation.platform_lines(session, SETTINGS)
    november, october = lines
    assert (october.month, october.units, october.hours) == (dt.date(2026, 10, 1), 12, Decimal(2))
    assert october.cost_avoided_pence == 3700
    assert october.how_hours == "12 × 10 min ÷ 60 = 2.00 h"
    assert october.how_cost == "2.00 h × £18.50 an hour = £37.00"
    assert october.fte == Decimal("0.01")
    assert "÷ 160.33 h a month" in october.how_fte
    assert november.units == 6


def test_a_self_served_cctv_link_is_counted(session_factory, settings) -> None:
    with session_factory() as session:
        evidence.create_request(
            session, secret=b"k" * 32, actor="investigator",
            form=evidence.NewRequest(
                reference="20/123456/26", description="Dashcam footage", email="a@example.org"
            ),
        )  # fmt: skip
        session.commit()
    _worker(session_factory, settings).drain()
    with session_factory() as session:
        [line] = automation.platform_lines(session, SETTINGS)
    assert line.units == 1 and line.name.startswith("CCTV upload links self-served")


def test_a_call_the_assistant_resolves_is_counted_and_a_handover_is_not(
    session_factory, settings
) -> None:
    limits = contact.Limits()
    with session_factory() as session:
        resolved = contact.start_conversation(session, channel=Channel.API)
        contact.take_turn(session, token=resolved.token, text="I lost my phone on the bus",
                          limits=limits)  # fmt: skip
        handed = contact.start_conversation(session, channel=Channel.API)
        contact.take_turn(session, token=handed.token, text="Can I speak to a person",
                          limits=limits)  # fmt: skip
        session.commit()
    _worker(session_factory, settings).drain()
    with session_factory() as session:
        [line] = automation.platform_lines(session, SETTINGS)
    assert line.name == automation.KINDS[automation.CALL_RESOLVED]
    assert line.units == 1


def test_rpa_entries_give_hours_value_and_cash(db) -> None:
    automation.add_rpa_entry(
        db, process="Vetting checks", month=dt.date(2026, 9, 14), runs=1200,
        minutes_per_run=Decimal("4.5"), staff_rate_pence=2000, cashable_pence=150_000,
        source="RPA team run log", actor="fin",
    )  # fmt: skip
    totals = automation.rpa_totals(db)
    assert totals.hours == Decimal("90.00")
    assert totals.hours_value_pence == 180_000
    assert totals.cashable_pence == 150_000
    [line] = automation.rpa_lines(db, SETTINGS)
    assert line.month == dt.date(2026, 9, 1)
