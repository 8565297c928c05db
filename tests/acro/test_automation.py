"""One request per qualifying arrest, the completeness check, retries and dead letters."""

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from synergy.acro import exchange, service
from synergy.acro.models import ACCEPTED, DEAD_LETTER, INCOMPLETE, QUEUED, AcroRequest
from synergy.acro.settings import AcroSettings
from synergy.core.audit import AuditRecord
from synergy.core.errors import Conflict
from synergy.core.events import OutboxEvent
from tests.records.factories import make_person, record_arrest


def _requests(session_factory):
    with session_factory() as session:
        return list(session.execute(select(AcroRequest).order_by(AcroRequest.id)).scalars())


def test_each_arrest_of_a_foreign_national_gets_one_request_sent(db, harness, session_factory):
    person = make_person(db, nationalities=["PL", "GB"])
    first, second = record_arrest(db, person), record_arrest(db, person)
    db.commit()
    harness.run_until_idle(session_factory)
    requests = _requests(session_factory)
    assert [r.arrest_id for r in requests] == [first.id, second.id]
    assert {r.status for r in requests} == {ACCEPTED}
    assert len({r.idempotency_key for r in requests}) == 2
    assert harness.stats()["accepted"] == 2
    assert all(r.acro_reference and r.reply_due for r in requests)
    assert all(r.minutes_saved == 10 for r in requests)
    with session_factory() as session:
        savings = session.execute(
            select(OutboxEvent).where(OutboxEvent.topic == "acro.request_accepted")
        ).scalars()
        assert sorted((e.payload["arrest_id"], e.payload["minutes_saved"]) for e in savings) == [
            (first.id, 10),
            (second.id, 10),
        ]
        assert service.minutes_saved(session) == 20


def test_uk_only_nationals_get_no_request(db, harness, session_factory):
    record_arrest(db, make_person(db, nationalities=["GB"]))
    db.commit()
    harness.run_until_idle(session_factory)
    assert _requests(session_factory) == []
    assert harness.stats()["posts"] == 0


def test_delivering_the_arrest_event_twice_creates_one_request(db, acro_settings, session_factory):
    person = make_person(db)
    record_arrest(db, person)
    db.commit()
    payload = db.execute(select(OutboxEvent)).scalar_one().payload
    with session_factory() as session:
        first = service.create_for_arrest(session, acro_settings, payload)
        again = service.create_for_arrest(session, acro_settings, payload)
        session.commit()
        assert first is again
    assert len(_requests(session_factory)) == 1


def test_the_database_refuses_a_second_request_for_the_same_arrest(db, acro_settings):
    from sqlalchemy.exc import IntegrityError

    person = make_person(db)
    record_arrest(db, person)
    payload = db.execute(select(OutboxEvent)).scalar_one().payload
    request = service.create_for_arrest(db, acro_settings, payload)
    db.add(
        AcroRequest(
            arrest_id=request.arrest_id,
            person_id=1,
            custody_number="x",
            idempotency_key="other",
            status=QUEUED,
            purpose="x",
            payload={},
            arrested_at=request.arrested_at,
        )
    )
    with pytest.raises(IntegrityError):
        db.flush()


def test_incomplete_request_waits_in_the_queue_naming_missing_fields_then_is_sent(
    db, harness, session_factory
):
    person = make_person(db, date_of_birth=None, place_of_birth=None)
    record_arrest(db, person)
    db.commit()
    harness.run_until_idle(session_factory)
    (request,) = _requests(session_factory)
    assert request.status == INCOMPLETE
    assert request.missing_fields == ["date_of_birth", "place_of_birth"]
    assert harness.stats()["posts"] == 0
    with session_factory() as session:
        service.complete_request(
            session, request_id=request.id, values={"date_of_birth": "1990-03-27"}, actor="records1"
        )
        session.commit()
    assert _requests(session_factory)[0].missing_fields == ["place_of_birth"]
    with session_factory() as session:
        service.complete_request(
            session,
            request_id=request.id,
            values={"place_of_birth": "Gdansk, Poland"},
            actor="records1",
        )
        session.commit()
    harness.run_until_idle(session_factory)
    (request,) = _requests(session_factory)
    assert request.status == ACCEPTED and request.completed_by == "records1"
    with session_factory() as session, pytest.raises(Conflict):
        service.complete_request(session, request_id=request.id, values={}, actor="records1")


def test_unavailable_gateway_is_retried_then_dead_lettered_and_officers_alerted(
    db, acro_settings, session_factory, harness_factory
):
    harness = harness_factory(acro_settings, fault_rate=1.0, seed=1)
    record_arrest(db, make_person(db))
    db.commit()
    # Only refusals and errors before accepting, so that nothing gets through.
    import synergy.acro.simulator as simulator

    original = simulator.REQUEST_FAULTS
    simulator.REQUEST_FAULTS = ("refusal", "error_before")
    try:
        harness.run_until_idle(session_factory)
    finally:
        simulator.REQUEST_FAULTS = original
    (request,) = _requests(session_factory)
    assert request.status == DEAD_LETTER
    assert request.attempts == acro_settings.section(AcroSettings).max_attempts
    with session_factory() as session:
        alerts = (
            session.execute(
                select(OutboxEvent).where(OutboxEvent.topic == "acro.request_dead_lettered")
            )
            .scalars()
            .all()
        )
        assert [a.payload["request_id"] for a in alerts] == [request.id]
        actions = session.execute(select(AuditRecord.action)).scalars().all()
        assert actions.count("acro.disclosure") == acro_settings.section(AcroSettings).max_attempts
        assert "acro.request_dead_lettered" in actions


