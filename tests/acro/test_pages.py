"""Records officers' pages: requests with status, age and deadline, work queue, dead letters."""

import datetime as dt

from sqlalchemy import select

from synergy.acro.models import ACCEPTED, DEAD_LETTER, INCOMPLETE, AcroRequest
from synergy.core.roles import Role
from tests.conftest import csrf_for
from tests.forms import submit_form
from tests.records.factories import make_person, record_arrest


def _arrest(db, harness, session_factory, **person):
    arrest = record_arrest(db, make_person(db, **person))
    db.commit()
    harness.run_until_idle(session_factory)
    with session_factory() as session:
        return session.execute(
            select(AcroRequest).where(AcroRequest.arrest_id == arrest.id)
        ).scalar_one()


def test_requests_page_shows_status_age_deadline_and_overdue_flag(
    db, harness, session_factory, signed_in
):
    request = _arrest(db, harness, session_factory)
    with session_factory() as session:
        old = session.get(AcroRequest, request.id)
        old.reply_due = dt.date(2020, 1, 2)
        session.commit()
    page = signed_in(Role.SUPERVISOR).get("/acro")
    assert page.status_code == 200
    assert request.custody_number in page.text
    assert "Waiting for reply" in page.text and "2 Jan 2020" in page.text
    assert "Overdue" in page.text
    assert "Manual work saved by automatic requests: 10 minutes" in page.text


def test_work_queue_names_the_missing_fields_and_completing_sends(
    db, harness, session_factory, signed_in
):
    request = _arrest(db, harness, session_factory, place_of_birth=None)
    client = signed_in(Role.RECORDS_OFFICER)
    queue = client.get("/acro/work-queue")
    assert request.custody_number in queue.text and "Place of birth" in queue.text
    detail = client.get(f"/acro/requests/{request.id}")
    assert 'name="place_of_birth"' in detail.text and 'name="date_of_birth"' not in detail.text
    response = client.post(
        f"/acro/requests/{request.id}/complete",
        data={"place_of_birth": "Gdansk, Poland", "csrf_token": csrf_for(client)},
    )
    assert response.status_code == 303
    harness.run_until_idle(session_factory)
    with session_factory() as session:
        assert session.get(AcroRequest, request.id).status == ACCEPTED


def test_completing_with_a_bad_date_shows_the_error(db, harness, session_factory, signed_in):
    request = _arrest(db, harness, session_factory, date_of_birth=None)
    assert request.status == INCOMPLETE
    client = signed_in(Role.RECORDS_OFFICER)
    response = client.post(
        f"/acro/requests/{request.id}/complete",
        data={"date_of_birth": "27th March", "csrf_token": csrf_for(client)},
    )
    assert response.status_code == 422 and "There is a problem" in response.text


def test_work_queue_takes_uk_dates_and_never_shows_the_validation_library(
    db, harness, session_factory, signed_in
):
    request = _arrest(db, harness, session_factory, date_of_birth=None)
    client = signed_in(Role.RECORDS_OFFICER)
    page = client.get(f"/acro/requests/{request.id}")
    wrong = submit_form(
        client,
        page,
        action=f"/acro/requests/{request.id}/complete",
        data={"date_of_birth": "31/02/1990"},
    )
    assert wrong.status_code == 422
    assert "Enter the date of birth as a real date, like 27/03/1990" in wrong.text
    assert "pydantic" not in wrong.text and "errors.pydantic.dev" not in wrong.text
    done = submit_form(
        client,
        page,
        action=f"/acro/requests/{request.id}/complete",
        data={"date_of_birth": "27/03/1990"},
    )
    assert done.status_code == 303, done.text
    with session_factory() as session:
        saved = session.get(AcroRequest, request.id)
        assert saved.payload["date_of_birth"] == "1990-03-27"


def test_dead_letters_page_resends(db, harness, session_factory, signed_in):
    request = _arrest(db, harness, session_factory)
    with session_factory() as session:
        session.get(AcroRequest, request.id).status = DEAD_LETTER
        session.commit()
    client = signed_in(Role.RECORDS_OFFICER)
    page = client.get("/acro/dead-letters")
    assert request.custody_number in page.text and "Send again" in page.text
    assert "1 request failed to send and needs a records officer" in client.get("/acro").text
    response = submit_form(client, page, action=f"/acro/requests/{request.id}/resend")
    assert response.status_code == 303
    harness.run_until_idle(session_factory)
    with session_factory() as session:
        assert session.get(AcroRequest, request.id).status == ACCEPTED


