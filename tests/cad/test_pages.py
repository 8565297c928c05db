"""The command and control pages, as controllers, officers and contact agents use them."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.cad import resources
from synergy.cad.models import Incident
from synergy.core.audit import AuditRecord
from synergy.core.roles import Role
from tests.cad.factories import make_unit, open_incident
from tests.conftest import csrf_for

NEW_INCIDENT = {
    "opening_code": "PSW-CONCERN",
    "grade": "1",
    "address": "4 Canal Side, Birmingham",
    "postcode": "b1 1aa",
    "rural": "no",
    "caller_name": "Ali Khan",
    "caller_phone": "07700 900456",
    "remarks": "Man seen in the canal",
    "threat": "Risk to life",
}


def post(client: TestClient, url: str, data: dict[str, str]) -> Any:
    return client.post(url, data={**data, "csrf_token": csrf_for(client)})


def test_a_contact_agent_raises_an_incident_by_hand(
    client: TestClient, signed_in: Any, db: Session
) -> None:
    signed_in(Role.CONTACT_AGENT)
    response = post(client, "/cad/incidents/new", NEW_INCIDENT)
    assert response.status_code == 303
    incident = db.execute(select(Incident)).scalar_one()
    assert incident.source == "contact_agent" and incident.grade == 1
    assert incident.postcode == "B1 1AA" and incident.thrive["threat"] == "Risk to life"
    page = client.get(response.headers["location"])
    assert "Ali Khan" in page.text and "Man seen in the canal" in page.text


def test_an_officer_raises_an_incident_by_hand(
    client: TestClient, signed_in: Any, db: Session
) -> None:
    signed_in(Role.OFFICER)
    response = post(client, "/cad/incidents/new", {**NEW_INCIDENT, "grade": "2"})
    assert response.status_code == 303
    incident = db.execute(select(Incident)).scalar_one()
    assert incident.source == "officer" and incident.grade == 2


@pytest.mark.parametrize("number", ["²", "9" * 40])
def test_numbers_that_are_no_whole_numbers_are_form_errors_not_server_errors(
    client: TestClient, signed_in: Any, session_factory: Any, number: str
) -> None:
    with session_factory() as session:
        incident_id = open_incident(session).id
        make_unit(session)
        session.commit()
    signed_in(Role.CONTROLLER)
    forms = {
        "log": {"text": "Caller rang back", "corrects_seq": number},
        "change": {"grade": number, "reason": "Regraded"},
        "assign": {"unit_id": number},
        "unit-status": {"unit_id": number, "status": "at_scene"},
        "duplicate": {"other": number, "action": "link"},
    }
    answers = {
        name: post(client, f"/cad/incidents/{incident_id}/{name}", data).status_code
        for name, data in forms.items()
    }
    answers["new"] = post(
        client, "/cad/incidents/new", {**NEW_INCIDENT, "grade": number}
    ).status_code
    assert all(code < 500 for code in answers.values()), answers


def test_a_bad_postcode_shows_the_error_and_stores_nothing(
    client: TestClient, signed_in: Any, db: Session
) -> None:
    signed_in(Role.OFFICER)
    response = post(client, "/cad/incidents/new", {**NEW_INCIDENT, "postcode": "XX"})
    assert response.status_code == 422
    assert "Enter a real UK postcode" in response.text and 'href="#postcode"' in response.text
    assert db.execute(select(Incident)).first() is None


def test_reading_an_incident_records_who_saw_the_caller_details(
    client: TestClient, signed_in: Any, db: Session, session_factory: Any
) -> None:
    with session_factory() as session:
        incident_id = open_incident(session).id
        session.commit()
    signed_in(Role.OFFICER)
    assert client.get(f"/cad/incidents/{incident_id}").status_code == 200
    seen = db.execute(
        select(AuditRecord).where(AuditRecord.action == "cad.caller_details_viewed")
    ).scalar_one()
    assert seen.target_id == str(incident_id) and seen.actor.startswith("user")


def test_the_board_lists_open_incidents_by_grade_with_warnings_and_duplicates(
    client: TestClient, signed_in: Any, session_factory: Any
) -> None:
    with session_factory() as session:
        open_incident(session, grade=3, remarks="first")
        open_incident(session, grade=1, remarks="second, same caller and address")
        session.commit()
    signed_in(Role.CONTROLLER)
    page = client.get("/cad")
    assert page.status_code == 200
    assert page.text.index("Grade 1") < page.text.index("Grade 3")
    assert "1 other incident at this address" in page.text
    assert "Possible duplicate of LOG" in page.text
    assert "Keyboard shortcuts" in page.text


def test_board_filters_by_area_and_state(
    client: TestClient, signed_in: Any, session_factory: Any
) -> None:
    from synergy.cad.schemas import Caller, Location

    with session_factory() as session:
        a = open_incident(
            session, caller=Caller(), location=Location(address="1 Road", postcode="B5 4TR")
        )
        b = open_incident(
            session, caller=Caller(), location=Location(address="2 Lane", postcode="CV1 2AB")
        )
        unit = make_unit(session)
        resources.assign(session, incident_id=b.id, unit_id=unit.id, actor="c")
        session.commit()
        a_log, b_log = a.log_number, b.log_number
    signed_in(Role.CONTROLLER)
    by_area = client.get("/cad", params={"area": "CV1"}).text
    assert b_log in by_area and a_log not in by_area
    unassigned = client.get("/cad", params={"state": "unassigned"}).text
    assert a_log in unassigned and b_log not in unassigned


def test_controller_assigns_merges_and_closes_through_the_forms(
    client: TestClient, signed_in: Any, db: Session, session_factory: Any
) -> None:
    with session_factory() as session:
        keep, dup = open_incident(session), open_incident(session)
        unit = make_unit(session)
        session.commit()
        keep_id, dup_id, unit_id = keep.id, dup.id, unit.id
    signed_in(Role.CONTROLLER)
    assert (
        post(client, f"/cad/incidents/{keep_id}/assign", {"unit_id": str(unit_id)}).status_code
        == 303
    )
    assert (
        post(
            client, f"/cad/incidents/{keep_id}/duplicate", {"other": str(dup_id), "action": "merge"}
        ).status_code
        == 303
    )
    db.expire_all()
    merged = db.get(Incident, dup_id)
    assert merged is not None and merged.status == "closed" and merged.merged_into_id == keep_id
    bad = post(client, f"/cad/incidents/{keep_id}/close", {"closing_code": ""})
    assert bad.status_code == 422 and "Choose a classification" in bad.text
    done = post(client, f"/cad/incidents/{keep_id}/close", {"closing_code": "CRIME-THEFT"})
    assert done.status_code == 303


def test_officer_sees_their_incident_and_marks_arrival(
    client: TestClient, signed_in: Any, make_user: Any, session_factory: Any, db: Session
) -> None:
    signed_in(Role.OFFICER)
    username = client.get("/cad/my-incidents").text.split("Signed in as ")[1].split()[0].lower()
    with session_factory() as session:
        incident = open_incident(session, grade=1)
        unit = make_unit(session, officers=(username,))
        resources.assign(session, incident_id=incident.id, unit_id=unit.id, actor="c")
        session.commit()
        log_number, unit_id = incident.log_number, unit.id
    page = client.get("/cad/my-incidents")
    assert log_number in page.text
    response = post(client, f"/cad/my-units/{unit_id}/status", {"status": "at_scene"})
    assert response.status_code == 303
    db.expire_all()
    found = db.execute(select(Incident)).scalar_one()
    assert found.first_arrived_at is not None


def test_officers_get_their_own_start_page_not_the_board(
    client: TestClient, signed_in: Any
) -> None:
    signed_in(Role.OFFICER)
    page = client.get("/cad")
    assert page.status_code == 200
    assert "/cad/my-incidents" in page.text and "Incident board" not in page.text
    assert client.get("/api/cad/board").status_code in (403, 404)
