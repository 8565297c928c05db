"""Finished evidence copied to S3-compatible object storage (here moto's S3 server over HTTP),
then played back by range, and exported, from the bucket."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from synergy.app import create_app
from synergy.core.audit import AuditRecord
from synergy.core.events import OutboxWorker
from synergy.core.roles import Role
from synergy.evidence import events
from synergy.evidence.models import EvidenceFile
from synergy.evidence.settings import EvidenceSettings
from tests.conftest import sign_in
from tests.evidence.conftest import TUS, metadata, tiny_mp4

pytestmark = pytest.mark.slow


@pytest.fixture
def s3_settings(settings, monkeypatch):  # type: ignore[no-untyped-def]
    import boto3
    from moto.server import ThreadedMotoServer

    for name, value in {
        "AWS_ACCESS_KEY_ID": "evidence-test",
        "AWS_SECRET_ACCESS_KEY": "x" * 40,
        "AWS_SESSION_TOKEN": "",
        "AWS_CONFIG_FILE": "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
    }.items():
        monkeypatch.setenv(name, value)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    boto3.client("s3", endpoint_url=endpoint, region_name="eu-west-2").create_bucket(
        Bucket="evidence", CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
    )
    section = settings.section(EvidenceSettings).model_copy(
        update={"s3_bucket": "evidence", "s3_endpoint_url": endpoint}
    )
    yield settings.with_sections(section)
    server.stop()


def test_finished_file_moves_to_the_bucket_and_is_served_from_it(
    s3_settings, engine, make_link, make_user, session_factory
) -> None:  # type: ignore[no-untyped-def]
    video = tiny_mp4()
    link = make_link()
    app = create_app(s3_settings, engine=engine)
    make_user("ivy", Role.INVESTIGATOR)
    with TestClient(app, follow_redirects=False) as client:
        created = client.post(
            link.endpoint,
            content=video,
            headers={
                **TUS,
                "Upload-Length": str(len(video)),
                "Upload-Metadata": metadata(filename="a.mp4"),
                "Content-Type": "application/offset+octet-stream",
            },
        )
        assert created.status_code == 201
        OutboxWorker(session_factory, events.subscriptions(s3_settings)).drain()
        with session_factory() as db:
            file = db.execute(select(EvidenceFile)).scalar_one()
            assert db.execute(
                select(AuditRecord).where(AuditRecord.action == "evidence.archived")
            ).scalar_one()
        assert file.object_key is not None
        assert file.media["codec"] == "h264"
        assert not app.state.evidence_storage.path(file.storage_key).exists()
        sign_in(client, "ivy")
        url = f"/evidence/files/{file.public_id}/content"
        part = client.get(url, headers={"Range": "bytes=100-199"})
        assert part.status_code == 206
        assert part.content == video[100:200]
        assert part.headers["Content-Range"] == f"bytes 100-199/{len(video)}"
        assert client.get(url).content == video
        exported = client.get(f"/evidence/requests/{link.public_id}/export")
    assert exported.status_code == 200
    bundle = zipfile.ZipFile(io.BytesIO(exported.content))
    (entry,) = json.loads(bundle.read("manifest.json"))["files"]
    assert hashlib.sha256(bundle.read(entry["name"])).hexdigest() == entry["sha256"]
    assert entry["sha256"] == hashlib.sha256(video).hexdigest()
