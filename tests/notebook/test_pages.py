"""The officer's and supervisor's pages, through the real app."""

from __future__ import annotations

import logging

import pytest

from synergy.core import audit
from synergy.core.roles import Role
from synergy.notebook import service
from synergy.notebook.deps import context_for
from synergy.notebook.settings import NotebookSettings
from tests.conftest import TEST_PASSWORD, csrf_for, sign_in
from tests.notebook.conftest import a_photo, an_incident

SECRET_NOTE = "Suspect hid the keys under flowerpot 7 call 0121 626 5000"


@pytest.fixture
def officer(client, make_user):  # type: ignore[no-untyped-def]
    make_user("alex.morgan", Role.OFFICER)
    sign_in(client, "alex.morgan")
    return client


def _write(client, text: str = SECRET_NOTE, **extra: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/notebook/entries",
        data={"text": text, "csrf_token": csrf_for(client), **extra},
    )


def test_an_officer_writes_an_entry_and_sees_it_linked(officer, app, db) -> None:
    response = _write(officer, device_time="2026-12-03T09:15:00Z")
    assert (
        response.status_code == 303
        and response.headers["location"] == "/notebook/entries/1?saved=1"
    )
    page = officer.get("/notebook/entries/1?saved=1").text
    assert "Entry 1 saved" in page
    assert 'href="tel:+441216265000"' in page
    assert "Written 3 December 2026, 09:15" in page  # UK time, 24-hour clock (GMT in December)
    assert "Suspect hid the keys" in officer.get("/notebook").text


def test_a_sketch_needs_a_description_and_nothing_typed_is_lost(officer) -> None:
    response = _write(officer, text="Plan of the scene", sketch_strokes="[[[1,2],[30,40]]]")
    assert response.status_code == 422
    assert "Describe the sketch in words" in response.text
    assert "Plan of the scene" in response.text
    ok = _write(
        officer, text="Plan", sketch_strokes="[[[1,2],[30,40]]]", sketch_description="Road layout"
    )
    assert ok.status_code == 303
    page = officer.get("/notebook/entries/1").text
    assert "<svg" in page and "Sketch:</strong> Road layout" in page


def test_a_signature_shows_the_typed_name_and_role(officer) -> None:
    _write(
        officer,
        text="Statement read over",
        signature_role="witness",
        signature_name="Mary Jones",
        signature_strokes="[[[5,5],[50,40]]]",
    )
    page = officer.get("/notebook/entries/1").text
    assert "Signed by</strong> Mary Jones (witness)" in page


def test_a_phone_sized_photo_is_saved_with_its_description(officer, app, db) -> None:
    photo = a_photo(side=700)  # about 1.5 MB, more than a plain form may carry
    assert len(photo) > 1 << 20
    response = officer.post(
        "/notebook/entries",
        data={"text": "Damage to the door", "photo_description": "Front door, split frame",
              "csrf_token": csrf_for(officer)},
        files={"photo": ("door.png", photo, "image/png")},
    )  # fmt: skip
    assert response.status_code == 303, response.text[:300]
    page = officer.get("/notebook/entries/1").text
    assert 'alt="Front door, split frame"' in page
    db.rollback()
    notebook = service.get_notebook(db, officer="alex.morgan")
    view = service.entry_views(db, app.state.notebook.keyring, notebook)[0]
    assert view.content is not None and view.content.photos[0].picture() == photo


def test_a_photo_that_is_not_a_picture_or_has_no_photo_is_refused_and_the_note_kept(
    officer,
) -> None:  # type: ignore[no-untyped-def]
    fake = officer.post(
        "/notebook/entries",
        data={"text": "Scene", "photo_description": "A door", "csrf_token": csrf_for(officer)},
        files={"photo": ("door.jpg", b"MZ not a picture", "image/jpeg")},
    )
    assert fake.status_code == 422 and "must be a JPEG or PNG picture" in fake.text
    forgotten = _write(officer, text="Scene two", photo_description="A window")
    assert forgotten.status_code == 422
    assert "Choose the photo to go with its description" in forgotten.text
    assert "Scene two" in forgotten.text and "A window" in forgotten.text


