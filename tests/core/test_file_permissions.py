"""What the platform stores on disk is readable by its service account only, whatever umask
the process was started with."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from synergy.core.config import load_settings
from synergy.core.db import make_engine
from synergy.evidence.storage import LocalStorage


@pytest.fixture
def open_umask():  # type: ignore[no-untyped-def]
    previous = os.umask(0o000)  # the most careless start: everything world-writable
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_file_and_data_folder_are_private(tmp_path, open_umask) -> None:
    settings = load_settings(data_dir=tmp_path / "var", database_url="")
    engine = make_engine(settings.effective_database_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE probe (id INTEGER)")
    engine.dispose()
    assert _mode(tmp_path / "var") == 0o700
    assert _mode(tmp_path / "var" / "synergy.db") == 0o600
    assert _mode(tmp_path / "var" / "secret_key") == 0o600


def test_stored_evidence_is_private(tmp_path, open_umask) -> None:
    storage = LocalStorage(tmp_path / "evidence")
    storage.create("abc123")
    with storage.append("abc123", 0) as handle:
        handle.write(b"footage")
    assert _mode(tmp_path / "evidence") == 0o700
    assert _mode(tmp_path / "evidence" / "abc123") == 0o600
    assert _mode(tmp_path / "evidence" / "abc123lock") == 0o600


def test_the_audit_key_and_checkpoint_files_are_private(tmp_path, open_umask) -> None:
    from synergy.core.audit_chain import CheckpointFile
    from synergy.core.audit_keys import load_audit_keys

    load_audit_keys(tmp_path / "keys" / "audit-keys.json")
    CheckpointFile(tmp_path / "anchors" / "audit-checkpoints.jsonl").append("{}")
    assert _mode(tmp_path / "keys") == 0o700
    assert _mode(tmp_path / "keys" / "audit-keys.json") == 0o600
    assert _mode(tmp_path / "anchors") == 0o700
    assert _mode(tmp_path / "anchors" / "audit-checkpoints.jsonl") == 0o600
