import datetime as dt
import threading

from sqlalchemy import func, select

from synergy.cad import service as cad
from synergy.cad.models import Incident
from synergy.cad.partner import messages as m
from synergy.cad.partner.models import PartnerIncident
from synergy.cad.partner.receiving import receive_message
from synergy.cad.partner.signatures import signed_headers
from synergy.core.audit import AuditRecord
from synergy.core.roles import Role
from tests.cad.partner.conftest import SECRET, post_message
from tests.cad.partner.factories import OPENED, message_bytes, partner_log_lines


def _incident(db, reference="SIMFS/000123"):
    return cad.find_by_external_reference(
        db, originating_agency="SIMFS", external_reference=reference
    )


def _texts(db, incident_id):
    return [e.text for e in cad.incident_entries(db, incident_id=incident_id)]


def _remarks(db, incident_id):
    """The texts of the partner's remarks on the log, in order."""
    return [line.split(": ", 1)[1] for line in partner_log_lines(db, incident_id)]


def test_a_partner_incident_becomes_one_incident_here_with_an_accept_receipt(exchange_client, db):
    response = post_message(exchange_client, message_bytes("create"))

    assert response.status_code == 200
    receipt = m.parse_acknowledgement(response.content)
    incident = _incident(db)
    assert receipt.outcome == "accepted" and receipt.reason_code == "applied"
    assert receipt.receiver_reference == incident.log_number
    assert receipt.applied_version == 1
    assert incident.source == "partner_control_room"
    assert incident.grade == 1
    assert incident.opening_code == "TRANSPORT-RTC-INJURY"
    assert incident.postcode == "B5 7SA"
    assert "Two cars in collision" in incident.remarks
    assert _remarks(db, incident.id) == ["Remark 1"]


def test_a_repeated_message_gets_the_same_receipt_and_changes_nothing(exchange_client, db):
    body = message_bytes("create")

    first = post_message(exchange_client, body)
    again = post_message(exchange_client, body)

    assert again.status_code == first.status_code == 200
    assert again.content == first.content
    incident = _incident(db)
    assert len(_texts(db, incident.id)) == 1  # opened, with remark 1
    assert db.execute(select(func.count()).select_from(PartnerIncident)).scalar() == 1


def test_updates_out_of_order_end_at_the_newest_version(exchange_client, db):
    closed_at = OPENED + dt.timedelta(hours=1)
    newest = message_bytes("close", version=3, closed_at=closed_at, closing_code="Resolved")
    older = [message_bytes("update", version=2, priority=2), message_bytes("create", version=1)]

    answers = [post_message(exchange_client, body) for body in [newest, *older]]

    receipts = [m.parse_acknowledgement(a.content) for a in answers]
    assert [r.reason_code for r in receipts] == ["applied", "superseded", "superseded"]
    assert all(r.accepted and r.applied_version == 3 for r in receipts)
    incident = _incident(db)
    assert incident.status == "closed" and incident.grade == 1
    assert _remarks(db, incident.id) == ["Remark 1", "Remark 2", "Remark 3"]


def test_an_update_regrades_and_adds_only_the_new_remarks(exchange_client, db):
    post_message(exchange_client, message_bytes("create", version=1))
    post_message(exchange_client, message_bytes("update", version=2, priority=2))

    incident = _incident(db)
    texts = _texts(db, incident.id)
    assert incident.grade == 2
    assert _remarks(db, incident.id) == ["Remark 1", "Remark 2"]
    assert any("Grade changed from 1 to 2" in t for t in texts)


def test_an_unsigned_message_is_refused_and_audited(exchange_client, db):
    response = post_message(
        exchange_client, message_bytes(), secret="a-different-secret-0123456789abcdef"
    )

    assert response.status_code == 401
    assert _incident(db) is None
    refused = db.execute(
        select(AuditRecord).where(AuditRecord.action == "cad_partner.message_refused")
    ).scalar_one()
    assert refused.details["agency"] == "SIMFS"


def test_an_unknown_agency_is_refused(exchange_client, db):
    response = post_message(exchange_client, message_bytes(sender="XYZ"), agency="XYZ")

    assert response.status_code == 401


