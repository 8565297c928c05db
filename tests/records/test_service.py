import datetime as dt

import pytest
from sqlalchemy import select

from synergy.core.audit import AuditRecord
from synergy.core.errors import Conflict, InvalidRequest, NotFound
from synergy.core.events import OutboxEvent
from synergy.records import service
from synergy.records.models import Arrest
from tests.records.factories import arrest_in, make_person, record_arrest


def test_recording_an_arrest_publishes_the_event_in_the_same_transaction(db):
    person = make_person(db)
    arrest = record_arrest(db, person)
    event = db.execute(select(OutboxEvent)).scalar_one()
    assert event.topic == "records.arrest_recorded"
    assert event.payload["arrest_id"] == arrest.id
    assert event.payload["person"]["nationalities"] == ["PL"]
    db.rollback()
    assert db.execute(select(OutboxEvent)).first() is None


def test_arrest_event_payload_carries_the_documented_contract(db):
    person = make_person(db)
    arrest = record_arrest(db, person, custody_number="20 C 77 24")
    payload = db.execute(select(OutboxEvent)).scalar_one().payload
    assert payload == service.arrest_event_payload(person, arrest)
    assert set(payload) == {
        "version",
        "arrest_id",
        "custody_number",
        "arrested_at",
        "offences",
        "arresting_officer",
        "station",
        "recorded_by",
        "incident_log_number",
        "person",
    }
    assert payload["custody_number"] == "20/C/000077/24"
    assert payload["incident_log_number"] is None
    assert set(payload["person"]) == {
        "person_id",
        "family_name",
        "given_names",
        "aliases",
        "date_of_birth",
        "place_of_birth",
        "gender",
        "nationalities",
        "identity_documents",
    }


def test_custody_numbers_are_unique_in_any_spelling(db):
    person = make_person(db)
    record_arrest(db, person, custody_number="20/C/000123/24")
    with pytest.raises(Conflict):
        record_arrest(db, person, custody_number="20 C 123 24")


def test_bad_custody_number_is_refused_with_the_field_named(db):
    person = make_person(db)
    with pytest.raises(InvalidRequest) as caught:
        record_arrest(db, person, custody_number="not a number")
    assert caught.value.field == "custody_number"


def test_the_incident_log_number_is_kept_in_its_one_canonical_form(db):
    person = make_person(db)
    arrest = record_arrest(db, person, incident_log_number="log 12-03122026")
    payload = db.execute(select(OutboxEvent)).scalar_one().payload
    assert payload["incident_log_number"] == "LOG 0012-03122026"
    db.expire_all()
    assert db.get(Arrest, arrest.id).incident_log_number == "LOG 0012-03122026"  # kept


def test_a_bad_incident_log_number_is_refused_with_the_field_named(db):
    person = make_person(db)
    with pytest.raises(InvalidRequest) as caught:
        record_arrest(db, person, incident_log_number="20/C/000123/24")
    assert caught.value.field == "incident_log_number"
    assert "log" in caught.value.message.lower()


def test_future_arrest_time_is_refused(db):
    person = make_person(db)
    future = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    with pytest.raises(InvalidRequest):
        service.record_arrest(
            db, person_id=person.id, data=arrest_in(arrested_at=future), actor="records1"
        )


def test_arrest_for_unknown_person_is_not_found(db):
    with pytest.raises(NotFound):
        service.record_arrest(db, person_id=999, data=arrest_in(), actor="records1")


def test_search_finds_people_by_part_of_either_name(db):
    make_person(db, family_name="Nowak", given_names="Anna")
    make_person(db, family_name="Smith", given_names="John", nationalities=["GB"])
    assert [p.family_name for p in service.search_persons(db, text="nowa")] == ["Nowak"]
    assert [p.family_name for p in service.search_persons(db, text="JOHN")] == ["Smith"]
    assert len(service.search_persons(db)) == 2


def test_creating_people_and_arrests_is_audited(db):
    person = make_person(db)
    record_arrest(db, person)
    actions = [r.action for r in db.execute(select(AuditRecord)).scalars()]
    assert actions == ["records.person_created", "records.arrest_recorded"]
