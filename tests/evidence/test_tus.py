"""The tus 1.0 protocol as the server speaks it, driven request by request."""

from __future__ import annotations

import base64
import errno
import hashlib

from fastapi.testclient import TestClient
from sqlalchemy import select

from synergy.core.audit import AuditRecord
from synergy.core.roles import Role
from synergy.evidence.models import EvidenceFile
from synergy.evidence.storage import LocalStorage
from tests.conftest import csrf_for, sign_in
from tests.evidence.conftest import TUS, fake_video, metadata


def _create(client: TestClient, link, length: int, **extra: str):  # type: ignore[no-untyped-def]
    headers = {
        **TUS,
        "Upload-Length": str(length),
        "Upload-Metadata": metadata(filename="door.mp4", filetype="video/mp4"),
        **extra,
    }
    return client.post(link.endpoint, headers=headers)


def _patch(client: TestClient, location: str, offset: int, body: bytes, **extra: str):  # type: ignore[no-untyped-def]
    headers = {
        **TUS,
        "Upload-Offset": str(offset),
        "Content-Type": "application/offset+octet-stream",
        **extra,
    }
    return client.patch(location, content=body, headers=headers)


def test_options_lists_supported_extensions(client: TestClient) -> None:
    response = client.options("/api/evidence/tus")
    assert response.status_code == 204
    assert response.headers["Tus-Version"] == "1.0.0"
    assert set(response.headers["Tus-Extension"].split(",")) == {
        "creation",
        "creation-with-upload",
        "expiration",
        "checksum",
        "termination",
    }
    assert "sha256" in response.headers["Tus-Checksum-Algorithm"]


def test_upload_in_two_patches_stores_bytes_and_sha256(  # type: ignore[no-untyped-def]
    client, make_link, session_factory, audit_chain_ok
) -> None:
    link = make_link()
    data = fake_video(300_000)
    created = _create(client, link, len(data))
    assert created.status_code == 201, created.text
    location = created.headers["Location"]
    assert "Upload-Expires" in created.headers
    first = _patch(client, location, 0, data[:100_000])
    assert first.status_code == 204 and first.headers["Upload-Offset"] == "100000"
    head = client.head(location, headers=TUS)
    assert head.headers["Upload-Offset"] == "100000"
    assert head.headers["Upload-Length"] == str(len(data))
    assert head.headers["Cache-Control"] == "no-store"
    second = _patch(client, location, 100_000, data[100_000:])
    assert second.headers["Upload-Offset"] == str(len(data))
    with session_factory() as db:
        file = db.execute(select(EvidenceFile)).scalar_one()
        assert file.status == "complete"
        assert file.sha256 == hashlib.sha256(data).hexdigest()
        actions = [r.action for r in db.execute(select(AuditRecord)).scalars()]
        assert "evidence.upload_started" in actions and "evidence.upload_completed" in actions
    assert audit_chain_ok()


def test_creation_with_upload_accepts_first_bytes(client, make_link) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    data = fake_video(5000)
    response = client.post(
        link.endpoint,
        content=data,
        headers={
            **TUS,
            "Upload-Length": str(len(data)),
            "Content-Type": "application/offset+octet-stream",
        },
    )
    assert response.status_code == 201
    assert response.headers["Upload-Offset"] == "5000"


def test_wrong_offset_is_refused_with_409(client, make_link) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    location = _create(client, link, 1000).headers["Location"]
    assert _patch(client, location, 0, fake_video(100)).status_code == 204
    response = _patch(client, location, 50, fake_video(100))
    assert response.status_code == 409
    assert client.head(location, headers=TUS).headers["Upload-Offset"] == "100"


