"""Builds the event worker with every installed service's subscriptions."""

from __future__ import annotations

from collections.abc import Sequence

from synergy.core.config import Settings
from synergy.core.db import engine_for, ensure_migrated, make_session_factory
from synergy.core.events import OutboxWorker, Subscription
from synergy.core.services import Service
from synergy.services import declared_services


def all_subscriptions(
    settings: Settings, services: Sequence[Service] | None = None
) -> list[Subscription]:
    """Each service's declared subscriptions, in the order of the service list."""
    found: list[Subscription] = []
    for service in declared_services() if services is None else services:
        found.extend(service.load_subscriptions(settings))
    return found


def build_worker(
    settings: Settings, *, worker_id: str, lease_seconds: float = 60.0
) -> OutboxWorker:
    engine = engine_for(settings)
    ensure_migrated(engine)
    return OutboxWorker(
        factory=make_session_factory(engine),
        subscriptions=all_subscriptions(settings),
        worker_id=worker_id,
        lease_seconds=lease_seconds,
    )
