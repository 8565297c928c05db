"""The public's pages and link security: forged, revoked, expired and used links, rate limits,
and tokens kept out of logs and the audit log."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import select, update

from synergy.core.audit import AuditRecord
from synergy.evidence import tokens
from synergy.evidence.models import UploadRequest
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


def test_many_bad_tokens_from_one_address_are_rate_limited(client, make_link, app) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    limit = app.state.settings.evidence_link_failures_per_ip
    for _ in range(limit):
        assert client.get("/evidence/upload/not-a-real-token-at-all").status_code == 404
    assert client.get("/evidence/upload/not-a-real-token-at-all").status_code == 429
    assert client.get(link.page).status_code == 429


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
