"""Replies from ACRO: signed callbacks, stored against the request, repeats ignored."""

import json
import time

import httpx
from sqlalchemy import select

from synergy.acro.models import CONVICTIONS, REPLIED, AcroRequest, AcroResponse
from synergy.acro.signatures import signed_headers
from tests.acro.conftest import CALLBACK_SECRET
from tests.records.factories import make_person, record_arrest


def _accepted_request(db, harness, session_factory):
    record_arrest(db, make_person(db))
    db.commit()
    harness.run_until_idle(session_factory)
    with session_factory() as session:
        return session.execute(select(AcroRequest)).scalar_one()


def _reply(request, response_id="r-1"):
    return {
        "response_id": response_id,
        "idempotency_key": request.idempotency_key,
        "acro_reference": request.acro_reference,
        "outcome": "convictions",
        "convictions": [
            {"country": "PL", "date": "2019-05-14", "offence": "Theft", "sentence": "8 months"}
        ],
    }


def _post(client, body, secret=CALLBACK_SECRET, now=None):
    raw = json.dumps(body).encode()
    headers = {"content-type": "application/json", **signed_headers(secret.encode(), raw, now)}
    return client.post("/api/acro/responses", content=raw, headers=headers)


def _app_with(app, acro_settings):
    app.state.settings = acro_settings
    return app


def test_signed_reply_is_stored_and_a_duplicate_is_ignored(
    db, app, client, harness, acro_settings, session_factory
):
    _app_with(app, acro_settings)
    request = _accepted_request(db, harness, session_factory)
    first = _post(client, _reply(request))
    assert first.status_code == 200, first.text
    assert first.json() == {"stored": True}
    assert _post(client, _reply(request)).json() == {"stored": False}
    with session_factory() as session:
        stored = session.execute(select(AcroResponse)).scalars().all()
        request = session.get(AcroRequest, request.id)
    assert len(stored) == 1 and stored[0].convictions[0]["offence"] == "Theft"
    assert request.status == REPLIED and request.outcome == CONVICTIONS


def test_unsigned_wrongly_signed_or_replayed_callbacks_are_refused(
    db, app, client, harness, acro_settings, session_factory
):
    _app_with(app, acro_settings)
    request = _accepted_request(db, harness, session_factory)
    assert client.post("/api/acro/responses", json=_reply(request)).status_code == 401
    assert _post(client, _reply(request), secret="x" * 40).status_code == 401
    assert _post(client, _reply(request), now=time.time() - 3600).status_code == 401
    with session_factory() as session:
        assert session.execute(select(AcroResponse)).first() is None


def test_callbacks_are_refused_when_no_secret_is_configured(db, client, harness, session_factory):
    request = _accepted_request(db, harness, session_factory)
    assert _post(client, _reply(request)).status_code == 401


def test_reply_for_an_unknown_request_is_not_found(app, client, acro_settings):
    _app_with(app, acro_settings)
    body = {"response_id": "x", "idempotency_key": "nobody", "outcome": "no_trace"}
    assert _post(client, body).status_code == 404


def test_simulator_replies_reach_the_request_and_duplicate_and_late_ones_are_handled(
    db, app, acro_settings, harness_factory, session_factory
):
    _app_with(app, acro_settings)
    harness = harness_factory(
        acro_settings,
        fault_rate=0.0,
        reply_fault_rate=1.0,
        seed=3,
        reply_delay=0.05,
        late_delay=0.5,
        callback_url="http://synergy.test/api/acro/responses",
        callback_secret=CALLBACK_SECRET,
        callback_transport=httpx.ASGITransport(app=app),
    )
    person = make_person(db)
    for _ in range(6):
        record_arrest(db, person)
    db.commit()
    harness.run_until_idle(session_factory)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        with session_factory() as session:
            statuses = set(session.execute(select(AcroRequest.status)).scalars())
        if statuses == {REPLIED}:
            break
        time.sleep(0.05)
    with session_factory() as session:
        responses = session.execute(select(AcroResponse)).scalars().all()
    faults = harness.stats()["faults"]
    assert statuses == {REPLIED}
    assert faults.get("duplicate") and faults.get("late")
    assert len(responses) == 6
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and harness.stats()["replies_sent"] < 6 + faults["duplicate"]:
        time.sleep(0.05)
    assert harness.stats()["replies_sent"] == 6 + faults["duplicate"]
    with session_factory() as session:
        assert len(session.execute(select(AcroResponse)).scalars().all()) == 6


def test_a_signature_header_in_any_characters_is_refused_not_crashed_on(client) -> None:  # type: ignore[no-untyped-def]
    import time

    from synergy.acro.signatures import is_valid

    now = str(int(time.time()))
    assert not is_valid(b"secret", now, "é" * 64, b"{}")
    assert not is_valid(b"secret", "\u00b2", "a" * 64, b"{}")
    response = client.post(
        "/api/acro/responses",
        content=b"{}",
        headers={"X-Acro-Signature": ("é" * 64).encode(), "X-Acro-Timestamp": now},
    )
    assert response.status_code == 401
