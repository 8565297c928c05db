import datetime as dt

import pytest

from synergy.cad.partner import messages as m
from tests.cad.partner.factories import OPENED, incident, message_bytes


def test_an_incident_message_reads_back_as_it_was_built():
    sent = m.IncidentMessage(
        m.Header.new(sender="SIMFS", recipient="WMP"),
        "close",
        incident(version=3, closed_at=OPENED + dt.timedelta(hours=1), closing_code="Resolved"),
    )

    received = m.parse_incident_message(m.build_incident_message(sent))

    assert received == sent
    assert [r.text for r in received.incident.remarks] == ["Remark 1", "Remark 2", "Remark 3"]


def test_a_rejection_receipt_reads_back_with_its_reason():
    ack = m.Acknowledgement(
        m.Header.new(sender="WMP", recipient="SIMFS"),
        in_reply_to="0b9a1b8e-52a4-4a36-9a87-2f1f1a9f3c11",
        outcome="rejected",
        reason_code="unknown-agency",
        reason="We have no exchange agreement with agency XYZ",
    )

    received = m.parse_acknowledgement(m.build_acknowledgement(ack))

    assert received == ack
    assert not received.accepted


def test_building_a_message_the_schema_refuses_fails_before_sending():
    with pytest.raises(m.MessageError, match="Priority"):
        message_bytes(priority=7)


def test_a_message_missing_a_required_element_is_refused_with_the_schema_error():
    body = message_bytes().replace(b"<Summary>", b"<Note>").replace(b"</Summary>", b"</Note>")

    with pytest.raises(m.MessageError, match="Note") as refused:
        m.parse_message(body)
    assert refused.value.code == "invalid-message"


def test_an_external_entity_is_refused_and_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    body = (
        b'<?xml version="1.0"?>\n<!DOCTYPE IncidentMessage [<!ENTITY leak SYSTEM "file://'
        + str(secret).encode()
        + b'">]>\n'
        + message_bytes().split(b"?>", 1)[1].replace(b"Two cars", b"&leak; Two cars")
    )

    with pytest.raises(m.MessageError, match="DTD") as refused:
        m.parse_message(body)
    assert "TOP SECRET" not in refused.value.reason


def test_an_entity_expansion_bomb_is_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<IncidentMessage xmlns="urn:synergy:incident-exchange:1">&lol2;</IncidentMessage>'
    )

    with pytest.raises(m.MessageError, match="DTD"):
        m.parse_message(bomb)


def test_a_newer_major_version_is_refused_as_unsupported():
    body = message_bytes().replace(b"incident-exchange:1", b"incident-exchange:2")

    with pytest.raises(m.MessageError) as refused:
        m.parse_message(body)
    assert refused.value.code == "unsupported-version"


def test_a_newer_minor_version_is_read():
    body = message_bytes().replace(b'schemaVersion="1.0"', b'schemaVersion="1.3"')

    assert m.parse_incident_message(body).schema_version == "1.3"


def test_times_without_a_zone_are_refused():
    body = message_bytes().replace(b"2026-12-03T09:30:00Z", b"2026-12-03T09:30:00")

    with pytest.raises(m.MessageError, match="OpenedAt"):
        m.parse_message(body)


def test_not_xml_at_all_is_refused_clearly():
    with pytest.raises(m.MessageError, match="not well-formed"):
        m.parse_message(b'{"incident": 1}')


def test_an_oversized_message_is_refused_before_parsing():
    with pytest.raises(m.MessageError, match="larger than"):
        m.parse_message(b" " * (m.MAX_MESSAGE_BYTES + 1))


def test_the_message_id_of_an_invalid_message_can_still_be_answered():
    body = message_bytes(message_id="0b9a1b8e-52a4-4a36-9a87-2f1f1a9f3c11").replace(
        b"<Priority>1</Priority>", b"<Priority>urgent</Priority>"
    )

    with pytest.raises(m.MessageError):
        m.parse_message(body)
    assert m.message_id_of(body) == "0b9a1b8e-52a4-4a36-9a87-2f1f1a9f3c11"
