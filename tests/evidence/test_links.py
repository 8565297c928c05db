"""The public's pages and link security: forged, revoked, expired and used links, rate limits,
and tokens kept out of logs and the audit log."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import select, update

from synergy.core.audit import AuditRecord
from synergy.evidence import tokens
from synergy.evidence.models import UploadRequest
from synergy.evidence.settings import EvidenceSettings
from tests.conftest import TEST_SECRET, csrf_for
from tests.evidence.conftest import TUS, fake_video, metadata

STATEMENT_FORM = {
    "name": "Sam Jones",
    "contact": "sam@example.com",
    "recorded_when": "Last night 10pm",
    "recorded_where": "12 High Street",
    "clock_offset": "",
    "details": "",
    "consent": "yes",
}


def test_start_page_explains_the_request_and_records_opening(
    client, make_link, session_factory
) -> None:  # type: ignore[no-untyped-def]
    link = make_link(statement=False)
    page = client.get(link.page)
    assert page.status_code == 200
    assert "20/123456/24" in page.text and "Front door camera" in page.text
    with session_factory() as db:
        assert db.execute(select(UploadRequest.opened_at)).scalar_one() is not None
        assert "evidence.link_opened" in {
            r.action for r in db.execute(select(AuditRecord)).scalars()
        }


def test_statement_then_files_page(client, make_link, session_factory) -> None:  # type: ignore[no-untyped-def]
    link = make_link(statement=False)
    assert client.get(f"{link.page}/files").headers["location"] == link.page
    response = client.post(link.page, data={**STATEMENT_FORM, "csrf_token": csrf_for(client)})
    assert response.status_code == 303
    assert response.headers["location"] == f"{link.page}/files"
    files = client.get(f"{link.page}/files")
    assert files.status_code == 200
    assert f'data-endpoint="/api/evidence/tus/{link.token}"' in files.text
    with session_factory() as db:
        request = db.execute(select(UploadRequest)).scalar_one()
    assert request.uploader_name == "Sam Jones" and request.consented_at is not None


def test_statement_without_consent_shows_error(client, make_link) -> None:  # type: ignore[no-untyped-def]
    link = make_link(statement=False)
    data = {**STATEMENT_FORM, "consent": "", "csrf_token": csrf_for(client)}
    response = client.post(link.page, data=data)
    assert response.status_code == 422
    assert 'href="#consent"' in response.text


def test_forged_token_is_refused(client, make_link) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    public_id, random_part, signature = link.token.split(".")
    other = "0" * 32
    forged = [
        f"{public_id}.{random_part}.{'0' * 64}",
        f"{other}.{random_part}.{signature}",
        f"{public_id}.{'A' * 43}.{signature}",
        "../../etc/passwd",
    ]
    for token in forged:
        assert client.get(f"/evidence/upload/{token}").status_code == 404
        assert (
            client.post(
                f"/api/evidence/tus/{token}", headers={**TUS, "Upload-Length": "10"}
            ).status_code
            == 404
        )


def test_validly_signed_token_for_another_link_is_refused(client, make_link) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    again = tokens.issue(TEST_SECRET.encode(), link.public_id)
    assert client.get(f"/evidence/upload/{again.value}").status_code == 404


def test_revoked_link_refuses_pages_and_uploads(client, make_link, session_factory) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    location = client.post(link.endpoint, headers={**TUS, "Upload-Length": "100"}).headers[
        "Location"
    ]
    with session_factory() as db:
        db.execute(update(UploadRequest).values(revoked_at=dt.datetime.now(dt.UTC)))
        db.commit()
    page = client.get(link.page)
    assert page.status_code == 410 and "cancelled" in page.text
    patch = client.patch(
        location,
        content=fake_video(100),
        headers={**TUS, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"},
    )
    assert patch.status_code == 410


def test_expired_link_says_so(client, make_link, session_factory) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    with session_factory() as db:
        db.execute(
            update(UploadRequest).values(
                expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
            )
        )
        db.commit()
    page = client.get(link.page)
    assert page.status_code == 410 and "expired" in page.text


def test_single_use_link_cannot_be_used_after_finishing(client, make_link) -> None:  # type: ignore[no-untyped-def]
    link = make_link(single_use=True)
    finished = client.post(f"{link.page}/finish", data={"csrf_token": csrf_for(client)})
    assert finished.status_code == 303
    assert client.get(finished.headers["location"]).status_code == 200
    assert client.get(link.page).status_code == 410
    assert client.post(link.endpoint, headers={**TUS, "Upload-Length": "10"}).status_code == 410


def test_bad_tokens_from_one_address_are_limited_without_locking_out_real_links(
    client, make_link, app
) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    limit = app.state.settings.section(EvidenceSettings).link_failures_per_ip
    for _ in range(limit):
        assert client.get("/evidence/upload/not-a-real-token-at-all").status_code == 404
    assert client.get("/evidence/upload/not-a-real-token-at-all").status_code == 429
    # Someone else behind the same address, with a real link, still gets in and can upload.
    assert client.get(link.page).status_code == 200
    created = client.post(
        link.endpoint,
        content=fake_video(100),
        headers={
            **TUS,
            "Upload-Length": "100",
            "Content-Type": "application/offset+octet-stream",
        },
    )
    assert created.status_code == 201, created.text


def test_statement_cannot_be_replaced_after_finishing_and_every_version_is_kept(
    client, make_link, session_factory
) -> None:  # type: ignore[no-untyped-def]
    from synergy.evidence.models import StatementVersion

    link = make_link(statement=False)
    first = client.post(link.page, data={**STATEMENT_FORM, "csrf_token": csrf_for(client)})
    assert first.status_code == 303
    corrected = {**STATEMENT_FORM, "clock_offset": "10 minutes slow"}
    assert (
        client.post(link.page, data={**corrected, "csrf_token": csrf_for(client)}).status_code
        == 303
    )
    client.post(f"{link.page}/finish", data={"csrf_token": csrf_for(client)})
    replaced = {**STATEMENT_FORM, "name": "Someone Else", "recorded_where": "Elsewhere"}
    late = client.post(link.page, data={**replaced, "csrf_token": csrf_for(client)})
    assert late.status_code == 409 and "contact the investigator" in late.text
    with session_factory() as db:
        request = db.execute(select(UploadRequest)).scalar_one()
        assert request.uploader_name == "Sam Jones"
        assert request.statement["clock_offset"] == "10 minutes slow"
        versions = db.execute(select(StatementVersion).order_by(StatementVersion.version)).scalars()
        assert [(v.version, v.statement["clock_offset"]) for v in versions] == [
            (1, ""),
            (2, "10 minutes slow"),
        ]
    # The link still works for more files; its start page no longer offers the statement.
    assert client.get(link.page).headers["location"] == f"{link.page}/files"


def _new_code(client) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """(short code, link) shown to the investigator who creates a request."""
    import re

    response = client.post(
        "/evidence/requests/new",
        data={
            "reference": "20/123456/24",
            "description": "Shop camera",
            "email": "sam@example.com",
            "expiry_days": "7",
            "max_files": "16",
            "max_file_gb": "60",
            "max_total_gb": "200",
            "csrf_token": csrf_for(client),
        },
    )
    assert response.status_code == 201, response.text
    code = re.search(r'id="short-code">([^<]+)<', response.text).group(1)
    link = re.search(r'id="upload-link">([^<]+)<', response.text).group(1)
    assert "testserver/upload" in response.text
    return code, link


def test_a_short_code_read_over_the_phone_opens_the_upload_pages(as_creator) -> None:  # type: ignore[no-untyped-def]
    client = as_creator
    code, link = _new_code(client)
    assert len(link) > 150
    letters = code.replace(" ", "")
    assert len(letters) == tokens.CODE_LENGTH
    assert not set(letters) & set("0O1IL")
    client.cookies.clear()
    assert client.get("/u").headers["location"] == "/upload"
    assert client.get("/upload").status_code == 200
    typed = letters.lower()[:4] + "-" + letters.lower()[4:]  # as someone might type it
    opened = client.post("/upload", data={"code": typed, "csrf_token": csrf_for(client)})
    assert opened.status_code == 303
    page = opened.headers["location"]
    assert page.startswith("/evidence/upload/") and letters not in page
    start = client.get(page)
    assert start.status_code == 200 and "Shop camera" in start.text
    statement = client.post(page, data={**STATEMENT_FORM, "csrf_token": csrf_for(client)})
    assert statement.headers["location"] == f"{page}/files"
    token = page.rsplit("/", 1)[1]
    created = client.post(
        f"/api/evidence/tus/{token}",
        content=fake_video(100),
        headers={**TUS, "Upload-Length": "100", "Content-Type": "application/offset+octet-stream"},
    )
    assert created.status_code == 201, created.text


def test_wrong_short_codes_are_limited_and_a_revoked_link_ends_its_code(
    as_creator, session_factory
) -> None:  # type: ignore[no-untyped-def]
    client = as_creator
    code, _ = _new_code(client)
    client.cookies.clear()
    wrong = client.post("/upload", data={"code": "ABCDE-FGHJK", "csrf_token": csrf_for(client)})
    assert wrong.status_code == 422 and "Check the code with the message" in wrong.text
    bad_shape = client.post("/upload", data={"code": "O1IL0", "csrf_token": csrf_for(client)})
    assert bad_shape.status_code == 422
    for _ in range(3):
        client.post("/upload", data={"code": "ABCDE-FGHJK", "csrf_token": csrf_for(client)})
    # Five wrong codes from one browser: even the right one now waits.
    limited = client.post("/upload", data={"code": code, "csrf_token": csrf_for(client)})
    assert limited.status_code == 429 and "Use the link in your message" in limited.text
    other_browser = client.__class__(client.app, base_url="http://testserver")
    with session_factory() as db:
        db.execute(update(UploadRequest).values(revoked_at=dt.datetime.now(dt.UTC)))
        db.commit()
    revoked = other_browser.post(
        "/upload", data={"code": code, "csrf_token": csrf_for(other_browser)}
    )
    assert revoked.status_code == 410 and "cancelled" in revoked.text


def test_token_never_appears_in_logs_or_audit(client, make_link, session_factory, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG)
    link = make_link()
    client.get(link.page)
    created = client.post(
        link.endpoint,
        headers={**TUS, "Upload-Length": "100", "Upload-Metadata": metadata(filename="a.mp4")},
    )
    client.patch(
        created.headers["Location"],
        content=fake_video(100),
        headers={**TUS, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"},
    )
    random_part = link.token.split(".")[1]
    # The test's own HTTP client logs the URLs it calls; everything the server logs counts.
    server_logs = [r for r in caplog.records if not r.name.startswith("httpx")]
    assert any(r.name == "synergy.access" for r in server_logs)
    assert not [r for r in server_logs if random_part in r.getMessage()]
    with session_factory() as db:
        for record in db.execute(select(AuditRecord)).scalars():
            assert random_part not in str(record.details)
