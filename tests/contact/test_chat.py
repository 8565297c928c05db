"""The public web chat: works without JavaScript, one form post per turn, redirect after POST."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.contact.models import ContactCall
from synergy.contact.pages import CHAT_COOKIE
from synergy.contact.schemas import QueuedCall
from tests.conftest import csrf_for


def begin(client: TestClient) -> None:
    response = client.post("/contact-us", data={"csrf_token": csrf_for(client)})
    assert response.status_code == 303 and response.headers["location"] == "/contact-us/chat"
    cookie = response.headers["set-cookie"]
    assert (
        "HttpOnly" in cookie and "Path=/contact-us" in cookie and "samesite=lax" in cookie.lower()
    )


def send(client: TestClient, text: str) -> str:
    response = client.post("/contact-us/chat", data={"text": text, "csrf_token": csrf_for(client)})
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/contact-us/chat#latest"
    page = client.get("/contact-us/chat")
    assert page.status_code == 200
    return page.text


def test_start_page_is_public_and_warns_to_call_999(client: TestClient) -> None:
    page = client.get("/contact-us")
    assert page.status_code == 200
    assert '<h1 class="govuk-heading-l">Contact us about a non-emergency</h1>' in page.text
    assert "call 999" in page.text and "privacy notice" in page.text


def test_starting_needs_the_csrf_token(client: TestClient) -> None:
    client.get("/contact-us")
    assert client.post("/contact-us").status_code == 403


def test_chat_without_a_conversation_offers_to_start_one(client: TestClient) -> None:
    response = client.get("/contact-us/chat")
    assert response.status_code == 200 and "Start now" in response.text


def test_crime_report_through_the_chat_shows_the_reference(client: TestClient) -> None:
    begin(client)
    page = client.get("/contact-us/chat").text
    assert "What are you contacting us about today?" in page
    for text in (
        "My bike was stolen from my garden shed last night",
        "b5 4tr",
        "yesterday at 11pm",
        "a blue Raleigh bike",
        "about £300",
        "none",
        "no",
        "no",
        "no",
        "Sam Taylor",
        "07700 900123",
    ):
        page = send(client, text)
    assert "Is that correct?" in page and "B5 4TR" in page
    page = send(client, "yes")
    assert "Your reference" in page and "LOG 0001-" in page
    assert "not a crime number" in page
    assert 'name="text"' not in page  # finished: no message box


def test_speak_to_a_person_button_hands_over(client: TestClient, db: Session) -> None:
    begin(client)
    page = client.get("/contact-us/chat").text
    assert "Speak to a person" in page
    page = send(client, "I would like to speak to a person")
    assert "Are you safe now?" in page and "Skip this question" in page
    call = db.execute(select(ContactCall)).scalar_one()
    assert call.status == "waiting" and call.channel == "web_chat"  # queued already


def test_empty_message_shows_an_error_summary(client: TestClient) -> None:
    begin(client)
    response = client.post("/contact-us/chat", data={"text": " ", "csrf_token": csrf_for(client)})
    assert response.status_code == 422
    assert "There is a problem" in response.text and "Enter a message" in response.text
    assert 'href="#text"' in response.text


def test_disclosure_shows_the_999_warning(client: TestClient) -> None:
    begin(client)
    send(client, "I want to report criminal damage to my car")
    page = send(client, "he said he'll kill me")
    assert "If you or someone else is in danger now" in page and "999" in page


def test_a_forged_cookie_cannot_reach_anyone_elses_chat(client: TestClient) -> None:
    begin(client)
    client.cookies.clear()
    client.cookies.set(CHAT_COOKIE, "not-a-real-token-at-all")
    page = client.get("/contact-us/chat")
    assert page.status_code == 200 and "Start now" in page.text


def test_crisis_wording_shows_the_help_lines_panel_and_what_happens_next(
    client: TestClient, db: Session
) -> None:
    begin(client)
    page = send(client, "I don't want to be here anymore")
    assert "Help you can get now" in page and 'href="tel:116123"' in page
    assert "0808 2000 247" not in page and "mental health option" in page
    assert "Are you safe now?" in page
    for text in ("I'd rather not say", "at home", "07700 900123"):
        page = send(client, text)
    assert "What happens next" in page and "07700 900123" in page
    assert "Add something for the member of staff" in page  # the box stays
    assert "Help you can get now" in page
    call = db.execute(select(ContactCall)).scalar_one()
    queued = QueuedCall.of(call)
    assert queued.caller_safety is not None
    assert queued.caller_safety.location == "at home"
    assert queued.caller_safety.callback_number == "07700900123"
    assert queued.caller_safety.not_answered == ["safe_now"]
    assert queued.crisis_signposts == ["mental_health"]