def test_manual_resend_of_a_dead_letter_sends_with_the_same_key(db, harness, session_factory):
    record_arrest(db, make_person(db))
    db.commit()
    with session_factory() as session:
        request = session.execute(select(AcroRequest)).scalar_one_or_none()
    assert request is None  # not created until the worker runs
    harness.worker.drain()
    with session_factory() as session:
        request = session.execute(select(AcroRequest)).scalar_one()
        request.status = DEAD_LETTER  # as if every attempt had failed
        session.commit()
    with session_factory() as session:
        service.resend(session, request_id=request.id, actor="records1")
        session.commit()
    harness.run_until_idle(session_factory)
    (request,) = _requests(session_factory)
    assert request.status == ACCEPTED
    assert harness.stats()["keys"] == [request.idempotency_key]
    with session_factory() as session, pytest.raises(Conflict):
        service.resend(session, request_id=request.id, actor="records1")


def test_a_refused_message_is_dead_lettered_at_once(db, harness, session_factory, monkeypatch):
    import synergy.acro.gateway as gateway

    monkeypatch.setattr(gateway, "REQUESTS_PATH", "/v1/no-such-endpoint")
    record_arrest(db, make_person(db))
    db.commit()
    harness.run_until_idle(session_factory)
    (request,) = _requests(session_factory)
    assert request.status == DEAD_LETTER and request.attempts == 1
    assert "404" in (request.last_error or "")


def test_a_message_that_fails_our_own_check_is_dead_lettered_not_retried_forever(
    db, harness, acro_settings, session_factory
):
    record_arrest(db, make_person(db))
    db.commit()
    with session_factory() as session:
        payload = session.execute(select(OutboxEvent)).scalar_one().payload
        request = service.create_for_arrest(session, acro_settings, payload)
        request.payload = {**request.payload, "date_of_birth": "not a date"}
        session.commit()
    harness.run_until_idle(session_factory)
    (request,) = _requests(session_factory)
    assert request.status == DEAD_LETTER
    assert harness.stats()["posts"] == 0


def test_gateway_faults_after_accepting_never_make_duplicates(
    db, acro_settings, session_factory, harness_factory
):
    harness = harness_factory(
        acro_settings.with_sections(
            acro_settings.section(AcroSettings).model_copy(update={"max_attempts": 30})
        ),
        fault_rate=0.5,
        seed=7,
        hang_seconds=0,
    )
    people = [make_person(db, family_name=f"Nowak{i}") for i in range(5)]
    for person in people * 4:
        record_arrest(db, person)
    db.commit()
    harness.run_until_idle(session_factory, timeout=60)
    requests = _requests(session_factory)
    assert len(requests) == 20 and {r.status for r in requests} == {ACCEPTED}
    stats = harness.stats()
    assert stats["accepted"] == 20 and sorted(stats["keys"]) == sorted(
        r.idempotency_key for r in requests
    )
    assert stats["faults"]  # faults were injected


def test_completion_values_of_the_wrong_type_are_refused_and_nothing_is_stored(
    db, harness, session_factory
):
    from synergy.core.errors import InvalidRequest

    person = make_person(db, date_of_birth=None, place_of_birth=None)
    record_arrest(db, person)
    db.commit()
    harness.run_until_idle(session_factory)
    (request,) = _requests(session_factory)
    before = dict(request.payload)
    for values in (
        {"date_of_birth": 19900327},
        {"date_of_birth": "27th of March"},
        {"nationalities": "RO"},
        {"place_of_birth": {"city": "Gdansk"}},
        {"offences": [1, 2]},
    ):
        with session_factory() as session, pytest.raises(InvalidRequest) as refused:
            service.complete_request(
                session, request_id=request.id, values=values, actor="records1"
            )
        message = refused.value.message  # in our words, never the validation library's
        assert message and "pydantic" not in message and "type=" not in message, message
    assert _requests(session_factory)[0].payload == before
    with session_factory() as session:
        service.complete_request(
            session,
            request_id=request.id,
            values={"date_of_birth": "1990-03-27", "place_of_birth": "Gdansk, Poland"},
            actor="records1",
        )
        session.commit()
    harness.run_until_idle(session_factory)
    assert _requests(session_factory)[0].status == ACCEPTED


def test_another_deployment_or_a_restored_database_does_not_reuse_a_key(
    db, acro_settings, harness, session_factory
):
    """Arrest 1 of a second deployment (or of this one after a restore) is a different person:
    ACRO must accept it, not drop it as a repeat."""
    person = make_person(db)
    arrest = record_arrest(db, person)
    db.commit()
    payload = db.execute(select(OutboxEvent)).scalar_one().payload
    harness.run_until_idle(session_factory)
    (sent,) = _requests(session_factory)
    training_copy = acro_settings.model_copy(update={"secret_key": SecretStr("b" * 48)})
    keys = {
        sent.idempotency_key,
        service.idempotency_key(training_copy, arrest.id),  # another deployment
        service.idempotency_key(acro_settings, arrest.id),  # this one, restored from a backup
    }
    assert len(keys) == 3 and all(f"-arrest-{arrest.id}-" in key for key in keys)
    message = exchange.exchange_message(
        exchange.from_arrest_event(payload, purpose="criminal_proceedings", requesting_force="W")
    )
    for key in keys - {sent.idempotency_key}:
        harness.gateway.submit(message, idempotency_key=key)
    assert harness.stats()["accepted"] == 3 and harness.stats()["repeats"] == 0
