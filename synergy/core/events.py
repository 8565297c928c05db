"""Events between services: a transactional outbox and the worker that delivers it.

`publish()` writes an event in the same transaction as the change that caused it, so an event
exists exactly when its change was committed; `not_before` holds it back until then. The worker
claims ready events for a lease (row locks with SKIP LOCKED on PostgreSQL, so several workers
can share the work; SQLite runs one), then gives each event to every subscription for its
topic. A subscription's handler runs in its own transaction together with a receipt row keyed
by (event, subscription): if the worker dies mid-delivery the lease runs out, another worker
delivers again, and the receipt makes the repeat a no-op for anything the handler wrote to the
database. Handlers that call outside systems must pass `event.idempotency_key` along so the far
side can drop repeats.

Each subscription is delivered, retried and dead-lettered on its own: a failing handler gets a
delivery row (`core_outbox_deliveries`) with its attempts, next try and last error, and the
other subscriptions of the same event go ahead. The event row sums them up: delivered once
every subscription has its receipt, dead once the only ones left are dead, otherwise pending
until the earliest retry is due (`attempts` and `last_error` are the worst subscription's).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import JSON, Integer, String, Text, and_, delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from synergy.core.db import Base, UTCDateTime, transaction, utcnow

log = logging.getLogger(__name__)

PENDING = "pending"
DELIVERED = "delivered"
DEAD = "dead"


class OutboxEvent(Base):
    __tablename__ = "core_outbox_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    topic: Mapped[str] = mapped_column(String(100), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    key: Mapped[str | None] = mapped_column(String(200), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default=PENDING, index=True)
    available_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(100), default=None)
    claimed_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)


class OutboxReceipt(Base):
    """One row per (event, subscription) that has been handled and committed."""

    __tablename__ = "core_outbox_receipts"

    event_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subscription: Mapped[str] = mapped_column(String(100), primary_key=True)
    handled_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    handled_by: Mapped[str | None] = mapped_column(String(100), default=None)


class OutboxDelivery(Base):
    """A subscription's delivery of one event, once it has failed: retried on its own."""

    __tablename__ = "core_outbox_deliveries"

    event_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subscription: Mapped[str] = mapped_column(String(100), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    available_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)


@dataclass(frozen=True)
class Event:
    id: int
    topic: str
    payload: dict[str, Any]
    key: str | None
    created_at: dt.datetime
    attempts: int

    @property
    def idempotency_key(self) -> str:
        return self.key or f"event-{self.id}"


Handler = Callable[[Session, Event], None]


@dataclass(frozen=True)
class Subscription:
    """`handler` is called with an open session; it must not commit (the worker does)."""

    topic: str
    name: str
    handler: Handler


def publish(
    session: Session,
    topic: str,
    payload: dict[str, Any],
    *,
    key: str | None = None,
    not_before: dt.datetime | None = None,
) -> int:
    """Record an event in the caller's transaction; returns its id. With `not_before` (an
    aware datetime) no subscription receives it earlier."""
    if not_before is not None and not_before.tzinfo is None:
        raise ValueError("not_before must be timezone-aware")
    event = OutboxEvent(topic=topic, payload=payload, key=key, available_at=not_before or utcnow())
    session.add(event)
    session.flush()
    return event.id


def backoff_seconds(attempts: int, *, base: float = 1.0, cap: float = 300.0) -> float:
    """Exponential backoff with jitter: random in [c/2, c], c = min(cap, base * 2**attempts)."""
    ceiling = min(cap, base * (2 ** min(attempts, 30)))
    return random.uniform(ceiling / 2, ceiling)  # noqa: S311 - jitter, not security


