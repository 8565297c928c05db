from tests.conftest import csrf_for


def test_the_call_online_page_is_public_and_warns_about_emergencies(client):
    response = client.get("/contact/call-online")
    assert response.status_code == 200
    assert "<h1" in response.text and "Call us online about a non-emergency" in response.text
    assert "call 999" in response.text and 'id="voice-start"' in response.text
    assert '<script src="/contact/call-online/call-online.js"' in response.text


def test_the_page_script_is_served_as_javascript(client):
    response = client.get("/contact/call-online/call-online.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert "RTCPeerConnection" in response.text


def test_an_offer_needs_the_pages_csrf_token(client):
    response = client.post("/api/contact/voice/offers", json={"sdp": "v=0 " * 5, "type": "offer"})
    assert response.status_code == 403


def test_an_offer_that_is_not_an_offer_is_refused(client):
    token = csrf_for(client)
    response = client.post(
        "/api/contact/voice/offers", json={"sdp": "v=0", "type": "answer"},
        headers={"X-CSRF-Token": token},
    )  # fmt: skip
    assert response.status_code == 422


def test_call_controls_are_hidden_until_the_script_can_run_them(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/contact/call-online").text
    assert '<div id="voice-call" hidden' in page
    assert '<noscript><p class="govuk-body">Calling online needs JavaScript.' in page
    script = client.get("/contact/call-online/call-online.js").text
    assert "root.hidden = false;" in script
