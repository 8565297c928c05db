"""The privacy notice and the accessibility statement carry what a public body must publish."""

from fastapi.testclient import TestClient

ACCESSIBILITY_SECTIONS = (
    "How accessible these services are",
    "Feedback and contact information",
    "Reporting accessibility problems",
    "Enforcement procedure",
    "Compliance status",
    "Non-accessible content",
    "Preparation of this accessibility statement",
)
PRIVACY_SECTIONS = (
    "Who is responsible for your information",
    "What we collect and why",
    "Our lawful basis",
    "Decisions made by the assistant",
    "Who we share it with",
    "How long we keep it",
    "Your rights",
    "How to complain",
)


def test_accessibility_statement_has_the_required_sections(client: TestClient) -> None:
    page = client.get("/accessibility").text
    assert not [s for s in ACCESSIBILITY_SECTIONS if s not in page]
    assert "WCAG" in page and "Equality Advisory and Support Service" in page


def test_privacy_notice_has_the_required_sections(client: TestClient) -> None:
    page = client.get("/privacy").text
    assert not [s for s in PRIVACY_SECTIONS if s not in page]
    assert "Data Protection Act 2018" in page and "Information Commissioner" in page


def test_the_chat_links_its_privacy_notice(client: TestClient) -> None:
    from tests.conftest import csrf_for

    started = client.post("/contact-us", data={"csrf_token": csrf_for(client)})
    assert started.status_code == 303
    chat = client.get(started.headers["location"])
    assert '<a class="govuk-link" href="/privacy">our privacy notice</a>' in chat.text
    assert "on our website" not in chat.text
