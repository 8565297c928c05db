"""Two tus clients written elsewhere drive a real server process: tuspy (Python) and
tus-js-client (under Node). Uploads are interrupted and resumed, including across a server
killed and started again, and a raw socket sends a truncated body."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select
from tusclient import client as tus_client
from tusclient.storage.filestorage import FileStorage

from synergy.evidence.models import EvidenceFile
from tests.conftest import PROJECT_ROOT
from tests.evidence.conftest import fake_video
from tests.evidence.server import ServerProcess

pytestmark = pytest.mark.slow
NODE_SCRIPT = Path(__file__).with_name("tus_js_upload.cjs")


@pytest.fixture
def server(settings, engine, tmp_path):  # type: ignore[no-untyped-def]
    process = ServerProcess(settings, tmp_path / "server.log").start()
    yield process
    process.stop()


@pytest.fixture
def video_file(tmp_path) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "door.mp4"
    path.write_bytes(fake_video(3_000_000))
    return path


def _stored(session_factory) -> EvidenceFile:  # type: ignore[no-untyped-def]
    with session_factory() as db:
        return db.execute(select(EvidenceFile)).scalar_one()


class _KeptOpen(io.BytesIO):
    """tuspy closes the stream it is given each time it reads it; keep it usable."""

    def __exit__(self, *_: object) -> None:
        return None


@contextmanager
def _uploader(server, link, path: Path, storage: Path):  # type: ignore[no-untyped-def]
    """tuspy's uploader, remembering upload URLs in its own file storage between runs."""
    urls = FileStorage(str(storage))
    try:
        with _KeptOpen(path.read_bytes()) as stream:
            client = tus_client.TusClient(f"{server.base}{link.endpoint}")
            yield client.uploader(
                file_stream=stream,
                chunk_size=256 * 1024,
                metadata={"filename": path.name},
                store_url=True,
                url_storage=urls,
            )
    finally:
        urls.close()


def test_tuspy_upload_interrupted_and_resumed(
    server, make_link, video_file, tmp_path, session_factory
) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    with _uploader(server, link, video_file, tmp_path / "urls.json") as first:
        first.upload(stop_at=1_000_000)
    assert _stored(session_factory).offset >= 1_000_000
    with _uploader(server, link, video_file, tmp_path / "urls.json") as again:
        assert again.url == first.url and again.offset >= 1_000_000
        again.upload()
    stored = _stored(session_factory)
    assert stored.status == "complete"
    assert stored.sha256 == hashlib.sha256(video_file.read_bytes()).hexdigest()
    server_log = server.log_path.read_text()
    assert "PATCH /api/evidence/tus/{token}/" in server_log  # uvicorn's raw-path access log
    assert link.token.split(".")[1] not in server_log


def test_tuspy_resumes_after_the_server_is_killed(
    server, make_link, video_file, tmp_path, session_factory
) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    with _uploader(server, link, video_file, tmp_path / "urls.json") as first:
        first.upload(stop_at=1_500_000)
    server.kill()
    server.start()
    with _uploader(server, link, video_file, tmp_path / "urls.json") as again:
        assert again.offset == _stored(session_factory).offset >= 1_500_000
        again.upload()
    stored = _stored(session_factory)
    assert stored.status == "complete"
    assert stored.sha256 == hashlib.sha256(video_file.read_bytes()).hexdigest()


def _node(server, link, path: Path, *extra: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node is needed for the tus-js-client tests (see docs/evidence.md)")
    result = subprocess.run(
        [node, str(NODE_SCRIPT), f"{server.base}{link.endpoint}", str(path), *extra],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"NODE_MODULES_DIR": str(PROJECT_ROOT / "node_modules"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_tus_js_client_upload_interrupted_and_resumed_after_restart(
    server, make_link, video_file, session_factory
) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    first = _node(server, link, video_file, "--stop-after", "1000000")
    assert first["done"] is False and int(first["offset"]) >= 1_000_000
    server.kill()
    server.start()
    url = str(first["url"]).replace(str(first["url"]).split("/api/")[0], server.base)
    second = _node(server, link, video_file, "--upload-url", url)
    assert second["done"] is True
    stored = _stored(session_factory)
    assert stored.sha256 == hashlib.sha256(video_file.read_bytes()).hexdigest()


def test_truncated_body_keeps_the_bytes_that_arrived(server, make_link, session_factory) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    created = tus_client.TusClient(f"{server.base}{link.endpoint}").uploader(
        file_stream=io.BytesIO(fake_video(10_000)), chunk_size=10_000
    )
    location = created.create_url()
    path = location.split(str(server.port), 1)[1]
    body = fake_video(10_000)[:4000]
    with socket.create_connection(("127.0.0.1", server.port)) as raw:
        raw.sendall(
            f"PATCH {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
            "Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\n"
            "Content-Length: 10000\r\n\r\n".encode()
            + body
        )
        time.sleep(0.5)  # let the server read what was sent, then drop the connection
    for _ in range(100):
        if _stored(session_factory).offset:
            break
        time.sleep(0.1)
    assert _stored(session_factory).offset == 4000
