"""Upload bookkeeping: abandoned uploads expire, names are made safe, hash state resumes."""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import select, update

from synergy.evidence.hashing import ResumableSha256
from synergy.evidence.models import EvidenceFile
from synergy.evidence.uploads import expire_abandoned, safe_filename
from tests.evidence.conftest import TUS, fake_video


def test_saved_hash_state_carries_on_to_the_same_digest() -> None:
    data = fake_video(3_000_001)
    first = ResumableSha256()
    first.update(data[:1_234_567])
    resumed = ResumableSha256.from_state(first.state())
    resumed.update(data[1_234_567:])
    assert resumed.hexdigest() == hashlib.sha256(data).hexdigest()


def test_file_names_lose_folders_and_control_characters() -> None:
    assert safe_filename("..\\..\\windows\\cam1.mp4") == "cam1.mp4"
    assert safe_filename("/etc/passwd") == "passwd"
    assert safe_filename("a\x00b\nc.mp4") == "abc.mp4"
    assert safe_filename("..") == "unnamed"


def test_abandoned_partial_upload_is_deleted(client, app, make_link, session_factory) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    location = client.post(link.endpoint, headers={**TUS, "Upload-Length": "1000"}).headers[
        "Location"
    ]
    client.patch(
        location,
        content=fake_video(100),
        headers={**TUS, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"},
    )
    storage = app.state.evidence_storage
    with session_factory() as db:
        db.execute(
            update(EvidenceFile).values(updated_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=49))
        )
        db.commit()
    with session_factory() as db:
        assert expire_abandoned(db, storage=storage, idle=dt.timedelta(hours=48)) == 1
        db.commit()
    with session_factory() as db:
        assert expire_abandoned(db, storage=storage, idle=dt.timedelta(hours=48)) == 0
        assert db.execute(select(EvidenceFile.status)).scalar_one() == "expired"
    assert list(storage.root.iterdir()) == []
    assert client.head(location, headers=TUS).status_code == 410


def test_expire_command_deletes_abandoned_uploads(
    client, make_link, settings, session_factory, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from synergy.cli import app as cli

    link = make_link()
    client.post(link.endpoint, headers={**TUS, "Upload-Length": "1000"})
    with session_factory() as db:
        db.execute(
            update(EvidenceFile).values(updated_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=49))
        )
        db.commit()
    monkeypatch.setenv("SYNERGY_DATABASE_URL", settings.effective_database_url)
    monkeypatch.setenv("SYNERGY_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("SYNERGY_SECRET_KEY", settings.secret().decode())
    result = CliRunner().invoke(cli, ["evidence-expire"])
    assert result.exit_code == 0, result.output
    assert "deleted 1 abandoned upload(s)" in result.output
