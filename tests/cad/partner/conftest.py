"""Partner exchange fixtures: exchange settings with one partner (the simulator), the app
using them, an in-process simulator, and a worker that delivers the exchange's events."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import select

from synergy.cad.partner.client import PartnerClient
from synergy.cad.partner.events import PartnerSubscriber
from synergy.cad.partner.settings import Partner, PartnerSettings
from synergy.cad.partner.signatures import signed_headers
from synergy.cad.partner.simulator import SimulatorConfig, create_simulator_app
from synergy.core.events import OutboxEvent, OutboxWorker

SECRET = "partner-secret-for-tests-0123456789abcdef"
PARTNER_URL = "http://partner.test/incident-exchange/messages"
RECEIVE_PATH = "/api/cad/partner/messages"


def make_exchange_settings(url: str = PARTNER_URL, **changes: Any) -> PartnerSettings:
    partner = Partner(code="SIMFS", name="Simulated Fire", url=url, secret=SecretStr(SECRET))
    values: dict[str, Any] = {
        "agency_code": "WMP",
        "partners": (partner,),
        "retry_base_seconds": 0.001,
        "retry_cap_seconds": 0.01,
        "max_attempts": 6,
        "timeout_seconds": 0.5,
    }
    values.update(changes)
    return PartnerSettings(**values)


@pytest.fixture
def exchange_settings() -> PartnerSettings:
    return make_exchange_settings()


@pytest.fixture
def settings(settings, exchange_settings):  # type: ignore[no-untyped-def]
    """The platform settings, with the exchange's section for these tests."""
    return settings.with_sections(exchange_settings)


@pytest.fixture
def exchange_client(client) -> TestClient:  # type: ignore[no-untyped-def]
    return client


def post_message(client: TestClient, body: bytes, *, agency: str = "SIMFS", secret: str = SECRET):  # type: ignore[no-untyped-def]
    return client.post(
        RECEIVE_PATH, content=body, headers=signed_headers(secret.encode(), agency, body)
    )


@dataclass
class Harness:
    simulator: TestClient
    worker: OutboxWorker

    def run_until_idle(self, session_factory, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
        """Deliver events, waiting out retry back-offs, until nothing is pending."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.worker.drain()
            with session_factory() as session:
                pending = session.execute(
                    select(OutboxEvent.id).where(
                        OutboxEvent.status == "pending",
                        OutboxEvent.topic.like("cad%"),
                    )
                ).first()
            if pending is None:
                return
            time.sleep(0.01)
        raise AssertionError("events still pending")

    def stats(self) -> dict[str, Any]:
        return dict(self.simulator.get("/sim/stats").json())


@pytest.fixture
def harness_factory(session_factory, exchange_settings) -> Iterator:  # type: ignore[no-untyped-def]
    """`harness_factory(settings, network=False, **simulator_config)`: the simulator
    in-process and a worker whose exchange client talks to it; each is closed afterwards."""
    made: list[Harness] = []

    def _make(
        settings: PartnerSettings | None = None, *, network: bool = False, **config: Any
    ) -> Harness:
        """`network=True`: the worker sends over the network to the partners' real URLs."""
        config.setdefault("secret", SECRET)
        app = create_simulator_app(SimulatorConfig(**config))
        simulator = TestClient(app, base_url="http://partner.test")
        simulator.__enter__()
        exchange = settings or exchange_settings
        client = PartnerClient(simulator, agency_code=exchange.agency_code)
        if network:
            client = PartnerClient.over_network(
                agency_code=exchange.agency_code, timeout_seconds=exchange.timeout_seconds
            )
        subscriber = PartnerSubscriber(exchange, client=client)
        worker = OutboxWorker(
            factory=session_factory, subscriptions=subscriber.subscriptions(), worker_id="test"
        )
        made.append(Harness(simulator, worker))
        return made[-1]

    yield _make
    for each in made:
        each.simulator.__exit__(None, None, None)
