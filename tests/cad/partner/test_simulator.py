"""The partner simulator sending its own incidents to our receiving endpoint, with duplicates
and updates out of order, and receiving ours with refusals and lost answers."""

import time

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from synergy.cad import service as cad
from synergy.cad.partner import messages as m
from synergy.cad.partner.models import PartnerIncident, ReceivedMessage
from synergy.cad.partner.signatures import signed_headers
from synergy.cad.partner.simulator import SimulatorConfig, create_simulator_app
from tests.cad.partner.conftest import RECEIVE_PATH, SECRET
from tests.cad.partner.factories import message_bytes, partner_log_lines


@pytest.fixture
def simulator_to_us(app):
    """A simulator whose sent incidents go straight into our app."""

    def _make(**config) -> TestClient:
        config = {
            "secret": SECRET,
            "target_url": f"http://synergy.test{RECEIVE_PATH}",
            "transport": httpx.ASGITransport(app=app),
            "retry_delay": 0.01,
            **config,
        }
        client = TestClient(create_simulator_app(SimulatorConfig(**config)))
        client.__enter__()
        made.append(client)
        return client

    made: list[TestClient] = []
    yield _make
    for client in made:
        client.__exit__(None, None, None)


def _wait_until_sent(simulator: TestClient, count: int, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        stats = simulator.get("/sim/stats").json()
        if stats["sent_incidents"] == count and stats["sending"] == 0:
            return stats
        time.sleep(0.05)
    raise AssertionError(f"simulator still sending: {stats}")


def test_duplicates_and_out_of_order_updates_still_make_one_incident_each(simulator_to_us, db):
    simulator = simulator_to_us(fault_rate=0.6, seed=5, updates=2)

    assert simulator.post("/sim/send", json={"count": 12}).status_code == 202
    stats = _wait_until_sent(simulator, 12)

    assert stats["faults"].get("duplicate", 0) > 0 and stats["faults"].get("out_of_order", 0) > 0
    assert set(stats["receipts"]) <= {"accepted:applied", "accepted:superseded"}
    links = db.execute(select(PartnerIncident)).scalars().all()
    assert sorted(link.reference for link in links) == sorted(stats["sent_references"])
    assert {(link.applied_version, link.closed) for link in links} == {(4, True)}
    for reference in stats["sent_references"]:
        incident = cad.find_by_external_reference(
            db, originating_agency="SIMFS", external_reference=reference
        )
        assert incident is not None and incident.status == "closed"
        remarks = partner_log_lines(db, incident.id)
        assert len(remarks) == 4, "each remark once, whatever order they came in"
    received = db.execute(select(func.count()).select_from(ReceivedMessage)).scalar()
    assert received == 12 * 4, "one row per distinct message; repeats only answered"


def test_it_answers_our_repeated_message_with_the_first_receipt_and_keeps_one_incident():
    simulator = TestClient(create_simulator_app(SimulatorConfig(secret=SECRET)))
    body = message_bytes("create", sender="WMP", recipient="SIMFS", originating_agency="WMP")
    headers = signed_headers(SECRET.encode(), "WMP", body)

    first = simulator.post("/incident-exchange/messages", content=body, headers=headers)
    again = simulator.post("/incident-exchange/messages", content=body, headers=headers)

    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert m.parse_acknowledgement(first.content).accepted
    stats = simulator.get("/sim/stats").json()
    assert (stats["received_incidents"], stats["repeats"]) == (1, 1)


def test_it_refuses_messages_not_signed_with_the_shared_secret():
    simulator = TestClient(create_simulator_app(SimulatorConfig(secret=SECRET)))
    body = message_bytes("create", sender="WMP", recipient="SIMFS", originating_agency="WMP")
    headers = signed_headers(b"not-the-shared-secret-0123456789abcdef", "WMP", body)

    response = simulator.post("/incident-exchange/messages", content=body, headers=headers)

    assert response.status_code == 401
    assert simulator.get("/sim/stats").json()["received_incidents"] == 0
