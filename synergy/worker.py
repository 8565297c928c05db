"""Builds the event worker with every service's subscriptions."""

from __future__ import annotations

import importlib

from synergy.app import SERVICE_PACKAGES, _optional_module
from synergy.core.config import Settings
from synergy.core.db import engine_for, ensure_migrated, make_session_factory
from synergy.core.events import OutboxWorker, Subscription


def all_subscriptions(settings: Settings) -> list[Subscription]:
    """Each service's `events.subscriptions(settings)`, in SERVICE_PACKAGES order."""
    found: list[Subscription] = []
    for package in SERVICE_PACKAGES:
        module = _optional_module(f"synergy.{package}.events")
        if module is not None and hasattr(module, "subscriptions"):
            found.extend(module.subscriptions(settings))
    return found


def build_worker(
    settings: Settings, *, worker_id: str, lease_seconds: float = 60.0
) -> OutboxWorker:
    engine = engine_for(settings)
    ensure_migrated(engine)
    importlib.import_module("synergy.core.events")
    return OutboxWorker(
        factory=make_session_factory(engine),
        subscriptions=all_subscriptions(settings),
        worker_id=worker_id,
        lease_seconds=lease_seconds,
    )