def test_checksum_is_verified_and_bad_chunk_discarded(client, make_link) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    data = fake_video(2000)
    location = _create(client, link, len(data)).headers["Location"]
    good = base64.b64encode(hashlib.sha1(data[:1000]).digest()).decode()
    assert (
        _patch(client, location, 0, data[:1000], **{"Upload-Checksum": f"sha1 {good}"}).status_code
        == 204
    )
    bad = base64.b64encode(hashlib.sha256(b"other").digest()).decode()
    response = _patch(client, location, 1000, data[1000:], **{"Upload-Checksum": f"sha256 {bad}"})
    assert response.status_code == 460
    assert client.head(location, headers=TUS).headers["Upload-Offset"] == "1000"
    assert _patch(client, location, 1000, data[1000:]).headers["Upload-Offset"] == "2000"


def test_body_longer_than_upload_length_is_refused(client, make_link) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    location = _create(client, link, 100).headers["Location"]
    response = _patch(client, location, 0, fake_video(150))
    assert response.status_code == 413
    assert client.head(location, headers=TUS).headers["Upload-Offset"] == "0"


def test_file_that_is_not_a_video_is_refused_by_its_bytes(client, make_link) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    location = _create(client, link, 100).headers["Location"]
    response = _patch(client, location, 0, b"MZ\x90\x00" + b"\x00" * 96)
    assert response.status_code == 415
    assert "not a video" in response.json()["detail"]


def test_a_refused_file_does_not_leave_the_request_uploading(  # type: ignore[no-untyped-def]
    client, make_link, session_factory, make_user
) -> None:
    link = make_link()
    location = _create(client, link, 1550).headers["Location"]
    assert _patch(client, location, 0, b"MZ\x90\x00" + b"\x00" * 1546).status_code == 415
    assert client.head(location, headers=TUS).status_code == 410  # tus clients start afresh
    page = client.get(link.page + "/files")
    client.post(link.page + "/finish", data={"csrf_token": csrf_for(client)})
    make_user("ivy", Role.INVESTIGATOR)
    sign_in(client, "ivy")
    staff = client
    detail = staff.get(f"/evidence/requests/{link.public_id}").text
    assert "Refused: not a video or picture we accept" in detail
    assert "uploading" not in detail.lower()
    assert "finished with no files accepted" in staff.get("/evidence").text
    with session_factory() as db:
        assert db.execute(select(EvidenceFile.status)).scalar_one() == "refused"
        actions = [r.action for r in db.execute(select(AuditRecord)).scalars()]
        assert "evidence.upload_refused" in actions
    assert page.status_code == 200


def test_upload_larger_than_the_link_allows_is_refused(client, make_link) -> None:  # type: ignore[no-untyped-def]
    link = make_link(max_file_gb=1, max_total_gb=1)
    response = _create(client, link, 1_000_000_001)
    assert response.status_code == 413
    assert "up to 1 GB" in response.json()["detail"]


def test_missing_tus_version_is_refused_with_412(client, make_link) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    response = client.post(link.endpoint, headers={"Upload-Length": "10"})
    assert response.status_code == 412


def test_uploading_before_the_statement_is_refused(client, make_link) -> None:  # type: ignore[no-untyped-def]
    link = make_link(statement=False)
    assert _create(client, link, 10).status_code == 409


def test_termination_deletes_an_unfinished_upload(client, make_link, app) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    location = _create(client, link, 1000).headers["Location"]
    _patch(client, location, 0, fake_video(10))
    assert client.delete(location, headers=TUS).status_code == 204
    assert client.head(location, headers=TUS).status_code == 410
    assert list(app.state.evidence_storage.root.iterdir()) == []


def test_path_traversal_in_file_name_is_neutralised(client, make_link, session_factory) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    response = client.post(
        link.endpoint,
        headers={
            **TUS,
            "Upload-Length": "10",
            "Upload-Metadata": metadata(filename="../../etc/passwd"),
        },
    )
    assert response.status_code == 201
    with session_factory() as db:
        file = db.execute(select(EvidenceFile)).scalar_one()
    assert file.filename == "passwd"
    assert file.storage_key.isalnum()