def test_a_correction_through_the_page_strikes_the_original(officer) -> None:
    _write(officer, text="Red car")
    response = officer.post(
        "/notebook/entries/1/correction",
        data={"text": "Blue car", "reason": "wrong colour", "csrf_token": csrf_for(officer)},
    )
    assert response.headers["location"] == "/notebook/entries/2?saved=1"
    original = officer.get("/notebook/entries/1").text
    assert "<del>Red car</del>" in original and "corrected by entry 2" in original


def test_attaching_to_an_incident_publishes_the_event(officer, db, session_factory) -> None:
    from sqlalchemy import select

    from synergy.core.events import OutboxEvent

    with session_factory() as session:
        typed = an_incident(session)
        session.commit()
    log_number = service.normalise_incident_log(typed)
    _write(officer, text="Attended")
    response = officer.post(
        "/notebook/entries/1/incident",
        data={"incident_log": typed, "csrf_token": csrf_for(officer)},
    )
    assert response.status_code == 303
    event = db.execute(
        select(OutboxEvent).where(OutboxEvent.topic == "notebook.entry_attached")
    ).scalar_one()
    assert event.payload["incident_log"] == log_number
    assert event.payload["entry_reference"] == "NB-alex.morgan-1"
    assert event.payload["officer"] == "alex.morgan" and len(event.payload["entry_hash"]) == 64
    assert f"Attached to incident {log_number}" in officer.get("/notebook/entries/1").text
    bad = officer.post(
        "/notebook/entries/1/incident",
        data={"incident_log": "nonsense", "csrf_token": csrf_for(officer)},
    )
    assert bad.status_code == 422 and "incident log number" in bad.text


def test_people_named_are_sent_to_records_after_the_officer_confirms(officer, db) -> None:
    from synergy.records import service as records

    _write(officer, text="Spoke to Jan KOWALSKI born 27/03/1990 about AB12 CDE")
    page = officer.get("/notebook/entries/1/records").text
    assert 'value="Kowalski"' in page and 'value="1990"' in page and "AB12 CDE" in page
    assert records.search_persons(db, text="Kowalski") == []
    response = officer.post(
        "/notebook/entries/1/records",
        data={
            "family_name": "Kowalski",
            "given_names": "Jan",
            "dob-day": "27",
            "dob-month": "3",
            "dob-year": "1990",
            "nationalities": "PL",
            "person": "1",
            "csrf_token": csrf_for(officer),
        },
    )
    assert response.status_code == 303, response.text
    db.rollback()
    assert [p.family_name for p in records.search_persons(db, text="Kowalski")] == ["Kowalski"]


def test_an_extract_needs_the_password_again(officer, db) -> None:
    _write(officer, text="Collision")
    wrong = officer.post(
        "/notebook/extract",
        data={"entries": "1", "password": "nope", "csrf_token": csrf_for(officer)},
    )
    assert wrong.status_code == 422 and "correct password" in wrong.text
    right = officer.post(
        "/notebook/extract",
        data={"entries": "1", "password": TEST_PASSWORD, "csrf_token": csrf_for(officer)},
    )
    assert right.status_code == 200 and right.content.startswith(b"%PDF")
    assert right.headers["content-type"] == "application/pdf"