@dataclass
class OutboxWorker:
    factory: sessionmaker[Session]
    subscriptions: Sequence[Subscription]
    worker_id: str = "worker"
    batch_size: int = 20
    lease_seconds: float = 60.0
    max_attempts: int = 8
    backoff: Callable[[int], float] = backoff_seconds
    on_dead: Callable[[Session, Event, str], None] | None = None
    _by_topic: dict[str, list[Subscription]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        names = [s.name for s in self.subscriptions]
        if len(names) != len(set(names)):
            raise ValueError("subscription names must be unique")
        for sub in self.subscriptions:
            self._by_topic.setdefault(sub.topic, []).append(sub)

    def claim(self) -> list[Event]:
        now = utcnow()
        with transaction(self.factory) as session:
            query = (
                select(OutboxEvent)
                .where(
                    and_(
                        OutboxEvent.status == PENDING,
                        OutboxEvent.available_at <= now,
                        or_(OutboxEvent.claimed_until.is_(None), OutboxEvent.claimed_until < now),
                    )
                )
                .order_by(OutboxEvent.id)
                .limit(self.batch_size)
                .with_for_update(skip_locked=True)
            )
            rows = list(session.execute(query).scalars())
            until = now + dt.timedelta(seconds=self.lease_seconds)
            for row in rows:
                row.claimed_by = self.worker_id
                row.claimed_until = until
            return [
                Event(r.id, r.topic, dict(r.payload), r.key, r.created_at, r.attempts) for r in rows
            ]

    def _handle_once(self, event: Event, sub: Subscription) -> None:
        with transaction(self.factory) as session:
            done = session.get(OutboxReceipt, (event.id, sub.name))
            if done is not None:
                return
            sub.handler(session, event)
            session.add(
                OutboxReceipt(event_id=event.id, subscription=sub.name, handled_by=self.worker_id)
            )
            session.flush()

    def _deliver_to(self, event: Event, sub: Subscription) -> None:
        try:
            self._handle_once(event, sub)
        except IntegrityError:
            # Another worker committed the same receipt first: the work is already done,
            # unless the handler itself hit a constraint, in which case it fails next time.
            with transaction(self.factory) as session:
                if session.get(OutboxReceipt, (event.id, sub.name)) is None:
                    raise

    def deliver(self, event: Event) -> bool:
        """Give the event to each subscription that is due; returns True once all have it."""
        subscriptions = self._by_topic.get(event.topic, [])
        # A delivery row is written only when a subscription fails, and settling that failure
        # puts its attempts on the event: an event never tried before has none to look up.
        first_try = event.attempts == 0
        waiting = set() if first_try else self._not_due(event, subscriptions)
        failed = False
        for sub in subscriptions:
            if sub.name in waiting:
                continue
            try:
                self._deliver_to(event, sub)
            except Exception as exc:  # a failing handler must not stop the others: retry it
                log.warning(
                    "event %s (%s) failed for %s: %s",
                    event.id,
                    event.topic,
                    sub.name,
                    exc,
                    exc_info=True,
                )
                self._record_failure(event, sub, f"{type(exc).__name__}: {exc}")
                failed = True
        if first_try and not failed:
            return self._delivered_at_once(event)
        return self._settle(event, subscriptions)

    def _delivered_at_once(self, event: Event) -> bool:
        """Every subscription took the event at its first try: mark it delivered in one
        statement (the common case; `_settle` reads receipts and deliveries for the rest)."""
        with transaction(self.factory) as session:
            marked = session.execute(
                update(OutboxEvent)
                .where(OutboxEvent.id == event.id, OutboxEvent.status == PENDING)
                .values(
                    status=DELIVERED, delivered_at=utcnow(), claimed_until=None, claimed_by=None
                )
            )
            if marked.rowcount == 1:  # type: ignore[attr-defined]
                return True
            status = session.execute(
                select(OutboxEvent.status).where(OutboxEvent.id == event.id)
            ).scalar_one_or_none()
            return status == DELIVERED

    def _not_due(self, event: Event, subscriptions: Sequence[Subscription]) -> set[str]:
        """Subscriptions of this event that are dead or waiting for a later retry."""
        names = [sub.name for sub in subscriptions]
        now = utcnow()
        with transaction(self.factory) as session:
            rows = session.execute(
                select(OutboxDelivery).where(
                    OutboxDelivery.event_id == event.id, OutboxDelivery.subscription.in_(names)
                )
            ).scalars()
            return {r.subscription for r in rows if r.status == DEAD or r.available_at > now}

    def _record_failure(self, event: Event, sub: Subscription, error: str) -> None:
        with transaction(self.factory) as session:
            row = session.get(OutboxDelivery, (event.id, sub.name), with_for_update=True)
            if row is None:
                row = OutboxDelivery(event_id=event.id, subscription=sub.name, attempts=0)
                session.add(row)
            row.attempts += 1
            row.last_error = error[:2000]
            if row.attempts >= self.max_attempts:
                row.status = DEAD
                if self.on_dead is not None:
                    self.on_dead(session, event, error)
            else:
                row.status = PENDING
                row.available_at = utcnow() + dt.timedelta(seconds=self.backoff(row.attempts))

    def _settle(self, event: Event, subscriptions: Sequence[Subscription]) -> bool:
        """Sum the subscriptions' state up on the event row and release the claim."""
        names = [sub.name for sub in subscriptions]
        with transaction(self.factory) as session:
            row = session.get(OutboxEvent, event.id, with_for_update=True)
            if row is None or row.status != PENDING:
                return row is not None and row.status == DELIVERED
            handled = set(
                session.execute(
                    select(OutboxReceipt.subscription).where(OutboxReceipt.event_id == event.id)
                ).scalars()
            )
            failing = [
                d
                for d in session.execute(
                    select(OutboxDelivery).where(OutboxDelivery.event_id == event.id)
                ).scalars()
                if d.subscription in names and d.subscription not in handled
            ]
            row.claimed_until = None
            row.claimed_by = None
            if failing:
                worst = max(failing, key=lambda d: d.attempts)
                row.attempts = worst.attempts
                row.last_error = worst.last_error
            retrying = [d for d in failing if d.status != DEAD]
            if retrying:
                row.available_at = min(d.available_at for d in retrying)
                return False
            if failing:
                row.status = DEAD
                return False
            row.status = DELIVERED
            row.delivered_at = utcnow()
            return True

    def run_once(self) -> int:
        """Claim one batch and deliver it; returns how many events were delivered."""
        return sum(1 for event in self.claim() if self.deliver(event))

    def run(self, stop: threading.Event, *, idle_sleep: float = 0.5) -> None:
        while not stop.is_set():
            if self.run_once() == 0:
                stop.wait(idle_sleep)

    def drain(self, *, max_rounds: int = 1000) -> int:
        """Deliver until nothing is ready (for tests and the demo)."""
        total = 0
        for _ in range(max_rounds):
            claimed = self.claim()
            if not claimed:
                return total
            total += sum(1 for event in claimed if self.deliver(event))
        return total


def pending_count(session: Session, topics: Iterable[str] | None = None) -> int:
    query = select(OutboxEvent.id).where(OutboxEvent.status == PENDING)
    if topics is not None:
        query = query.where(OutboxEvent.topic.in_(list(topics)))
    return len(session.execute(query).all())


def retry_dead(session: Session, event_id: int) -> None:
    """Put a dead event back in the queue (manual re-send): its dead subscriptions start
    again from no attempts; those that already have it are not given it twice."""
    row = session.get(OutboxEvent, event_id, with_for_update=True)
    if row is None:
        from synergy.core.errors import NotFound

        raise NotFound(f"No event {event_id}")
    row.status = PENDING
    row.attempts = 0
    row.available_at = utcnow()
    session.execute(delete(OutboxDelivery).where(OutboxDelivery.event_id == event_id))
    session.flush()