def test_concurrent_patch_to_one_upload_gets_409(client, make_link, app, session_factory) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    location = _create(client, link, 1000).headers["Location"]
    with session_factory() as db:
        key = db.execute(select(EvidenceFile.storage_key)).scalar_one()
    with app.state.evidence_storage.locked(key):
        response = _patch(client, location, 0, fake_video(100))
    assert response.status_code == 409
    assert "Another upload" in response.json()["detail"]


class _FullDisk:
    """A file handle on a disk with no space left."""

    def __init__(self, handle) -> None:  # type: ignore[no-untyped-def]
        self.handle = handle

    def write(self, _data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def fileno(self) -> int:
        return int(self.handle.fileno())

    def close(self) -> None:
        self.handle.close()


def test_full_disk_gives_a_clear_507_and_keeps_the_offset(client, make_link, app) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    location = _create(client, link, 1000).headers["Location"]
    storage = LocalStorage(app.state.settings.data_dir / "evidence")
    real_append = storage.append
    storage.append = lambda key, offset: _FullDisk(real_append(key, offset))  # type: ignore[method-assign]
    app.state.evidence_storage = storage
    response = _patch(client, location, 0, fake_video(100))
    assert response.status_code == 507
    assert "storage is full" in response.json()["detail"]
    assert client.head(location, headers=TUS).headers["Upload-Offset"] == "0"


def _streamed_request(app, body: bytes, chunk: int, pause: float):  # type: ignore[no-untyped-def]
    """A request whose body arrives in `chunk`-sized messages, `pause` seconds apart."""
    import anyio
    from starlette.requests import Request

    pieces = [body[start : start + chunk] for start in range(0, len(body), chunk)]
    messages = [
        {"type": "http.request", "body": piece, "more_body": index < len(pieces) - 1}
        for index, piece in enumerate(pieces)
    ]

    async def receive():  # type: ignore[no-untyped-def]
        await anyio.sleep(pause)
        return messages.pop(0)

    scope = {"type": "http", "app": app, "headers": [], "client": ("127.0.0.1", 1)}
    return Request(scope, receive)


def test_long_patch_commits_progress_as_it_goes_never_past_fsynced_bytes(  # type: ignore[no-untyped-def]
    client, make_link, session_factory, monkeypatch, app
) -> None:
    import anyio

    from synergy.evidence import receiving, uploads

    monkeypatch.setattr(receiving, "COMMIT_EVERY", 256 << 10)
    steps: list[tuple[str, int]] = []
    real_fsync, real_commit = receiving.os.fsync, uploads.commit_progress

    def fsync(fd: int) -> None:
        steps.append(("fsync", receiving.os.fstat(fd).st_size))
        real_fsync(fd)

    def commit_progress(session, *, file_id, progress, source_ip):  # type: ignore[no-untyped-def]
        steps.append(("commit", progress.offset))
        return real_commit(session, file_id=file_id, progress=progress, source_ip=source_ip)

    monkeypatch.setattr(receiving.os, "fsync", fsync)
    monkeypatch.setattr(uploads, "commit_progress", commit_progress)
    link = make_link()
    data = fake_video(3_000_000)
    _create(client, link, len(data))
    with session_factory() as db:
        file = db.execute(select(EvidenceFile)).scalar_one()
        target = receiving.Target(file.id, file.storage_key, 0, file.length, file.hash_state)
    request = _streamed_request(app, data, 65536, pause=0.02)
    offset = anyio.run(receiving.receive, request, target, None)
    assert offset == len(data)
    commits = [offset for step, offset in steps if step == "commit"]
    assert len(commits) > 2 and commits == sorted(commits) and commits[-1] == len(data)
    for index, (step, offset) in enumerate(steps):
        if step == "commit":
            assert steps[index - 1][0] == "fsync" and steps[index - 1][1] >= offset
    with session_factory() as db:
        file = db.execute(select(EvidenceFile)).scalar_one()
        assert file.status == "complete"
        assert file.sha256 == hashlib.sha256(data).hexdigest()


class _FillingDisk(_FullDisk):
    """A file handle on a disk that fills up after `room` bytes."""

    def __init__(self, handle, room: int) -> None:  # type: ignore[no-untyped-def]
        super().__init__(handle)
        self.room = room

    def write(self, data: bytes) -> int:
        if len(data) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= len(data)
        return int(self.handle.write(data))


def test_disk_filling_mid_patch_keeps_what_was_committed_and_the_upload_resumes(  # type: ignore[no-untyped-def]
    client, make_link, session_factory, monkeypatch, app
) -> None:
    import anyio

    from synergy.core.errors import SynergyError
    from synergy.evidence import receiving

    monkeypatch.setattr(receiving, "COMMIT_EVERY", 256 << 10)
    link = make_link()
    data = fake_video(3_000_000)
    location = _create(client, link, len(data)).headers["Location"]
    storage = LocalStorage(app.state.settings.data_dir / "evidence")
    real_append = storage.append
    storage.append = lambda key, offset: _FillingDisk(real_append(key, offset), 1_500_000)  # type: ignore[method-assign]
    app.state.evidence_storage = storage
    with session_factory() as db:
        file = db.execute(select(EvidenceFile)).scalar_one()
        target = receiving.Target(file.id, file.storage_key, 0, file.length, file.hash_state)
    # Pieces arrive with no pause, so several are queued behind the one that fails.
    request = _streamed_request(app, data, 65536, pause=0)
    try:
        anyio.run(receiving.receive, request, target, None)
    except SynergyError as error:
        assert error.status_code == 507
    else:
        raise AssertionError("a full disk must stop the upload")
    offset = int(client.head(location, headers=TUS).headers["Upload-Offset"])
    assert 0 < offset <= 1_500_000  # progress committed before the disk filled is kept
    storage.append = real_append  # type: ignore[method-assign]
    response = _patch(client, location, offset, data[offset:])
    assert response.status_code == 204
    with session_factory() as db:
        file = db.execute(select(EvidenceFile)).scalar_one()
        assert file.status == "complete"
        assert file.sha256 == hashlib.sha256(data).hexdigest()


def test_a_gif_or_a_text_file_starting_with_g_is_refused(client, make_link) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + bytes(range(256)) * 4
    script = (b"Good evening. This is not a video.\n" * 40)[:1000]
    for body in (gif, script):
        response = client.post(
            link.endpoint,
            content=body,
            headers={
                **TUS,
                "Upload-Length": str(len(body)),
                "Content-Type": "application/offset+octet-stream",
            },
        )
        assert response.status_code == 415, body[:12]


def test_refused_files_do_not_use_up_the_links_file_limit(client, make_link) -> None:  # type: ignore[no-untyped-def]
    link = make_link(max_files=1)
    rubbish = b"MZ\x90\x00" + b"\x00" * 996
    for _ in range(3):
        location = _create(client, link, len(rubbish)).headers["Location"]
        assert _patch(client, location, 0, rubbish).status_code == 415
    video = fake_video(1000)
    location = _create(client, link, len(video)).headers["Location"]
    assert _patch(client, location, 0, video).status_code == 204
    assert _create(client, link, 10).status_code == 413  # the one file allowed is used


def test_a_link_sending_only_rubbish_is_stopped(client, make_link) -> None:  # type: ignore[no-untyped-def]
    from synergy.evidence.uploads import MAX_REFUSED_PER_LINK

    link = make_link()
    rubbish = b"MZ\x90\x00" + b"\x00" * 96
    for _ in range(MAX_REFUSED_PER_LINK):
        location = _create(client, link, len(rubbish)).headers["Location"]
        assert _patch(client, location, 0, rubbish).status_code == 415
    stopped = _create(client, link, 100)
    assert stopped.status_code == 429
    assert "Contact the investigator" in stopped.json()["detail"]