def test_a_supervisor_opens_a_notebook_with_a_reason_and_password_audited(
    client, make_user, db
) -> None:
    make_user("alex.morgan", Role.OFFICER)
    sign_in(client, "alex.morgan")
    _write(client, text="Private observation")
    client.cookies.clear()
    make_user("sergeant", Role.SUPERVISOR)
    sign_in(client, "sergeant")
    closed = client.get("/notebook/officers/alex.morgan").text
    assert "Private observation" not in closed and "Why are you opening" in closed
    no_reason = client.post(
        "/notebook/officers/alex.morgan",
        data={"reason": "", "password": TEST_PASSWORD, "csrf_token": csrf_for(client)},
    )
    assert no_reason.status_code == 422
    opened = client.post(
        "/notebook/officers/alex.morgan",
        data={
            "reason": "Complaint 77 review",
            "password": TEST_PASSWORD,
            "csrf_token": csrf_for(client),
        },
    )
    assert opened.status_code == 303
    assert "Private observation" in client.get("/notebook/officers/alex.morgan").text
    assert "Private observation" not in client.get("/notebook/officers/someone.else").text
    db.rollback()
    record = [r for r in audit.recent(db) if r.action == "notebook.opened_by_supervisor"][0]
    assert record.actor == "sergeant" and record.details == {"reason": "Complaint 77 review"}
    extract = client.post(
        "/notebook/officers/alex.morgan/extract",
        data={"entries": "1", "password": TEST_PASSWORD, "csrf_token": csrf_for(client)},
    )
    assert extract.status_code == 200 and extract.content.startswith(b"%PDF")
    db.rollback()
    made = [r for r in audit.recent(db) if r.action == "notebook.extract_made"][0]
    assert made.actor == "sergeant" and made.target_id == "alex.morgan"
    client.cookies.delete("synergy_notebook_read", path="/notebook/officers/")
    closed_again = client.post(
        "/notebook/officers/alex.morgan/extract",
        data={"entries": "1", "password": TEST_PASSWORD, "csrf_token": csrf_for(client)},
    )
    assert closed_again.status_code == 403


def test_an_officer_cannot_open_another_officers_notebook(officer) -> None:
    assert officer.get("/notebook/officers/sam.patel").status_code == 403


def test_map_links_follow_the_configured_template(officer, app, settings) -> None:
    app.state.notebook = context_for(
        settings.with_sections(
            NotebookSettings(map_url_template="https://maps.example.uk/?q={query}")
        )
    )
    _write(officer, text="Attended B3 2BS")
    assert 'href="https://maps.example.uk/?q=B3+2BS"' in officer.get("/notebook/entries/1").text


def test_no_notebook_content_reaches_the_logs(officer, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    _write(officer)
    officer.post(
        "/notebook/entries/1/correction",
        data={
            "text": SECRET_NOTE + " again",
            "reason": "flowerpot detail",
            "csrf_token": csrf_for(officer),
        },
    )
    _write(officer, text="flowerpot", sketch_strokes="not json")
    officer.get("/notebook/entries/1")
    officer.post(
        "/notebook/extract",
        data={"entries": "1", "password": TEST_PASSWORD, "csrf_token": csrf_for(officer)},
    )
    logged = "\n".join(r.getMessage() + str(r.__dict__) for r in caplog.records)
    assert caplog.records, "expected the requests to be logged"
    assert "flowerpot" not in logged and "626 5000" not in logged


def test_the_writing_page_may_ask_for_the_location_other_pages_may_not(officer) -> None:
    assert "geolocation=(self)" in officer.get("/notebook").headers["permissions-policy"]
    assert "geolocation=(self)" in officer.get("/notebook/offline").headers["permissions-policy"]
    assert "geolocation=()" in officer.get("/notebook/extract").headers["permissions-policy"]


def test_the_notebook_works_without_command_and_control(officer) -> None:
    import importlib.util

    if importlib.util.find_spec("synergy.cad") is not None:
        pytest.skip("command and control is installed here")
    page = officer.get("/notebook").text
    assert "Incidents assigned to you" not in page


def test_the_mg6c_schedule_lists_chosen_entries_with_edited_descriptions(officer) -> None:
    _write(officer, text="Stop search of vehicle AB12 CDE")
    _write(officer, text="Refreshment break")
    page = officer.get("/notebook/schedule").text
    assert 'name="description-1"' in page and "Stop search of vehicle" in page
    response = officer.post("/notebook/schedule", data={
        "entries": "1", "description-1": "Notes of the stop search", "description-2": "unused",
        "csrf_token": csrf_for(officer)})  # fmt: skip
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    lines = response.text.splitlines()
    assert len(lines) == 2 and lines[1].startswith("1,Notes of the stop search,NB-alex.morgan-1,")


def test_a_page_sent_from_a_clock_far_ahead_is_refused_and_the_note_kept(officer) -> None:
    response = _write(officer, text="Written now", device_time="2099-01-01T08:00:00Z")
    assert response.status_code == 422
    assert "device clock is ahead" in response.text and "Written now" in response.text
