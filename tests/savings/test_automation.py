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
            rate_source="Police staff scale 4 with on-costs",
            applies_from=dt.date(2026, 10, 1), actor="fin",
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


def _set(session, minutes: str, pence: int, applies_from: dt.date) -> None:  # type: ignore[no-untyped-def]
    automation.set_rate(
        session, kind=automation.ACRO_REQUEST, minutes=Decimal(minutes),
        minutes_source="Records unit timing", staff_rate_pence=pence,
        rate_source="Staff scale", applies_from=applies_from, actor="fin",
    )  # fmt: skip


def test_a_new_rate_does_not_reprice_months_already_reported(session_factory, settings) -> None:
    _publish_acceptances(session_factory, 12, month=10)
    _publish_acceptances(session_factory, 6, month=11)
    _worker(session_factory, settings).drain()
    with session_factory() as session:
        _set(session, "10", 1800, dt.date(2026, 10, 1))
        session.commit()
        before = {line.month: line.cost_avoided_pence for line in
                  automation.platform_lines(session, SETTINGS)}  # fmt: skip
        # Pay rises from November: October's figure must not move.
        _set(session, "10", 2400, dt.date(2026, 11, 15))
        session.commit()
        after = {line.month: line for line in automation.platform_lines(session, SETTINGS)}
    october, november = after[dt.date(2026, 10, 1)], after[dt.date(2026, 11, 1)]
    assert october.cost_avoided_pence == before[dt.date(2026, 10, 1)] == 3600
    assert october.how_cost == "2.00 h × £18.00 an hour = £36.00"
    assert november.how_cost == "1.00 h × £24.00 an hour = £24.00"


def test_a_correction_set_later_for_earlier_months_takes_precedence(
    session_factory, settings
) -> None:
    _publish_acceptances(session_factory, 6, month=10)
    _publish_acceptances(session_factory, 6, month=11)
    _worker(session_factory, settings).drain()
    with session_factory() as session:
        _set(session, "10", 2000, dt.date(2026, 11, 1))
        _set(session, "5", 2000, dt.date(2026, 10, 1))  # finance find the minutes were lower
        session.commit()
        lines = {line.month: line for line in automation.platform_lines(session, SETTINGS)}
    assert lines[dt.date(2026, 10, 1)].how_hours == "6 × 5 min ÷ 60 = 0.50 h"
    assert lines[dt.date(2026, 11, 1)].how_hours == "6 × 5 min ÷ 60 = 0.50 h"


def test_months_before_any_rate_keep_the_default_and_undated_rates_price_every_month() -> None:
    defaults = automation.default_rates(SETTINGS)
    dated = automation.Rate(automation.ACRO_REQUEST, Decimal("7"), "timing", 1900, "scale",
                            dt.date(2026, 11, 1))  # fmt: skip
    book = automation.RateBook(defaults, [dated])
    assert (
        book.for_month(automation.ACRO_REQUEST, dt.date(2026, 10, 1))
        == defaults[automation.ACRO_REQUEST]
    )
    assert book.for_month(automation.ACRO_REQUEST, dt.date(2027, 1, 1)) == dated
    # A rate set before rates were dated (migration 0019 leaves it empty) prices every month.
    undated = automation.Rate(automation.ACRO_REQUEST, Decimal("8"), "timing", 1900, "scale")
    book = automation.RateBook(defaults, [undated])
    assert book.for_month(automation.ACRO_REQUEST, dt.date(2020, 1, 1)) == undated
