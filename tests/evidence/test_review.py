"""After upload: content checks and notification (event worker), playback by range requests,
download, and the export bundle with its hash manifest."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from synergy.core.audit import AuditRecord
from synergy.core.events import OutboxWorker
from synergy.evidence import events
from synergy.evidence.models import EvidenceFile, Notification
from tests.evidence.conftest import TUS, metadata, tiny_mp4
from tests.evidence.smtp import smtp_server


def _upload(client, link, data: bytes, name: str = "door.mp4") -> str:  # type: ignore[no-untyped-def]
    # As the member of the public: a browser of their own, signed in to nothing.
    uploader = TestClient(client.app, base_url="http://testserver")
    created = uploader.post(
        link.endpoint,
        content=data,
        headers={
            **TUS,
            "Upload-Length": str(len(data)),
            "Upload-Metadata": metadata(filename=name),
            "Content-Type": "application/offset+octet-stream",
        },
    )
    assert created.status_code == 201, created.text
    return created.headers["Location"].rsplit("/", 1)[1]


def _drain(settings, session_factory) -> None:  # type: ignore[no-untyped-def]
    OutboxWorker(session_factory, events.subscriptions(settings)).drain()


@pytest.fixture
def video() -> bytes:
    return tiny_mp4()


def test_completed_upload_is_probed_scanned_and_notified(
    client, make_link, settings, session_factory, video
) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    file_id = _upload(client, link, video)
    _drain(settings, session_factory)
    _drain(settings, session_factory)  # running twice changes nothing
    with session_factory() as db:
        file = db.execute(
            select(EvidenceFile).where(EvidenceFile.public_id == file_id)
        ).scalar_one()
        assert file.media["readable"] is True
        assert file.media["codec"] == "h264"
        assert (file.media["width"], file.media["height"]) == (64, 48)
        assert file.media["duration_seconds"] == pytest.approx(1.0, abs=0.2)
        assert file.scan_result.startswith(("not scanned", "clean"))
        (note,) = db.execute(select(Notification)).scalars()
        assert note.username == "ivy" and "door.mp4" in note.message


def test_investigator_is_emailed_when_upload_completes(
    client, make_link, settings, session_factory, video
) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    from synergy.evidence.models import UploadRequest

    with session_factory() as db:
        db.execute(select(UploadRequest)).scalar_one().notify_email = "ivy@police.example"
        db.commit()
    _upload(client, link, video)
    with smtp_server() as (port, inbox):
        configured = settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": port})
        _drain(configured, session_factory)
    (message,) = inbox
    assert message["To"] == "ivy@police.example"
    assert "20/123456/24" in message["Subject"]


def test_playback_answers_range_requests_with_206(
    client, make_link, as_creator, video, session_factory
) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    file_id = _upload(client, link, video)
    viewer = as_creator
    start = viewer.get(f"/evidence/files/{file_id}/content", headers={"Range": "bytes=0-"})
    assert start.status_code == 206 and start.content == video
    partial = viewer.get(f"/evidence/files/{file_id}/content", headers={"Range": "bytes=10-19"})
    assert partial.status_code == 206
    assert partial.content == video[10:20]
    assert partial.headers["Content-Range"] == f"bytes 10-19/{len(video)}"
    whole = viewer.get(f"/evidence/files/{file_id}/content?download=true")
    assert whole.status_code == 200 and whole.content == video
    assert whole.headers["Content-Disposition"].startswith("attachment")
    with session_factory() as db:
        actions = [r.action for r in db.execute(select(AuditRecord)).scalars()]
    assert "evidence.viewed" in actions and "evidence.downloaded" in actions


def test_detail_page_shows_hash_statement_and_player(
    client, make_link, as_creator, video, settings, session_factory
) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    _upload(client, link, video)
    _drain(settings, session_factory)
    page = as_creator.get(f"/evidence/requests/{link.public_id}")
    assert hashlib.sha256(video).hexdigest() in page.text
    assert "5 minutes fast" in page.text and "Sam Jones" in page.text
    assert "<video" in page.text and "MP4 or QuickTime video, H.264, 64×48" in page.text
    assert "Complete:" in page.text


def test_export_bundle_holds_files_and_manifest_with_hashes(
    client, make_link, as_creator, video, session_factory
) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    _upload(client, link, video, "front.mp4")
    _upload(client, link, tiny_mp4(2), "back.mp4")
    response = as_creator.get(f"/evidence/requests/{link.public_id}/export")
    assert response.status_code == 200
    bundle = zipfile.ZipFile(io.BytesIO(response.content))
    manifest = json.loads(bundle.read("manifest.json"))
    assert manifest["reference"] == "20/123456/24"
    assert manifest["statement"]["clock_offset"] == "5 minutes fast"
    for entry in manifest["files"]:
        assert hashlib.sha256(bundle.read(entry["name"])).hexdigest() == entry["sha256"]
    assert {e["original_name"] for e in manifest["files"]} == {"front.mp4", "back.mp4"}
    with session_factory() as db:
        assert "evidence.exported" in {r.action for r in db.execute(select(AuditRecord)).scalars()}


def test_export_refuses_a_file_changed_after_upload(
    client, app, make_link, as_creator, video, session_factory
) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    _upload(client, link, video)
    with session_factory() as db:
        key = db.execute(select(EvidenceFile.storage_key)).scalar_one()
    path = app.state.evidence_storage.path(key)
    path.write_bytes(b"X" + path.read_bytes()[1:])
    response = as_creator.get(f"/evidence/requests/{link.public_id}/export")
    assert response.status_code == 409
    assert "has changed since it was uploaded" in response.text
    with session_factory() as db:
        assert "evidence.hash_mismatch" in {
            r.action for r in db.execute(select(AuditRecord)).scalars()
        }


def test_download_and_playback_refuse_a_file_changed_on_disk(
    client, app, make_link, as_creator, video, session_factory
) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    file_id = _upload(client, link, video)
    url = f"/evidence/files/{file_id}/content"
    assert as_creator.get(url, headers={"Range": "bytes=0-"}).status_code == 206
    with session_factory() as db:
        key = db.execute(select(EvidenceFile.storage_key)).scalar_one()
    path = app.state.evidence_storage.path(key)
    changed = bytearray(path.read_bytes())
    changed[len(changed) // 2] ^= 0x01  # one byte, one bit
    path.write_bytes(bytes(changed))
    for response in (
        as_creator.get(f"{url}?download=true"),
        as_creator.get(url, headers={"Range": "bytes=0-"}),
        as_creator.get(url, headers={"Range": "bytes=10-19"}),
    ):
        assert response.status_code == 409
        assert "has changed since it was uploaded" in response.text
        assert bytes(changed[10:20]) not in response.content
    with session_factory() as db:
        mismatches = db.execute(
            select(AuditRecord).where(AuditRecord.action == "evidence.hash_mismatch")
        ).scalars()
        assert len(list(mismatches)) == 3
