"""The staff pages: the queue of handed-over calls, a call's transcript, taking a call."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.contact import service
from synergy.contact.dialogue import Channel
from synergy.core.audit import AuditRecord
from synergy.core.errors import TooManyRequests
from synergy.core.roles import Role
from tests.conftest import csrf_for

LIMITS = service.Limits()


def handed_over_call(session_factory: Any, *lines: str) -> int:
    with session_factory() as db:
        started = service.start_conversation(db, channel=Channel.API)
        for line in lines:
            service.take_turn(db, token=started.token, text=line, limits=LIMITS)
        db.commit()
        return started.call.id


def test_queue_shows_vulnerable_callers_first_with_the_summary(
    client: TestClient, signed_in: Any, session_factory: Any
) -> None:
    normal = handed_over_call(session_factory, "I want to speak to a person")
    urgent = handed_over_call(session_factory, "I want to report a crime", "he said he'll kill me")
    signed_in(Role.CONTACT_AGENT)
    page = client.get("/contact")
    assert page.status_code == 200
    assert page.text.index(f"Call {urgent}<") < page.text.index(f"Call {normal}<")
    assert "threat to life" in page.text
    assert "the caller asked to speak to a person" in page.text


def test_call_page_shows_transcript_decisions_and_is_audited(
    client: TestClient, signed_in: Any, session_factory: Any, db: Session
) -> None:
    call_id = handed_over_call(session_factory, "I want to speak to a person")
    signed_in(Role.SUPERVISOR)
    page = client.get(f"/contact/calls/{call_id}")
    assert page.status_code == 200
    assert "I want to speak to a person" in page.text
    assert "handover requested" in page.text and "Take this call" in page.text
    viewed = db.execute(
        select(AuditRecord).where(AuditRecord.action == "contact.call_viewed")
    ).scalar_one()
    assert viewed.target_id == str(call_id)


def test_taking_a_call_removes_it_from_the_queue(
    client: TestClient, signed_in: Any, session_factory: Any
) -> None:
    call_id = handed_over_call(session_factory, "I want to speak to a person")
    signed_in(Role.CONTACT_AGENT)
    response = client.post(f"/contact/calls/{call_id}/take", data={"csrf_token": csrf_for(client)})
    assert response.status_code == 303
    assert "No calls are waiting" in client.get("/contact").text
    assert "taken by" in client.get(f"/contact/calls/{call_id}").text
    again = client.post(f"/contact/calls/{call_id}/take", data={"csrf_token": csrf_for(client)})
    assert again.status_code == 409


def test_queue_pages_are_for_contact_staff_only(client: TestClient, signed_in: Any) -> None:
    assert client.get("/contact").status_code == 303  # to sign in
    signed_in(Role.OFFICER)
    assert client.get("/contact").status_code == 403
    assert client.get("/contact/calls/1").status_code == 403


def test_unknown_call_is_404(client: TestClient, signed_in: Any) -> None:
    signed_in(Role.CONTACT_AGENT)
    assert client.get("/contact/calls/999999").status_code == 404


def test_log_numbers_count_up_per_day_in_the_incident_log_format(db: Session) -> None:
    import datetime as dt

    from synergy.core.references import ReferenceKind, parse_reference

    day = dt.datetime(2026, 11, 25, 23, 30, tzinfo=dt.UTC)  # 25 Nov UTC is 25 Nov in London
    first = service.next_log_number(db, now=day)
    second = service.next_log_number(db, now=day)
    summer = service.next_log_number(db, now=dt.datetime(2026, 7, 1, 23, 30, tzinfo=dt.UTC))
    assert (first, second) == ("LOG 0001-25112026", "LOG 0002-25112026")
    assert summer == "LOG 0001-02072026"  # 00:30 on 2 July in London (BST)
    parsed = parse_reference(first, today=dt.date(2026, 11, 26))
    assert parsed.kind is ReferenceKind.INCIDENT_LOG and parsed.canonical == first


def test_channel_failure_handover_is_queued_and_audited(session_factory: Any, db: Session) -> None:
    with session_factory() as session:
        started = service.start_conversation(session, channel=Channel.VOICE)
        service.take_turn(session, token=started.token, text="I lost my wallet", limits=LIMITS)
        session.commit()
    with session_factory() as session:
        assert service.hand_over(session, token=started.token, reason="x", limits=LIMITS) is None
    with session_factory() as session:
        other = service.start_conversation(session, channel=Channel.VOICE)
        result = service.hand_over(
            session, token=other.token, reason="speech recognition stopped", limits=LIMITS
        )
        session.commit()
    assert result is not None and result[1].handover is not None
    (waiting,) = service.waiting_calls(db)
    assert waiting.id == other.call.id and "speech recognition stopped" in (waiting.summary or "")
    decisions = db.execute(
        select(AuditRecord.details).where(AuditRecord.action == "contact.turn_decided")
    ).scalars()
    assert any(d["decision"] == "handover_channel_failure" for d in decisions)


def test_voice_calls_from_one_trunk_are_not_rate_limited(db: Session) -> None:
    limits = service.Limits(starts_per_address_per_hour=1)
    for _ in range(3):
        service.start_conversation(db, channel=Channel.VOICE, source_ip="10.0.0.5", limits=limits)
    service.start_conversation(db, channel=Channel.API, source_ip="10.0.0.6", limits=limits)
    with pytest.raises(TooManyRequests):
        service.start_conversation(db, channel=Channel.API, source_ip="10.0.0.6", limits=limits)


def test_conversations_left_past_their_expiry_are_closed_as_abandoned(
    session_factory: Any, db: Session
) -> None:
    import datetime as dt

    with session_factory() as session:
        left = service.start_conversation(session, channel=Channel.WEB_CHAT)
        service.take_turn(session, token=left.token, text="I want to report a crime", limits=LIMITS)
        done = service.start_conversation(session, channel=Channel.WEB_CHAT)
        service.take_turn(session, token=done.token, text="speak to a person", limits=LIMITS)
        session.commit()
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=LIMITS.session_minutes + 1)
    with session_factory() as session:
        assert service.close_abandoned_calls(session, limits=LIMITS) == 0
        assert service.close_abandoned_calls(session, limits=LIMITS, now=later) == 1
        assert service.close_abandoned_calls(session, limits=LIMITS, now=later) == 0
        session.commit()
    assert service.get_call(db, call_id=left.call.id).status == "abandoned"
    assert service.get_call(db, call_id=done.call.id).status == "waiting"


def test_the_safety_answers_reach_the_staff_api_and_a_taken_call_stays_taken(
    client: TestClient, signed_in: Any, session_factory: Any
) -> None:
    with session_factory() as db:
        started = service.start_conversation(db, channel=Channel.API)
        for text in ("I want to speak to a person", "yes I'm safe"):
            service.take_turn(db, token=started.token, text=text, limits=LIMITS)
        service.take_call(db, call_id=started.call.id, actor="agent-1", source_ip=None)
        service.take_turn(db, token=started.token, text="14 Oak Road, B5 4TR", limits=LIMITS)
        db.commit()
        call_id, token = started.call.id, started.token
    signed_in(Role.CONTACT_AGENT)
    detail = client.get(f"/api/contact/calls/{call_id}").json()
    assert detail["status"] == "taken" and detail["taken_by"] == "agent-1"
    assert detail["caller_safety"] == {
        "safe_now": True, "safe_now_words": None, "location": "14 Oak Road, B5 4TR",
        "callback_number": None, "not_answered": [], "finished": False,
    }  # fmt: skip
    assert "Where now: 14 Oak Road, B5 4TR." in detail["summary"]
    with session_factory() as db:
        service.take_turn(db, token=token, text="skip", limits=LIMITS)
        db.commit()
    detail = client.get(f"/api/contact/calls/{call_id}").json()
    assert detail["caller_safety"]["finished"] and detail["caller_safety"]["not_answered"] == [
        "callback"
    ]
