"""The contact JSON API: public sessions and turns (real understanding layer), staff queue."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.contact.models import ContactCall, ContactTurn
from synergy.contact.settings import ContactSettings
from synergy.core.audit import AuditRecord
from synergy.core.config import Settings
from synergy.core.events import OutboxEvent
from synergy.core.roles import Role
from tests.conftest import csrf_for

CRIME_TURNS = (
    "My bike was stolen from my garden shed last night",
    "12 High Street, b54tr",
    "last night about 11pm",
    "a blue Raleigh bike",
    "about £300",
    "none",
    "no",
    "no",
    "no",
    "my name is Sam Taylor",
    "07700 900123",
    "yes",
)


def start(client: TestClient) -> tuple[str, dict[str, Any]]:
    response = client.post("/api/contact/sessions")
    assert response.status_code == 201, response.text
    body = response.json()
    return body["token"], body["reply"]


def say(client: TestClient, token: str, text: str) -> dict[str, Any]:
    response = client.post(f"/api/contact/sessions/{token}/turns", json={"text": text})
    assert response.status_code == 200, response.text
    return response.json()


def test_session_starts_with_a_greeting_and_an_unguessable_token(client: TestClient) -> None:
    token, reply = start(client)
    other, _ = start(client)
    assert len(token) >= 40 and token != other
    assert "privacy notice" in reply["text"] and reply["expects"] == "reason"


def test_crime_report_conversation_gives_reference_and_publishes_event(
    client: TestClient, db: Session
) -> None:
    token, _ = start(client)
    replies = [say(client, token, text) for text in CRIME_TURNS]
    final = replies[-1]
    assert final["done"] and final["reference"].startswith("LOG 0001-")
    event = db.execute(
        select(OutboxEvent).where(OutboxEvent.topic == "contact.crime_report_drafted")
    ).scalar_one()
    assert event.payload["reference"] == final["reference"]
    assert event.payload["details"]["location"]["postcode"] == "B5 4TR"
    call = db.execute(select(ContactCall)).scalar_one()
    assert call.reference_given == final["reference"] and call.status == "completed"
    assert call.token_digest != token


def test_every_turn_is_stored_and_every_decision_audited(client: TestClient, db: Session) -> None:
    token, _ = start(client)
    for text in CRIME_TURNS[:3]:
        say(client, token, text)
    call = db.execute(select(ContactCall)).scalar_one()
    turns = db.execute(select(ContactTurn).order_by(ContactTurn.seq)).scalars().all()
    assert [t.speaker for t in turns] == ["assistant"] + ["caller", "assistant"] * 3
    assert [t.seq for t in turns] == list(range(1, 8))
    assert turns[1].understanding is not None and turns[1].understanding["intent"]
    assert all(t.decision for t in turns if t.speaker == "assistant")
    decided = (
        db.execute(
            select(AuditRecord)
            .where(AuditRecord.action == "contact.turn_decided")
            .order_by(AuditRecord.id)
        )
        .scalars()
        .all()
    )
    assert len(decided) == 4
    assert {r.target_id for r in decided} == {str(call.id)}
    assert decided[1].details["decision"] == "flow_crime_report"
    # The audit log records the decision, not what the caller said.
    assert all("garden shed" not in str(r.details) for r in decided)


def test_threat_after_a_mundane_start_routes_at_once_with_999_advice(
    client: TestClient, db: Session
) -> None:
    token, _ = start(client)
    say(client, token, CRIME_TURNS[0])
    reply = say(client, token, "he said he'll kill me")
    assert reply["handover"]["queue"] in {"priority", "emergency"}
    assert reply["expects"] in {"safe_now", "location"}  # queued, then asked before handover
    assert "999" in reply["emergency_advice"] and "999" in reply["text"]
    call = db.execute(select(ContactCall)).scalar_one()
    assert call.status == "waiting" and "threat_to_life" in call.vulnerabilities
    assert "summary" not in reply["handover"]


def test_non_english_caller_is_handed_over_with_a_language_note(
    client: TestClient, db: Session
) -> None:
    token, _ = start(client)
    reply = say(client, token, "Necesito ayuda, me robaron el coche")
    assert reply["handover"] is not None
    call = db.execute(select(ContactCall)).scalar_one()
    assert call.language == "es" and "interpreter" in (call.summary or "")


def test_transcript_is_returned_for_the_token(client: TestClient) -> None:
    token, _ = start(client)
    say(client, token, "I lost my phone on the bus")
    body = client.get(f"/api/contact/sessions/{token}").json()
    assert [t["speaker"] for t in body["turns"]] == ["assistant", "caller", "assistant"]
    assert body["done"] and body["status"] == "completed"


def test_unknown_token_is_404(client: TestClient) -> None:
    response = client.get("/api/contact/sessions/" + "x" * 43)
    assert response.status_code == 404
    response = client.post("/api/contact/sessions/" + "x" * 43 + "/turns", json={"text": "hi"})
    assert response.status_code == 404


def test_empty_and_too_long_messages_are_422_with_a_clear_message(client: TestClient) -> None:
    token, _ = start(client)
    empty = client.post(f"/api/contact/sessions/{token}/turns", json={"text": "   "})
    assert empty.status_code == 422 and empty.json()["detail"] == "Enter a message"
    long = client.post(f"/api/contact/sessions/{token}/turns", json={"text": "a" * 1001})
    assert long.status_code == 422 and "1000 characters or fewer" in long.json()["detail"]
    missing = client.post(f"/api/contact/sessions/{token}/turns", json={})
    assert missing.status_code == 422
    huge = client.post(f"/api/contact/sessions/{token}/turns", json={"text": "a" * 20_000})
    assert huge.status_code == 413  # refused before it is parsed (tests/core/test_body_limits.py)


def test_turns_after_the_end_are_409(client: TestClient) -> None:
    token, _ = start(client)
    assert say(client, token, "I lost my wallet on the bus")["done"]
    response = client.post(f"/api/contact/sessions/{token}/turns", json={"text": "hello?"})
    assert response.status_code == 409


def _with_contact(settings: Settings, **values: Any) -> Settings:
    return settings.with_sections(settings.section(ContactSettings).model_copy(update=values))


def test_too_many_turns_is_429(client: TestClient, app: Any) -> None:
    app.state.settings = _with_contact(app.state.settings, max_turns=2)
    token, _ = start(client)
    say(client, token, "I want to report a crime")
    say(client, token, "My bike was stolen from my garden shed last night")
    response = client.post(f"/api/contact/sessions/{token}/turns", json={"text": "b5 4tr"})
    assert response.status_code == 429


def test_public_endpoints_need_no_csrf_token_or_cookies(client: TestClient) -> None:
    client.cookies.clear()
    token, _ = start(client)
    assert say(client, token, "I lost my phone on the bus")["done"]


def test_queue_lists_priority_calls_first_for_contact_agents(
    client: TestClient, signed_in: Any
) -> None:
    normal, _ = start(client)
    say(client, normal, "I want to speak to a person")
    urgent, _ = start(client)
    say(client, urgent, "he said he'll kill me")
    signed_in(Role.CONTACT_AGENT)
    queue = client.get("/api/contact/queue").json()
    assert [item["queue"] for item in queue][-1] == "normal"
    assert queue[0]["queue"] in {"priority", "emergency"} and queue[0]["vulnerabilities"]
    assert queue[0]["summary"]


def test_staff_can_read_a_call_and_take_it_once(client: TestClient, signed_in: Any) -> None:
    token, _ = start(client)
    say(client, token, "I want to speak to a person")
    signed_in(Role.SUPERVISOR)
    call_id = client.get("/api/contact/queue").json()[0]["id"]
    detail = client.get(f"/api/contact/calls/{call_id}").json()
    assert detail["turns"][-1]["decision"] == "handover_requested"
    headers = {"X-CSRF-Token": csrf_for(client)}
    taken = client.post(f"/api/contact/calls/{call_id}/take", headers=headers)
    assert taken.status_code == 200 and taken.json()["status"] == "taken"
    again = client.post(f"/api/contact/calls/{call_id}/take", headers=headers)
    assert again.status_code == 409
    assert client.get("/api/contact/queue").json() == []


def test_staff_api_refuses_other_roles_and_the_public(client: TestClient, signed_in: Any) -> None:
    assert client.get("/api/contact/queue").status_code == 401
    signed_in(Role.FINANCE)
    assert client.get("/api/contact/queue").status_code == 403


def test_taking_a_call_needs_the_csrf_header(client: TestClient, signed_in: Any) -> None:
    token, _ = start(client)
    say(client, token, "I want to speak to a person")
    signed_in(Role.CONTACT_AGENT)
    call_id = client.get("/api/contact/queue").json()[0]["id"]
    assert client.post(f"/api/contact/calls/{call_id}/take").status_code == 403


def test_one_address_cannot_start_endless_conversations(client: TestClient, app: Any) -> None:
    app.state.settings = _with_contact(app.state.settings, starts_per_address_per_hour=2)
    start(client)
    start(client)
    response = client.post("/api/contact/sessions")
    assert response.status_code == 429 and "101" in response.json()["detail"]


def test_update_request_checks_the_reference_before_messaging_the_officer(
    client: TestClient, db: Session
) -> None:
    token, _ = start(client)
    assert say(client, token, "Can I get an update on my report please")["expects"] == "reference"
    bad = say(client, token, "it's 12345")
    assert bad["expects"] == "reference" and "crime number" in bad["text"]
    for text in ("crime number 20/123456/24", "Sam Taylor", "07700 900123", "Any news on CCTV?"):
        reply = say(client, token, text)
    assert reply["expects"] == "confirm"
    final = say(client, token, "yes")
    assert final["done"] and "20/123456/24" in final["text"]
    event = db.execute(
        select(OutboxEvent).where(OutboxEvent.topic == "contact.update_requested")
    ).scalar_one()
    assert event.payload["details"]["reference"] == "20/123456/24"
    assert event.payload["details"]["phone"] == "07700900123"


def test_housing_dispute_is_signposted_without_a_record(client: TestClient, db: Session) -> None:
    token, _ = start(client)
    reply = say(client, token, "my landlord will not return my deposit")
    assert reply["done"] and "Shelter" in reply["text"] and reply["handover"] is None
    # No record for anyone to act on; only the count of calls the assistant resolved.
    topics = [e.topic for e in db.execute(select(OutboxEvent)).scalars()]
    assert topics == ["contact.call_resolved"]
