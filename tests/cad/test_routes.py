"""The JSON API: the same rules and records as the pages."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from synergy.core.audit import AuditRecord
from synergy.core.roles import Role
from tests.cad.factories import make_unit
from tests.conftest import csrf_for

INCIDENT = {
    "caller": {"name": "Jo Bloggs", "phone": "07700900999"},
    "location": {"address": "Bull Ring, Birmingham", "postcode": "B5 4BU"},
    "opening_code": "CRIME-ROBBERY",
    "grade": 1,
    "remarks": "Phone snatched, suspect on a bike",
}


def headers(client: TestClient) -> dict[str, str]:
    return {"X-CSRF-Token": csrf_for(client)}


def test_controller_raises_assigns_and_closes_through_the_api(
    client: TestClient, signed_in: Any, session_factory: Any, db: Session
) -> None:
    with session_factory() as session:
        unit_id = make_unit(session).id
        session.commit()
    signed_in(Role.CONTROLLER)
    created = client.post("/api/cad/incidents", json=INCIDENT, headers=headers(client))
    assert created.status_code == 201, created.text
    incident = created.json()
    assert incident["log_number"].startswith("LOG ") and "caller" not in incident
    number = incident["incident_id"]
    assigned = client.post(
        f"/api/cad/incidents/{number}/assignments",
        json={"unit_id": unit_id},
        headers=headers(client),
    )
    assert assigned.status_code == 201 and assigned.json()["status"] == "assigned"
    board = client.get("/api/cad/incidents").json()
    assert board[0]["units"] == ["BW21"] and board[0]["grade"] == 1
    closed = client.post(
        f"/api/cad/incidents/{number}/close",
        json={"closing_code": "CRIME-ROBBERY"},
        headers=headers(client),
    )
    assert closed.json()["status"] == "closed"
    detail = client.get(f"/api/cad/incidents/{number}").json()
    assert detail["caller"]["name"] == "Jo Bloggs"
    assert [e["kind"] for e in detail["log"]] == ["opened", "assigned", "cleared", "closed"]
    reads = db.execute(
        select(func.count()).where(AuditRecord.action == "cad.caller_details_viewed")
    ).scalar()
    assert reads == 1
    assert client.get(f"/api/cad/incidents/{number}/log/check").json()["ok"] is True


def test_bad_input_is_a_clear_422(client: TestClient, signed_in: Any) -> None:
    signed_in(Role.OFFICER)
    response = client.post(
        "/api/cad/incidents", json={**INCIDENT, "grade": 9}, headers=headers(client)
    )
    assert response.status_code == 422
    response = client.post(
        "/api/cad/incidents",
        json={**INCIDENT, "location": {"address": "x", "postcode": "NOPE"}},
        headers=headers(client),
    )
    assert response.status_code == 422 and "postcode" in response.text


def test_officers_cannot_close_or_read_the_board(client: TestClient, signed_in: Any) -> None:
    signed_in(Role.OFFICER)
    assert client.get("/api/cad/incidents").status_code == 403
    response = client.post(
        "/api/cad/incidents/1/close", json={"closing_code": "CRIME-THEFT"}, headers=headers(client)
    )
    assert response.status_code == 403
