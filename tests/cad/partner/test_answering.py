"""Changes we make to an incident a partner sent us go back to that partner: updates and the
closure, as messages about their reference, through the outbox, valid against the schema."""

import time

import httpx
from sqlalchemy import select

from synergy.cad import service as cad
from synergy.cad.partner import messages as m
from synergy.cad.partner.models import OutgoingMessage
from tests.cad.partner.conftest import RECEIVE_PATH


def _partner_sends_one(harness_factory, app, **config):
    """A simulator that sends one incident of its own into our app and takes our messages;
    returns it and the reference of its incident, once the incident is here."""
    harness = harness_factory(
        target_url=f"http://synergy.test{RECEIVE_PATH}",
        transport=httpx.ASGITransport(app=app),
        retry_delay=0.01,
        **config,
    )
    assert harness.simulator.post("/sim/send", json={"count": 1}).status_code == 202
    deadline = time.monotonic() + 60
    while (stats := harness.stats())["sent_incidents"] < 1 or stats["sending"]:
        assert time.monotonic() < deadline, f"simulator still sending: {stats}"
        time.sleep(0.05)
    return harness, stats["sent_references"][0]


def _theirs(session_factory, reference):
    with session_factory() as db:
        return cad.find_by_external_reference(
            db, originating_agency="SIMFS", external_reference=reference
        )


def _outgoing(session_factory):
    with session_factory() as db:
        return db.execute(select(OutgoingMessage).order_by(OutgoingMessage.id)).scalars().all()


def test_our_log_entry_and_closure_reach_the_partner_as_update_and_close(
    harness_factory, app, session_factory
):
    harness, reference = _partner_sends_one(harness_factory, app, updates=0, close=False)
    harness.run_until_idle(session_factory)
    assert _outgoing(session_factory) == [], "their own incident is not echoed back"
    incident_id = _theirs(session_factory, reference).id

    with session_factory() as db:
        cad.add_log_entry(
            db, incident_id=incident_id, author="controller1", text="Road closed by BW21"
        )
        db.commit()
    harness.run_until_idle(session_factory)
    with session_factory() as db:
        cad.close_incident(
            db, incident_id=incident_id, actor="controller1", closing_code="TRANSPORT-RTC-INJURY"
        )
        db.commit()
    harness.run_until_idle(session_factory)

    sent = _outgoing(session_factory)
    assert [(o.message_type, o.version, o.status, o.reference) for o in sent] == [
        ("update", 1, "accepted", reference),
        ("close", 2, "accepted", reference),
    ]
    stats = harness.stats()
    assert stats["answers"] == {reference: [2, True]}
    assert stats["received"] == {}, "nothing arrives there as an incident of ours"
    closing = m.parse_incident_message(sent[-1].body.encode())  # checked against the schema
    assert closing.header.recipient == "SIMFS"
    assert closing.incident.originating_agency == "SIMFS"
    assert closing.incident.closing_code == "TRANSPORT-RTC-INJURY"
    texts = [remark.text for remark in closing.incident.remarks]
    assert "Road closed by BW21" in texts
    assert not any("Message 1 about incident" in text for text in texts), "their remarks stay"


def test_applying_the_partners_own_update_and_closure_sends_nothing_back(
    harness_factory, app, session_factory
):
    harness, reference = _partner_sends_one(harness_factory, app, updates=1, close=True)

    harness.run_until_idle(session_factory)

    assert _theirs(session_factory, reference).status == "closed"
    assert _outgoing(session_factory) == []
    assert harness.stats()["answers"] == {}


def test_after_we_closed_it_a_later_change_is_not_sent(harness_factory, app, session_factory):
    harness, reference = _partner_sends_one(harness_factory, app, updates=0, close=False)
    incident_id = _theirs(session_factory, reference).id
    with session_factory() as db:
        cad.close_incident(
            db, incident_id=incident_id, actor="controller1", closing_code="TRANSPORT-RTC-INJURY"
        )
        db.commit()
    harness.run_until_idle(session_factory)
    with session_factory() as db:
        cad.add_log_entry(db, incident_id=incident_id, author="controller1", text="Late note")
        db.commit()

    harness.run_until_idle(session_factory)

    assert [o.message_type for o in _outgoing(session_factory)] == ["close"]
    assert harness.stats()["answers"] == {reference: [1, True]}
