"""The outbox: events exist exactly when their change committed, and are delivered at least
once, with repeats made harmless, even when workers die mid-delivery."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from synergy.core import audit
from synergy.core.db import transaction, utcnow
from synergy.core.events import (
    DEAD,
    DELIVERED,
    PENDING,
    OutboxDelivery,
    OutboxEvent,
    OutboxWorker,
    Subscription,
    publish,
    retry_dead,
)
from tests.core.outbox_worker_process import TOPIC

ROOT = Path(__file__).resolve().parents[2]


def _worker(session_factory, handler, **options) -> OutboxWorker:  # type: ignore[no-untyped-def]
    return OutboxWorker(
        factory=session_factory,
        subscriptions=[Subscription("case.opened", "counter", handler)],
        backoff=lambda attempts: 0.0,
        **options,
    )


def test_event_is_dropped_with_a_rolled_back_change(session_factory) -> None:
    with pytest.raises(RuntimeError), transaction(session_factory) as session:
        publish(session, "case.opened", {"case": 1})
        raise RuntimeError("the change failed")
    with transaction(session_factory) as session:
        assert session.scalar(select(func.count()).select_from(OutboxEvent)) == 0


def test_each_subscription_gets_each_event(session_factory) -> None:
    seen: list[int] = []
    with transaction(session_factory) as session:
        for case in range(7):
            publish(session, "case.opened", {"case": case})
        publish(session, "other.topic", {})
    worker = _worker(session_factory, lambda s, e: seen.append(e.payload["case"]))
    assert worker.drain() == 8
    assert sorted(seen) == list(range(7))


def test_failing_handler_is_retried_then_succeeds(session_factory) -> None:
    calls = Counter()

    def flaky(session, event) -> None:  # type: ignore[no-untyped-def]
        calls[event.id] += 1
        if calls[event.id] < 3:
            raise ConnectionError("far side unavailable")

    with transaction(session_factory) as session:
        event_id = publish(session, "case.opened", {})
    worker = _worker(session_factory, flaky)
    for _ in range(5):
        worker.run_once()
    with transaction(session_factory) as session:
        row = session.get(OutboxEvent, event_id)
        assert row.status == DELIVERED and row.attempts == 2
    assert calls[event_id] == 3


def test_event_goes_dead_after_max_attempts_and_can_be_resent(session_factory) -> None:
    alerts = []

    def broken(session, event) -> None:  # type: ignore[no-untyped-def]
        raise ValueError("rejected")

    with transaction(session_factory) as session:
        event_id = publish(session, "case.opened", {})
    worker = _worker(
        session_factory,
        broken,
        max_attempts=3,
        on_dead=lambda s, e, err: alerts.append((e.id, err)),
    )
    for _ in range(5):
        worker.run_once()
    with transaction(session_factory) as session:
        row = session.get(OutboxEvent, event_id)
        assert row.status == DEAD and "rejected" in row.last_error
    assert alerts == [(event_id, "ValueError: rejected")]
    with transaction(session_factory) as session:
        retry_dead(session, event_id)
    fixed = _worker(session_factory, lambda s, e: None)
    assert fixed.drain() == 1


def test_an_event_published_for_later_is_not_delivered_before_then(session_factory) -> None:
    seen: list[str] = []
    later = utcnow() + dt.timedelta(hours=1)
    with transaction(session_factory) as session:
        publish(session, "case.opened", {"when": "later"}, not_before=later)
        publish(session, "case.opened", {"when": "now"})
    worker = _worker(session_factory, lambda s, e: seen.append(e.payload["when"]))
    assert worker.drain() == 1
    assert seen == ["now"]
    with transaction(session_factory) as session:  # an hour passes
        session.execute(update(OutboxEvent).values(available_at=utcnow()))
    assert worker.drain() == 1
    assert seen == ["now", "later"]


def test_a_naive_not_before_is_refused(session_factory) -> None:
    with pytest.raises(ValueError, match="timezone"), transaction(session_factory) as session:
        publish(session, "case.opened", {}, not_before=dt.datetime(2030, 1, 1))


def _two_subscribers(session_factory, failing_handler, **options) -> OutboxWorker:  # type: ignore[no-untyped-def]
    delivered: list[int] = []
    worker = OutboxWorker(
        factory=session_factory,
        subscriptions=[
            Subscription("case.opened", "archive", failing_handler),
            Subscription("case.opened", "notify", lambda s, e: delivered.append(e.id)),
        ],
        backoff=lambda attempts: 0.0,
        **options,
    )
    worker.delivered = delivered  # type: ignore[attr-defined]
    return worker


def test_a_failing_subscriber_does_not_hold_back_the_others(session_factory) -> None:
    attempts = Counter()

    def archive_down(session, event) -> None:  # type: ignore[no-untyped-def]
        attempts[event.id] += 1
        raise ConnectionError("object store unavailable")

    with transaction(session_factory) as session:
        event_id = publish(session, "case.opened", {})
    worker = _two_subscribers(session_factory, archive_down, max_attempts=3)
    for _ in range(5):
        worker.run_once()
    assert worker.delivered == [event_id], "the working subscriber got it exactly once"
    assert attempts[event_id] == 3, "the failing one was retried on its own, then given up"
    with transaction(session_factory) as session:
        row = session.get(OutboxEvent, event_id)
        assert row.status == DEAD and "object store unavailable" in row.last_error
        (dead,) = session.execute(select(OutboxDelivery)).scalars()
        assert (dead.subscription, dead.status, dead.attempts) == ("archive", DEAD, 3)


def test_resending_a_dead_event_retries_only_the_subscriber_that_failed(session_factory) -> None:
    broken = {"archive": True}

    def archive(session, event) -> None:  # type: ignore[no-untyped-def]
        if broken["archive"]:
            raise ConnectionError("object store unavailable")

    with transaction(session_factory) as session:
        event_id = publish(session, "case.opened", {})
    worker = _two_subscribers(session_factory, archive, max_attempts=1)
    worker.run_once()
    broken["archive"] = False
    with transaction(session_factory) as session:
        retry_dead(session, event_id)
    assert worker.drain() == 1
    assert worker.delivered == [event_id]
    with transaction(session_factory) as session:
        assert session.get(OutboxEvent, event_id).status == DELIVERED


def test_a_retrying_subscriber_waits_for_its_own_backoff(session_factory) -> None:
    calls = Counter()

    def flaky(session, event) -> None:  # type: ignore[no-untyped-def]
        calls["archive"] += 1
        raise ConnectionError("later")

    with transaction(session_factory) as session:
        event_id = publish(session, "case.opened", {})
    worker = _two_subscribers(session_factory, flaky)
    worker.backoff = lambda attempts: 3600.0
    worker.run_once()
    worker.run_once()
    assert calls["archive"] == 1 and worker.delivered == [event_id]
    with transaction(session_factory) as session:
        row = session.get(OutboxEvent, event_id)
        assert row.status == PENDING and row.available_at > utcnow() + dt.timedelta(minutes=59)


def _start(url: str, log: Path, name: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.core.outbox_worker_process", url, str(log), name],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _wait_for_lines(log: Path, count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and len(log.read_text().splitlines()) >= count:
            return
        time.sleep(0.02)
    raise AssertionError(f"worker delivered fewer than {count} events in {timeout}s")


def _wait_until_all_delivered(session_factory, total: int, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with transaction(session_factory) as session:
            done = session.scalar(
                select(func.count()).select_from(OutboxEvent).where(OutboxEvent.status == DELIVERED)
            )
        if done == total:
            return
        time.sleep(0.1)
    raise AssertionError(f"only {done} of {total} events delivered in {timeout}s")


def _publish_many(session_factory, total: int) -> None:
    with transaction(session_factory) as session:
        for number in range(total):
            publish(session, TOPIC, {"n": number})


def _effects(session_factory) -> Counter:
    with transaction(session_factory) as session:
        rows = session.execute(
            select(audit.AuditRecord.target_id).where(audit.AuditRecord.action == "test.delivered")
        ).scalars()
        return Counter(rows)


@pytest.mark.slow
def test_worker_killed_mid_delivery_loses_nothing(session_factory, database_url, tmp_path) -> None:
    total = 120
    _publish_many(session_factory, total)
    log = tmp_path / "deliveries.log"
    victim = _start(database_url, log, "victim")
    try:
        _wait_for_lines(log, 30)
    finally:
        victim.send_signal(signal.SIGKILL)
        victim.wait()
    survivor = _start(database_url, log, "survivor")
    try:
        _wait_until_all_delivered(session_factory, total)
    finally:
        survivor.terminate()
        survivor.wait(timeout=30)
    effects = _effects(session_factory)
    assert len(effects) == total, "an event was lost"
    assert set(effects.values()) == {1}, "a database effect happened twice"
    logged = Counter(line.split()[1] for line in log.read_text().splitlines())
    assert len(logged) == total  # every event reached the handler at least once
    with transaction(session_factory) as session:
        assert audit.verify_chain(session).ok


@pytest.mark.slow
def test_several_workers_share_the_queue_on_postgresql(
    session_factory, database_url, tmp_path
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite runs a single worker; several workers need PostgreSQL's SKIP LOCKED")
    total = 200
    _publish_many(session_factory, total)
    log = tmp_path / "deliveries.log"
    workers = [_start(database_url, log, f"w{n}") for n in range(3)]
    try:
        _wait_for_lines(log, 40)
        workers[0].send_signal(signal.SIGKILL)  # one dies mid-run; the others carry on
        _wait_until_all_delivered(session_factory, total)
    finally:
        for process in workers:
            process.kill()
            process.wait()
    effects = _effects(session_factory)
    assert len(effects) == total and set(effects.values()) == {1}
    busy = {line.split()[0] for line in log.read_text().splitlines()}
    assert len(busy) >= 2, "the work was not shared"
