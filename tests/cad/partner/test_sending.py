from sqlalchemy import select

from synergy.cad import service as cad
from synergy.cad.partner import messages as m
from synergy.cad.partner import service
from synergy.cad.partner.models import OutgoingMessage
from synergy.cad.partner.receiving import receive_message
from synergy.cad.partner.signatures import signed_headers
from synergy.core.audit import AuditRecord
from synergy.core.roles import Role
from tests.acro.processes import free_port
from tests.cad.factories import open_incident
from tests.cad.partner.conftest import SECRET, make_exchange_settings
from tests.cad.partner.factories import message_bytes
from tests.conftest import csrf_for


def _outgoing(session_factory):
    with session_factory() as db:
        return db.execute(select(OutgoingMessage).order_by(OutgoingMessage.id)).scalars().all()


def _open_log_and_close(session_factory, *, grade=1, harness=None):
    """Open, log and close an incident; with a harness, the worker runs after each step."""
    steps = [
        lambda db: open_incident(db, grade=grade).id,
        lambda db: cad.add_log_entry(
            db, incident_id=incident_id, author="controller1", text="Unit en route"
        ),
        lambda db: cad.close_incident(
            db, incident_id=incident_id, actor="controller1", closing_code="CRIME-THEFT"
        ),
    ]
    incident_id = 0
    for n, step in enumerate(steps):
        with session_factory() as db:
            done = step(db)
            incident_id = done if n == 0 else incident_id
            db.commit()
        if harness is not None:
            harness.run_until_idle(session_factory)
    with session_factory() as db:
        return cad.get_incident(db, incident_id=incident_id).log_number


def test_each_change_to_an_incident_opened_here_reaches_the_partner_once(
    harness_factory, session_factory
):
    harness = harness_factory()
    log_number = _open_log_and_close(session_factory, harness=harness)

    stats = harness.stats()
    assert stats["received"] == {f"WMP|{log_number}": [3, True]}
    assert stats["received_creations"] == 1 and stats["received_messages"] == 3
    sent = _outgoing(session_factory)
    assert [(o.message_type, o.version, o.status) for o in sent] == [
        ("create", 1, "accepted"),
        ("update", 2, "accepted"),
        ("close", 3, "accepted"),
    ]
    assert all(o.receiver_reference and o.reason_code == "applied" for o in sent)


def test_changes_made_before_the_first_send_go_as_one_message_with_the_latest_state(
    harness_factory, session_factory
):
    harness = harness_factory()
    log_number = _open_log_and_close(session_factory)

    harness.run_until_idle(session_factory)

    assert harness.stats()["received"] == {f"WMP|{log_number}": [1, True]}
    assert [(o.message_type, o.status) for o in _outgoing(session_factory)] == [
        ("close", "accepted")
    ]


def test_the_message_sent_carries_the_log_and_the_closing_code(harness_factory, session_factory):
    harness = harness_factory()
    _open_log_and_close(session_factory)

    harness.run_until_idle(session_factory)

    last = m.parse_incident_message(_outgoing(session_factory)[-1].body.encode())
    assert last.incident.closing_code == "CRIME-THEFT"
    assert last.incident.location.postcode == "B5 4TR"
    assert any(r.text == "Unit en route" for r in last.incident.remarks)


def test_incidents_at_grades_not_shared_are_not_sent(harness_factory, session_factory):
    harness = harness_factory()
    _open_log_and_close(session_factory, grade=3)

    harness.run_until_idle(session_factory)

    assert _outgoing(session_factory) == []
    assert harness.stats()["posts"] == 0


def test_a_partner_incident_is_never_sent_back(harness_factory, session_factory, exchange_settings):
    harness = harness_factory()
    body = message_bytes("create")
    with session_factory() as db:
        headers = signed_headers(SECRET.encode(), "SIMFS", body)
        answer = receive_message(
            db,
            exchange_settings,
            body=body,
            agency="SIMFS",
            timestamp=headers["X-Exchange-Timestamp"],
            signature=headers["X-Exchange-Signature"],
        )
        db.commit()
    assert answer.status_code == 200

    harness.run_until_idle(session_factory)

    assert _outgoing(session_factory) == []


def test_refusals_and_lost_answers_are_retried_until_accepted_and_none_doubled(
    harness_factory, session_factory
):
    harness = harness_factory(fault_rate=0.5, seed=3, hang_seconds=0)
    references = [_open_log_and_close(session_factory) for _ in range(6)]

    harness.run_until_idle(session_factory)

    stats = harness.stats()
    assert sum(stats["faults"].values()) > 0
    assert stats["posts"] > 6
    assert stats["received"] == {f"WMP|{r}": [1, True] for r in references}
    assert stats["received_messages"] == 6, "one message each (their latest state), none doubled"
    assert {o.status for o in _outgoing(session_factory)} == {"accepted"}


def test_a_reject_receipt_is_recorded_with_its_reason_and_not_retried(
    harness_factory, session_factory
):
    harness = harness_factory(reject_rate=1.0)
    with session_factory() as db:
        open_incident(db, grade=1)
        db.commit()

    harness.run_until_idle(session_factory)

    [sent] = _outgoing(session_factory)
    assert (sent.status, sent.attempts, sent.reason_code) == ("rejected", 1, "not-accepted")
    assert sent.reason == "No resources free in that area"
    with session_factory() as db:
        audited = db.execute(
            select(AuditRecord).where(AuditRecord.action == "cad_partner.message_sent_rejected")
        ).scalar_one()
    assert audited.details["reason_code"] == "not-accepted"


def test_a_partner_that_never_answers_becomes_a_dead_letter_a_supervisor_can_resend(
    harness_factory, session_factory, signed_in
):
    unreachable = make_exchange_settings(url=f"http://127.0.0.1:{free_port()}/messages")
    harness = harness_factory(unreachable, network=True)
    with session_factory() as db:
        open_incident(db, grade=1)
        db.commit()

    harness.run_until_idle(session_factory)

    [dead] = _outgoing(session_factory)
    assert dead.status == "dead" and dead.attempts == unreachable.max_attempts
    assert "ConnectError" in (dead.last_error or "")
    client = signed_in(Role.CONTROLLER)
    assert client.post(f"/api/cad/partner/outgoing/{dead.id}/resend").status_code == 403
    client = signed_in(Role.SUPERVISOR)
    answer = client.post(
        f"/api/cad/partner/outgoing/{dead.id}/resend", headers={"X-CSRF-Token": csrf_for(client)}
    )
    assert answer.status_code == 200 and answer.json()["status"] == "queued"
    with session_factory() as db:
        assert [o.status for o in service.list_outgoing(db)] == ["queued"]


def test_a_long_incident_log_is_sent_as_its_latest_entries_within_the_size_limit(
    session_factory, exchange_settings
):
    from synergy.cad.partner.sending import snapshot

    with session_factory() as db:
        incident = open_incident(db, grade=1)
        for n in range(60):
            cad.add_log_entry(
                db, incident_id=incident.id, author="controller1", text=f"{n} " * 1500
            )
        db.commit()
        picture = snapshot(db, exchange_settings, incident_id=incident.id)

    header = m.Header.new(sender="WMP", recipient="SIMFS")
    body = m.build_incident_message(m.IncidentMessage(header, "create", picture))
    assert len(body) < m.MAX_MESSAGE_BYTES
    assert picture.remarks[-1].text.startswith("59 ")
    assert 10 < len(picture.remarks) < 61
    assert m.parse_incident_message(body).incident.remarks == picture.remarks
