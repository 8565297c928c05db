"""The public web chat: works without JavaScript, one form post per turn, redirect after POST."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.contact.models import ContactCall
from synergy.contact.pages import CHAT_COOKIE
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
        "Sam Taylor",
        "07700 900123",
    ):
        page = send(client, text)
    assert "Is that correct?" in page and "B5 4TR" in page
    page = send(client, "yes")
    assert "Your reference" in page and "LOG 0001-" in page
    assert 'name="text"' not in page  # finished: no message box


def test_speak_to_a_person_button_hands_over(client: TestClient, db: Session) -> None:
    begin(client)
    page = client.get("/contact-us/chat").text
    assert "Speak to a person" in page
    page = send(client, "I would like to speak to a person")
    assert "A member of staff will contact you" in page
    call = db.execute(select(ContactCall)).scalar_one()
    assert call.status == "waiting" and call.channel == "web_chat"


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