def test_an_invalid_message_gets_a_reject_receipt_naming_the_problem(exchange_client, db):
    body = message_bytes(message_id="0b9a1b8e-52a4-4a36-9a87-2f1f1a9f3c11").replace(
        b"<Priority>1</Priority>", b"<Priority>urgent</Priority>"
    )

    response = post_message(exchange_client, body)

    assert response.status_code == 422
    receipt = m.parse_acknowledgement(response.content)
    assert receipt.outcome == "rejected" and receipt.reason_code == "invalid-message"
    assert receipt.in_reply_to == "0b9a1b8e-52a4-4a36-9a87-2f1f1a9f3c11"
    assert "Priority" in (receipt.reason or "")
    assert _incident(db) is None


def test_a_message_with_an_external_entity_is_rejected(exchange_client, db):
    body = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        + (message_bytes().split(b"?>", 1)[1])
    )

    response = post_message(exchange_client, body)

    assert response.status_code == 422
    receipt = m.parse_acknowledgement(response.content)
    assert receipt.reason_code == "invalid-message" and "DTD" in (receipt.reason or "")
    assert _incident(db) is None


def test_a_message_meant_for_another_agency_is_rejected(exchange_client, db):
    response = post_message(exchange_client, message_bytes(recipient="WMAS"))

    receipt = m.parse_acknowledgement(response.content)
    assert response.status_code == 422
    assert receipt.reason_code == "wrong-recipient"
    assert _incident(db) is None


def test_a_value_command_and_control_refuses_is_rejected_and_nothing_is_kept(exchange_client, db):
    # The schema's postcode shape allows it; the Royal Mail never uses C or I inward.
    location = m.Location("Somewhere on Bristol Road", postcode="B5 7CI")

    response = post_message(exchange_client, message_bytes(location=location))

    receipt = m.parse_acknowledgement(response.content)
    assert response.status_code == 422
    assert receipt.reason_code == "invalid-message" and "postcode" in (receipt.reason or "")
    assert _incident(db) is None
    assert db.execute(select(func.count()).select_from(PartnerIncident)).scalar() == 0


def test_every_received_message_is_audited(exchange_client, db):
    post_message(exchange_client, message_bytes("create"))
    post_message(exchange_client, message_bytes(recipient="WMAS", reference="SIMFS/9"))

    actions = (
        db.execute(
            select(AuditRecord.action).where(AuditRecord.action.like("cad_partner.message_%"))
        )
        .scalars()
        .all()
    )
    assert sorted(actions) == ["cad_partner.message_accepted", "cad_partner.message_rejected"]


def test_only_controllers_and_supervisors_see_what_was_received(exchange_client, signed_in):
    assert exchange_client.get("/api/cad/partner/received").status_code == 401
    signed_in(Role.OFFICER)
    assert exchange_client.get("/api/cad/partner/received").status_code == 403
    post_message(exchange_client, message_bytes("create"))
    signed_in(Role.CONTROLLER)
    received = exchange_client.get("/api/cad/partner/received").json()
    assert [(r["agency"], r["outcome"]) for r in received] == [("SIMFS", "accepted")]


def test_an_oversized_body_is_refused_before_it_is_read_whole(exchange_client, db):
    body = b"<x>" + b" " * (m.MAX_MESSAGE_BYTES + 10) + b"</x>"

    response = post_message(exchange_client, body)

    assert response.status_code == 422
    assert f"at most {m.MAX_MESSAGE_BYTES} bytes" in response.text
    assert _incident(db) is None


def test_two_messages_about_a_new_incident_at_once_make_one_incident_both_accepted(
    session_factory, exchange_settings
):
    """The second waits for the first to commit, loses on the new incident's key, and is
    applied again to the incident the first opened: no refusal for the partner to resend."""

    def receive(db, body):
        headers = signed_headers(SECRET.encode(), "SIMFS", body)
        return receive_message(
            db,
            exchange_settings,
            body=body,
            agency="SIMFS",
            timestamp=headers["X-Exchange-Timestamp"],
            signature=headers["X-Exchange-Signature"],
        )

    second: dict[str, object] = {}

    def receive_update() -> None:
        with session_factory() as db:
            second["answer"] = receive(db, message_bytes("update", version=2))
            db.commit()

    with session_factory() as first:
        created = receive(first, message_bytes("create", version=1))
        racing = threading.Thread(target=receive_update)
        racing.start()
        racing.join(0.5)  # it is waiting for the first transaction
        first.commit()
    racing.join(60)

    assert created.status_code == 200
    assert second["answer"].status_code == 200
    with session_factory() as db:
        links = db.execute(select(PartnerIncident)).scalars().all()
        assert [(link.reference, link.applied_version) for link in links] == [("SIMFS/000123", 2)]
        assert db.execute(select(func.count()).select_from(Incident)).scalar() == 1
