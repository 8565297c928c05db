"""The agent desktop: taking a call, talking with a web chat caller both ways, notes,
incidents, the outcome, and "my calls"."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.contact.models import ContactTurn
from synergy.core.events import OutboxEvent
from synergy.core.roles import Role
from tests.conftest import csrf_for
from tests.contact.desk.helpers import handed_over_call

AGENT = "user0-contact-agent"


def post(client: TestClient, url: str, **fields: str) -> Any:
    return client.post(url, data={**fields, "csrf_token": csrf_for(client)})


def taken_call(client: TestClient, signed_in: Any, session_factory: Any, *lines: str) -> int:
    call_id = handed_over_call(session_factory, *lines)
    signed_in(Role.CONTACT_AGENT)
    assert post(client, f"/contact/calls/{call_id}/take").status_code == 303
    return call_id


def test_agent_and_web_chat_caller_talk_both_ways(
    app: Any, client: TestClient, signed_in: Any, db: Session
) -> None:
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as caller:
        post(caller, "/contact-us")
        post(caller, "/contact-us/chat", text="I want to speak to a person")
        assert "Are you safe now?" in caller.get("/contact-us/chat").text
        for answer in ("Yes", "skip", "07700 900123"):
            assert post(caller, "/contact-us/chat", text=answer).status_code == 303
        waiting = caller.get("/contact-us/chat").text
        assert "What happens next" in waiting
        assert 'action="/contact-us/chat"' in waiting  # the message box stays while waiting
        assert post(caller, "/contact-us/chat", text="I am at home").status_code == 303

        signed_in(Role.CONTACT_AGENT)
        queue = client.get("/contact").text
        call_id = int(queue.split('href="/contact/calls/')[1].split('"')[0])
        assert post(client, f"/contact/calls/{call_id}/take").status_code == 303
        desk = client.get(f"/contact/calls/{call_id}").text
        assert "I am at home" in desk and "Send message" in desk
        sent = post(
            client, f"/contact/calls/{call_id}/messages", message="Hello, I'm Sam. Are you safe?"
        )
        assert sent.status_code == 303, sent.text[sent.text.find("govuk-error-summary") :][:800]

        # The caller's page (and the piece its script fetches) shows the agent's message.
        assert "Are you safe?" in caller.get("/contact-us/chat/messages").text
        page = caller.get("/contact-us/chat").text
        assert "Member of staff" in page and "You are talking to a member of staff" in page
        assert (
            post(caller, "/contact-us/chat/reply", text="Yes, he has gone out").status_code == 303
        )
        assert "Yes, he has gone out" in client.get(f"/contact/calls/{call_id}/transcript").text
    # Every turn, whoever wrote it, has the next number: the transcript reads in order.
    turns = db.execute(
        select(ContactTurn.seq, ContactTurn.text)
        .where(ContactTurn.call_id == call_id)
        .order_by(ContactTurn.id)
    ).all()
    assert [seq for seq, _ in turns] == list(range(1, len(turns) + 1))
    assert [text for _, text in turns][-2:] == [
        "Hello, I'm Sam. Are you safe?",
        "Yes, he has gone out",
    ]


def test_empty_messages_are_refused_with_a_clear_error(
    client: TestClient, signed_in: Any, session_factory: Any
) -> None:
    call_id = taken_call(client, signed_in, session_factory)
    refused = post(client, f"/contact/calls/{call_id}/messages", message="   ")
    assert refused.status_code == 422
    assert "There is a problem" in refused.text and "Enter a message" in refused.text


def test_desktop_shows_thrive_risk_evidence_and_asks_for_safety(
    client: TestClient, signed_in: Any, session_factory: Any
) -> None:
    call_id = taken_call(
        client, signed_in, session_factory, "I want to report a crime", "he said he'll kill me"
    )
    page = client.get(f"/contact/calls/{call_id}").text
    for heading in ("Threat", "Harm", "Risk", "Investigation", "Vulnerability", "Engagement"):
        assert f">{heading}</dt>" in page
    assert "Risk evidence" in page and "he said he&#39;ll kill me" in page
    assert "Not answered yet: the assistant is still asking" in page  # safe now, where, number


def test_notes_incidents_and_outcome_are_recorded_and_shown_in_my_calls(
    client: TestClient, signed_in: Any, session_factory: Any, db: Session
) -> None:
    call_id = taken_call(client, signed_in, session_factory)
    assert (
        post(client, f"/contact/calls/{call_id}/notes", note="Caller sounded calm").status_code
        == 303
    )
    raised = post(
        client,
        f"/contact/calls/{call_id}/incident",
        **{"incident-note": "Neighbour dispute, threats made"},
    )
    assert raised.status_code == 303
    event = db.execute(
        select(OutboxEvent).where(OutboxEvent.topic == "contact.incident_requested")
    ).scalar_one()
    assert (
        event.payload["call_id"] == call_id and "threats made" in event.payload["details"]["what"]
    )

    bad = post(client, f"/contact/calls/{call_id}/incident-link", **{"log-number": "12345"})
    assert bad.status_code == 422 and "Enter an incident log number" in bad.text
    assert 'value="12345"' in bad.text  # what was typed is kept
    linked = post(
        client, f"/contact/calls/{call_id}/incident-link", **{"log-number": "log 1-25112026"}
    )
    assert linked.status_code == 303

    no_code = post(client, f"/contact/calls/{call_id}/outcome", outcome="done")
    assert no_code.status_code == 422 and "Choose a closing code" in no_code.text
    closed = post(
        client,
        f"/contact/calls/{call_id}/outcome",
        **{"closing-code": "incident_raised", "outcome": "Passed to control"},
    )
    assert closed.status_code == 303
    again = post(client, f"/contact/calls/{call_id}/outcome", **{"closing-code": "signposted"})
    assert again.status_code == 409

    mine = client.get("/contact/my-calls").text
    assert f"Call {call_id}" in mine and "Incident raised for command and control" in mine
    assert "Caller sounded calm" in mine and "LOG 0001-25112026" in mine


def test_only_the_agent_who_took_the_call_can_act_on_it(
    client: TestClient, signed_in: Any, session_factory: Any
) -> None:
    call_id = taken_call(client, signed_in, session_factory)
    signed_in(Role.CONTACT_AGENT)  # a colleague
    assert post(client, f"/contact/calls/{call_id}/notes", note="mine now").status_code == 403
    assert "only they can act on it" in client.get(f"/contact/calls/{call_id}").text


def test_once_closed_the_caller_is_told_and_cannot_add_messages(
    app: Any, client: TestClient, signed_in: Any
) -> None:
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as caller:
        post(caller, "/contact-us")
        post(caller, "/contact-us/chat", text="I want to speak to a person")
        signed_in(Role.CONTACT_AGENT)
        queue = client.get("/contact").text
        call_id = int(queue.split('href="/contact/calls/')[1].split('"')[0])
        post(client, f"/contact/calls/{call_id}/take")
        post(client, f"/contact/calls/{call_id}/outcome", **{"closing-code": "advice_given"})
        assert "This conversation has finished" in caller.get("/contact-us/chat").text
        late = post(caller, "/contact-us/chat/reply", text="One more thing")
        assert late.status_code == 409 and "This conversation has finished" in late.text
        refused = post(client, f"/contact/calls/{call_id}/messages", message="Still there?")
        assert refused.status_code == 409


def test_desktop_shows_what_the_caller_said_when_asked_before_the_handover(
    client: TestClient, signed_in: Any, session_factory: Any
) -> None:
    call_id = taken_call(
        client,
        signed_in,
        session_factory,
        "I want to speak to a person",
        "I'm not sure, he might come back",
        "skip",
        "07700 900123",
    )
    page = client.get(f"/contact/calls/{call_id}").text
    assert "In their words: \u201cI&#39;m not sure, he might come back\u201d" in page
    assert "Not given: the caller chose not to say" in page  # where they are: skipped
    assert "07700900123" in page.replace(" ", "")
