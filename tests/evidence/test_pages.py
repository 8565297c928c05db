"""Investigators' pages: create, send (real SMTP server, logging SMS), QR code, revoke, extend."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from synergy.app import create_app
from synergy.core.audit import AuditRecord
from synergy.core.roles import Role
from synergy.evidence.models import UploadRequest
from synergy.evidence.settings import EvidenceSettings
from tests.conftest import csrf_for
from tests.evidence.notify_fake import API_KEY, EMAIL_TEMPLATE, SMS_TEMPLATE, fake_notify
from tests.evidence.smtp import smtp_server

FORM = {
    "reference": "crime number 20 123456 24",
    "description": "Camera over the shop door, 10pm to 11pm",
    "email": "",
    "mobile": "07700 900123",
    "expiry_days": "7",
    "max_files": "16",
    "max_file_gb": "60",
    "max_total_gb": "200",
}


def _post(client, **changes):  # type: ignore[no-untyped-def]
    data = {**FORM, **changes, "csrf_token": csrf_for(client)}
    return client.post("/evidence/requests/new", data=data)


def test_new_request_form_shows_defaults(signed_in) -> None:  # type: ignore[no-untyped-def]
    page = signed_in(Role.INVESTIGATOR).get("/evidence/requests/new")
    assert page.status_code == 200
    assert 'value="7"' in page.text and 'value="16"' in page.text and 'value="200"' in page.text


def test_creating_a_request_shows_canonical_reference_link_and_qr(signed_in, app) -> None:  # type: ignore[no-untyped-def]
    client = signed_in(Role.INVESTIGATOR)
    response = _post(client)
    assert response.status_code == 201, response.text
    assert "20/123456/24" in response.text
    assert "<svg" in response.text and "QR code of the upload link" in response.text
    link = re.search(r'id="upload-link">([^<]+)<', response.text).group(1)
    assert "/evidence/upload/" in link


def test_link_is_emailed_through_a_real_smtp_server(settings, engine, make_user) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from tests.conftest import sign_in

    with smtp_server() as (port, inbox):
        app = create_app(
            settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": port}), engine=engine
        )
        make_user("ivy", Role.INVESTIGATOR)
        with TestClient(app, follow_redirects=False) as client:
            sign_in(client, "ivy")
            response = _post(client, email="sam@example.com", mobile="")
    assert response.status_code == 201
    (message,) = inbox
    assert message["To"] == "sam@example.com"
    assert "20/123456/24" in message["Subject"]
    link = re.search(r'id="upload-link">([^<]+)<', response.text).group(1)
    code = re.search(r'id="short-code">([^<]+)<', response.text).group(1)
    body = message.get_payload(decode=True).decode()
    assert link in body
    assert f"Or go to testserver/upload and enter the code {code}." in body


def test_without_a_gateway_nothing_is_said_to_be_sent(signed_in, session_factory) -> None:  # type: ignore[no-untyped-def]
    client = signed_in(Role.INVESTIGATOR)
    form = client.get("/evidence/requests/new").text
    assert "Text messages are not set up on this system" in form
    response = _post(client, email="sam@example.com")
    assert response.status_code == 201
    assert "Not emailed: no email service is set up here" in response.text
    assert "Not texted: no text message service is set up here" in response.text
    assert "Text message sent" not in response.text and "EmailNotConfigured" not in response.text
    with session_factory() as db:
        actions = [r.action for r in db.execute(select(AuditRecord)).scalars()]
        assert actions.count("evidence.link_send_failed") == 2
        assert "evidence.link_sent" not in actions
        assert db.execute(select(UploadRequest.sent_at)).scalar_one() is None


def _notify_app(settings, engine, notify, **changes):  # type: ignore[no-untyped-def]
    section = EvidenceSettings(
        notify_api_key=changes.pop("api_key", API_KEY),
        notify_base_url=notify.base_url,
        notify_sms_template_id=SMS_TEMPLATE,
        notify_email_template_id=EMAIL_TEMPLATE,
    )
    return create_app(settings.with_sections(section), engine=engine)


def _as_investigator(app, make_user):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from tests.conftest import sign_in

    make_user("ivy", Role.INVESTIGATOR)
    client = TestClient(app, follow_redirects=False)
    sign_in(client, "ivy")
    return client


def test_link_is_texted_and_emailed_through_gov_uk_notify(  # type: ignore[no-untyped-def]
    settings, engine, make_user, session_factory
) -> None:
    with fake_notify() as notify:
        client = _as_investigator(_notify_app(settings, engine, notify), make_user)
        response = _post(client, email="sam@example.com")
    assert response.status_code == 201
    assert "Text message sent to 07700900123" in response.text
    assert "Emailed to sam@example.com" in response.text
    link = re.search(r'id="upload-link">([^<]+)<', response.text).group(1)
    email, sms = notify.sent
    assert sms["kind"] == "sms" and sms["phone_number"] == "07700900123"
    assert sms["template_id"] == SMS_TEMPLATE and sms["personalisation"]["link"] == link
    assert sms["personalisation"]["reference"] == "20/123456/24"
    code = re.search(r'id="short-code">([^<]+)<', response.text).group(1)
    assert sms["personalisation"]["short_code"] == code
    assert sms["personalisation"]["short_address"].endswith("/upload")
    assert email["kind"] == "email" and email["email_address"] == "sam@example.com"
    with session_factory() as db:
        sent = [r for r in db.execute(select(AuditRecord)).scalars() if r.action.endswith("sent")]
        assert sorted(r.details["channel"] for r in sent) == ["email", "sms"]
        assert db.execute(select(UploadRequest.sent_at)).scalar_one() is not None


def test_a_refused_key_is_reported_not_hidden(settings, engine, make_user) -> None:  # type: ignore[no-untyped-def]
    wrong_key = API_KEY[:-36] + "00000000-0000-4000-8000-000000000000"
    with fake_notify() as notify:
        app = _notify_app(settings, engine, notify, api_key=wrong_key)
        response = _post(_as_investigator(app, make_user), email="")
    assert "Not texted: GOV.UK Notify refused our key" in response.text
    assert notify.sent == [] and notify.refused[0][0] == 403


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"reference": "24/1234567K"}, "reference", "crime number"),
        ({"reference": "banana"}, "reference", "not a valid reference"),
        ({"mobile": "", "email": ""}, "email", "email address or mobile"),
        ({"mobile": "12345"}, "mobile", "UK mobile"),
        ({"expiry_days": "31"}, "expiry_days", "between 1 and 30"),
        ({"description": " "}, "description", "Describe"),
    ],
)
def test_invalid_request_shows_the_problem(signed_in, changes, field, message) -> None:  # type: ignore[no-untyped-def]
    response = _post(signed_in(Role.INVESTIGATOR), **changes)
    assert response.status_code == 422
    assert f'href="#{field}"' in response.text
    assert message in response.text


def test_incident_log_number_is_accepted(signed_in) -> None:  # type: ignore[no-untyped-def]
    response = _post(signed_in(Role.INVESTIGATOR), reference="log 1234 of 26/11/2026")
    assert response.status_code == 201
    assert "LOG 1234-26112026" in response.text


def test_supervisor_may_view_but_not_create(signed_in, make_link) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    client = signed_in(Role.SUPERVISOR)
    assert client.get("/evidence").status_code == 200
    asks = client.get(f"/evidence/requests/{link.public_id}")
    assert asks.status_code == 200 and "Why do you need to open this request?" in asks.text
    assert client.get("/evidence/requests/new").status_code == 403
    assert _post(client).status_code == 403


def test_officer_without_role_cannot_see_requests(signed_in) -> None:  # type: ignore[no-untyped-def]
    assert signed_in(Role.OFFICER).get("/evidence").status_code == 403


def test_revoke_and_extend_are_recorded(as_creator, make_link, session_factory) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    client = as_creator
    with session_factory() as db:
        before = db.execute(select(UploadRequest.expires_at)).scalar_one()
    url = f"/evidence/requests/{link.public_id}"
    assert (
        client.post(f"{url}/extend", data={"days": "3", "csrf_token": csrf_for(client)}).status_code
        == 303
    )
    assert client.post(f"{url}/revoke", data={"csrf_token": csrf_for(client)}).status_code == 303
    with session_factory() as db:
        request = db.execute(select(UploadRequest)).scalar_one()
        assert (request.expires_at - before).days == 3
        assert request.revoked_at is not None
        actions = [r.action for r in db.execute(select(AuditRecord)).scalars()]
    assert "evidence.link_extended" in actions and "evidence.link_revoked" in actions
    assert "revoked" in client.get(url).text


def test_list_finds_requests_by_reference_in_another_format(as_creator, make_link) -> None:  # type: ignore[no-untyped-def]
    make_link()
    make_link(reference="20/654321/24")
    page = as_creator.get("/evidence", params={"reference": "20-123456-2024"})
    assert "20/123456/24" in page.text and "20/654321/24" not in page.text


def test_a_search_with_no_match_says_so(as_creator, make_link) -> None:  # type: ignore[no-untyped-def]
    make_link()
    page = as_creator.get("/evidence", params={"reference": "20/999999/24"})
    assert "No upload requests of yours or your case teams for 20/999999/24." in page.text
    assert "No upload requests yet" not in page.text


def test_every_problem_is_listed_in_the_error_summary_and_beside_its_field(signed_in) -> None:  # type: ignore[no-untyped-def]
    response = _post(
        signed_in(Role.INVESTIGATOR),
        reference="banana",
        description="",
        mobile="12345",
        expiry_days="31",
        max_files="many",
    )
    assert response.status_code == 422
    summary = response.text[response.text.index("govuk-error-summary") :]
    summary = summary[: summary.index("</ul>")]
    for field in ("reference", "description", "mobile", "expiry_days", "max_files"):
        assert f'href="#{field}"' in summary, field
    assert response.text.count('class="govuk-error-message"') == 5


@pytest.mark.parametrize("days", ["²", "9" * 40])
def test_extending_by_a_number_that_is_no_whole_number_is_a_form_error(  # type: ignore[no-untyped-def]
    as_creator, make_link, days
) -> None:
    link = make_link()
    response = as_creator.post(
        f"/evidence/requests/{link.public_id}/extend",
        data={"days": days, "csrf_token": csrf_for(as_creator)},
    )
    assert 400 <= response.status_code < 500
