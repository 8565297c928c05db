"""ACRO test fixtures: the simulator in-process, a gateway that talks to it, and a worker."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import select

from synergy.acro.events import AcroSubscriber
from synergy.acro.gateway import AcroGateway
from synergy.acro.settings import AcroSettings
from synergy.acro.simulator import SimulatorConfig, create_simulator_app
from synergy.core.events import OutboxEvent, OutboxWorker

CALLBACK_SECRET = "callback-secret-for-tests-0123456789"


@pytest.fixture
def acro_settings(settings):
    section = settings.section(AcroSettings).model_copy(
        update={
            "retry_base_seconds": 0.001,
            "retry_cap_seconds": 0.01,
            "max_attempts": 4,
            "callback_secret": SecretStr(CALLBACK_SECRET),
        }
    )
    return settings.with_sections(section)


@dataclass
class Harness:
    simulator: TestClient
    gateway: AcroGateway
    worker: OutboxWorker

    def run_until_idle(self, session_factory, timeout: float = 20.0) -> None:
        """Deliver events, waiting out retry back-offs, until nothing is pending."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.worker.drain()
            with session_factory() as session:
                pending = session.execute(
                    select(OutboxEvent.id).where(OutboxEvent.status == "pending")
                ).first()
            if pending is None:
                return
            time.sleep(0.01)
        raise AssertionError("events still pending")

    def stats(self) -> dict:
        return self.simulator.get("/v1/stats").json()


def make_harness(settings, session_factory, **config) -> Harness:
    app = create_simulator_app(SimulatorConfig(**config))
    simulator = TestClient(app, base_url="http://acro.test", raise_server_exceptions=False)
    simulator.__enter__()  # keeps the event loop (and the reply tasks) alive between calls
    requesting_force = settings.section(AcroSettings).requesting_force
    gateway = AcroGateway(simulator, requesting_force=requesting_force)
    subscriber = AcroSubscriber(settings, gateway=gateway)
    worker = OutboxWorker(
        factory=session_factory, subscriptions=subscriber.subscriptions(), worker_id="test"
    )
    return Harness(simulator, gateway, worker)


@pytest.fixture
def harness_factory(session_factory) -> Iterator:
    """`harness_factory(settings, **simulator_config)`; each is closed after the test."""
    made: list[Harness] = []

    def _make(settings, **config) -> Harness:
        made.append(make_harness(settings, session_factory, **config))
        return made[-1]

    yield _make
    for each in made:
        each.simulator.__exit__(None, None, None)


@pytest.fixture
def harness(acro_settings, harness_factory) -> Harness:
    return harness_factory(acro_settings)