def test_request_page_reads_in_plain_english(db, harness, session_factory, signed_in):
    request = _arrest(
        db, harness, session_factory, nationalities=["RO", "PL"], date_of_birth=dt.date(1990, 3, 27)
    )
    client = signed_in(Role.RECORDS_OFFICER)
    page = client.get(f"/acro/requests/{request.id}").text
    assert "Jan Kowal" in page and "Poland<br>Romania" in page
    assert "Passport EK1234567, issued by Poland" in page
    assert "27 March 1990" in page and "3 June 2024" in page
    assert "Criminal proceedings" in page
    for raw in ("family_name", '["RO"', "criminal_proceedings", "1990-03-27", "Missing"):
        assert raw not in page, raw
    assert "Send attempts" not in page and "Failed attempts" not in page
    assert "Sent</dt>" in page.replace("\n", "").replace(" ", "")
    listing = client.get("/acro").text
    assert "The only request" in listing and "1 requests" not in listing


def test_person_page_shows_their_overseas_checks(db, harness, session_factory, signed_in):
    request = _arrest(db, harness, session_factory)
    page = signed_in(Role.RECORDS_OFFICER).get(f"/records/persons/{request.person_id}")
    assert f"/acro/requests/{request.id}" in page.text


def test_supervisors_may_look_but_not_resend_and_officers_may_not_look(
    db, harness, session_factory, signed_in
):
    request = _arrest(db, harness, session_factory)
    supervisor = signed_in(Role.SUPERVISOR)
    assert supervisor.get(f"/acro/requests/{request.id}").status_code == 200
    response = supervisor.post(
        f"/acro/requests/{request.id}/resend", data={"csrf_token": csrf_for(supervisor)}
    )
    assert response.status_code == 403
    assert signed_in(Role.OFFICER).get("/acro").status_code == 403


def test_json_api_lists_requests_with_overdue_flag(db, harness, session_factory, signed_in):
    request = _arrest(db, harness, session_factory)
    listed = signed_in(Role.RECORDS_OFFICER).get("/api/acro/requests").json()
    assert [(r["id"], r["status"], r["overdue"]) for r in listed] == [(request.id, ACCEPTED, False)]


def test_json_api_completes_a_request_with_another_lawful_purpose(
    db, harness, session_factory, signed_in
):
    request = _arrest(db, harness, session_factory, date_of_birth=None)
    client = signed_in(Role.RECORDS_OFFICER)
    headers = {"X-CSRF-Token": csrf_for(client)}
    queue = client.get("/api/acro/requests?status=incomplete").json()
    assert [(r["id"], r["missing_fields"]) for r in queue] == [(request.id, ["date_of_birth"])]
    vague = client.post(
        f"/api/acro/requests/{request.id}/complete",
        headers=headers,
        json={"values": {"date_of_birth": "1990-03-27"}, "purpose": "other_lawful_purpose"},
    )
    assert vague.status_code == 422 and vague.json()["field"] == "purpose_detail"
    done = client.post(
        f"/api/acro/requests/{request.id}/complete",
        headers=headers,
        json={
            "values": {"date_of_birth": "1990-03-27"},
            "purpose": "other_lawful_purpose",
            "purpose_detail": "Safeguarding assessment",
        },
    )
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "queued" and done.json()["purpose"] == "other_lawful_purpose"
    harness.run_until_idle(session_factory)
    sent = client.get(f"/api/acro/requests/{request.id}").json()
    assert sent["status"] == ACCEPTED and sent["reply_due"]


def test_completing_lists_every_problem_the_exchange_would_refuse(
    db, harness, session_factory, signed_in
):
    request = _arrest(db, harness, session_factory, place_of_birth=None, date_of_birth=None)
    client = signed_in(Role.RECORDS_OFFICER)
    page = client.get(f"/acro/requests/{request.id}")
    response = submit_form(
        client,
        page,
        action=f"/acro/requests/{request.id}/complete",
        data={"place_of_birth": "x" * 201, "date_of_birth": "31/02/1990"},
    )
    assert response.status_code == 422
    assert 'href="#place_of_birth"' in response.text and 'href="#date_of_birth"' in response.text
