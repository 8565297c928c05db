"""The audit log is a keyed chain with signed checkpoints outside the database: changes made
behind its back are found and named, even by someone who can rewrite every row."""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from synergy.core import audit
from synergy.core.audit_chain import (
    _COLUMNS,
    ChainReport,
    CheckpointFile,
    _raw,
    canonical_body,
    seal_pending,
    verify_chain,
)
from synergy.core.audit_keys import load_audit_keys
from synergy.core.db import transaction


@pytest.fixture
def keys(tmp_path):  # type: ignore[no-untyped-def]
    return load_audit_keys(tmp_path / "keys" / "audit-keys.json")


@pytest.fixture
def checkpoints(tmp_path) -> CheckpointFile:
    return CheckpointFile(tmp_path / "checkpoints" / "audit-checkpoints.jsonl")


def _write(session_factory, count: int, start: int = 1) -> None:  # type: ignore[no-untyped-def]
    with transaction(session_factory) as session:
        for number in range(start, start + count):
            audit.record(
                session,
                action="evidence.viewed",
                actor=f"officer{number}",
                target_type="upload",
                target_id=number,
                source_ip="10.0.0.1",
                details={"file": f"cam{number}.mp4"},
            )


def _seal(session_factory, keys, checkpoints) -> int:  # type: ignore[no-untyped-def]
    with transaction(session_factory) as session:
        return seal_pending(session, keys, checkpoints)


@pytest.fixture
def five_records(session_factory, keys, checkpoints) -> None:  # type: ignore[no-untyped-def]
    _write(session_factory, 5)
    assert _seal(session_factory, keys, checkpoints) == 5


def _verify(session_factory, keys, checkpoints=None, **kwargs) -> ChainReport:  # type: ignore[no-untyped-def]
    with transaction(session_factory) as session:
        return verify_chain(session, keys, checkpoints, **kwargs)


def _rewrite_with(connection, digest) -> None:  # type: ignore[no-untyped-def]
    """What an attacker with write access and no key does: recompute every link and the head."""
    prev = "0" * 64
    rows = connection.execute(
        text(f"SELECT {_COLUMNS} FROM core_audit_log WHERE seq IS NOT NULL ORDER BY seq")  # noqa: S608
    ).all()
    for row in rows:
        entry = _raw(row)
        new = digest(canonical_body(entry, seq=entry.seq, prev_hash=prev))
        connection.execute(
            text("UPDATE core_audit_log SET prev_hash = :p, hash = :h WHERE id = :i"),
            {"p": prev, "h": new, "i": entry.row_id},
        )
        prev = new
    connection.execute(
        text("UPDATE core_audit_head SET seq = :s, hash = :h WHERE id = 1"),
        {"s": len(rows), "h": prev},
    )


def test_untouched_chain_verifies(session_factory, keys, checkpoints, five_records) -> None:
    report = _verify(session_factory, keys, checkpoints)
    assert report.ok and report.records_checked == 5 and report.checkpoints_checked == 1


def test_records_say_who_what_when_where_and_which_record(db, five_records) -> None:
    newest = audit.recent(db, limit=1)[0]
    assert (
        newest.actor,
        newest.action,
        newest.target_type,
        newest.target_id,
        newest.source_ip,
    ) == ("officer5", "evidence.viewed", "upload", "5", "10.0.0.1")
    assert newest.occurred_at.tzinfo is not None and newest.seq == 5


def test_a_new_record_is_counted_as_waiting_until_sealed(
    session_factory, keys, checkpoints, five_records
) -> None:
    _write(session_factory, 2, start=6)
    waiting = _verify(session_factory, keys, checkpoints)
    assert waiting.ok and waiting.records_checked == 5 and waiting.unsealed == 2
    _seal(session_factory, keys, checkpoints)
    sealed = _verify(session_factory, keys, checkpoints)
    assert sealed.records_checked == 7 and sealed.unsealed == 0


def test_altered_record_is_named(session_factory, engine, keys, five_records) -> None:
    with engine.begin() as connection:
        connection.execute(text("UPDATE core_audit_log SET actor = 'someone-else' WHERE seq = 3"))
    report = _verify(session_factory, keys)
    assert not report.ok and report.first_bad_seq == 3
    assert "record 3 was altered" in report.problem


def test_a_record_rewritten_with_every_hash_recomputed_is_still_found(
    session_factory, engine, keys, checkpoints, five_records
) -> None:
    # The attack that passed before: change a record, recompute the following hashes with the
    # published formula (plain SHA-256) and reset the head. Without the key it cannot match.
    with engine.begin() as connection:
        connection.execute(text("UPDATE core_audit_log SET actor = 'intruder' WHERE seq = 2"))
        _rewrite_with(connection, lambda body: hashlib.sha256(body).hexdigest())
    report = _verify(session_factory, keys)
    assert not report.ok and report.first_bad_seq == 1
    assert "was altered" in report.problem


def test_a_rewrite_under_a_guessed_key_is_found(
    session_factory, engine, keys, tmp_path, five_records
) -> None:
    other = load_audit_keys(tmp_path / "elsewhere.json")
    import hmac

    with engine.begin() as connection:
        connection.execute(text("UPDATE core_audit_log SET action = 'x' WHERE seq = 4"))
        _rewrite_with(
            connection, lambda body: hmac.new(other.current_key, body, "sha256").hexdigest()
        )
    assert not _verify(session_factory, keys).ok


def test_altered_details_are_detected(session_factory, engine, keys, five_records) -> None:
    forged = json.dumps({"file": "other.mp4"})
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE core_audit_log SET details = :d WHERE seq = 2"), {"d": forged}
        )
    assert _verify(session_factory, keys).first_bad_seq == 2


def test_deleted_record_is_named(session_factory, engine, keys, five_records) -> None:
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM core_audit_log WHERE seq = 4"))
    report = _verify(session_factory, keys)
    assert report.first_bad_seq == 4 and "record 4 is missing" in report.problem


def test_deleting_the_newest_records_is_detected(
    session_factory, engine, keys, five_records
) -> None:
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM core_audit_log WHERE seq >= 4"))
    report = _verify(session_factory, keys)
    assert not report.ok and report.first_bad_seq == 4
    assert "the head was changed" in report.problem


def test_cutting_off_the_newest_records_and_resetting_the_head_is_caught_by_a_checkpoint(
    session_factory, engine, keys, checkpoints, five_records
) -> None:
    with engine.begin() as connection:
        kept = connection.execute(text("SELECT hash FROM core_audit_log WHERE seq = 3")).scalar()
        connection.execute(text("DELETE FROM core_audit_log WHERE seq >= 4"))
        connection.execute(
            text("UPDATE core_audit_head SET seq = 3, hash = :h WHERE id = 1"), {"h": kept}
        )
    assert _verify(session_factory, keys).ok  # the database alone cannot tell
    report = _verify(session_factory, keys, checkpoints)
    assert not report.ok
    assert "ends at record 3" in report.problem and "saw record 5" in report.problem


def test_emptying_the_log_and_its_head_is_caught_by_a_checkpoint_kept_offline(
    session_factory, engine, keys, checkpoints, five_records
) -> None:
    kept_line = checkpoints.newest_line()
    assert kept_line is not None
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM core_audit_log"))
        connection.execute(text("DELETE FROM core_audit_head"))
    checkpoints.path.unlink()  # the attacker removed the file on the server too
    report = _verify(
        session_factory, None, None, kept_checkpoints=[kept_line], public_key=keys.public_key
    )
    assert not report.ok and "saw record 5" in report.problem


def test_a_forged_checkpoint_line_is_refused(
    session_factory, keys, checkpoints, five_records
) -> None:
    line = json.loads(checkpoints.newest_line() or "{}")
    line["seq"] = 2
    report = _verify(session_factory, keys, None, kept_checkpoints=[json.dumps(line)])
    assert not report.ok and "bad signature" in report.problem


def test_unreadable_rows_are_named_not_crashed_on(
    session_factory, engine, keys, five_records
) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's json and timestamp types refuse such values on write")
    with engine.begin() as connection:
        connection.execute(text("UPDATE core_audit_log SET details = '{broken' WHERE seq = 2"))
    report = _verify(session_factory, keys)
    assert report.first_bad_seq == 2 and "not valid JSON" in report.problem
    with engine.begin() as connection:
        connection.execute(text("UPDATE core_audit_log SET occurred_at = 'soon' WHERE seq = 1"))
    report = _verify(session_factory, keys)
    assert report.first_bad_seq == 1 and "not a timestamp" in report.problem


def test_rotated_keys_keep_older_records_verifiable(
    session_factory, engine, keys, checkpoints, five_records
) -> None:
    old_key = keys.current
    new_key = keys.rotate()
    _write(session_factory, 3, start=6)
    _seal(session_factory, keys, checkpoints)
    reloaded = load_audit_keys(keys.path)
    assert reloaded.current == new_key and old_key in reloaded.hmac_keys
    assert _verify(session_factory, reloaded, checkpoints).records_checked == 8
    with engine.begin() as connection:
        used = dict(
            connection.execute(text("SELECT seq, key_id FROM core_audit_log")).all()
        )
    assert used[1] == old_key and used[8] == new_key
    del reloaded.hmac_keys[old_key]
    report = _verify(session_factory, reloaded)
    assert not report.ok and "not in" in report.problem


def test_key_file_is_readable_by_the_service_account_only(keys) -> None:
    assert keys.path.stat().st_mode & 0o777 == 0o600


def test_writers_do_not_wait_for_each_other(session_factory, engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time whatever the audit log does")
    # An audited transaction left open must not hold up another audited one.
    holding = session_factory()
    audit.record(holding, action="records.person_viewed", actor="slow")
    finished = threading.Event()

    def other() -> None:
        _write(session_factory, 1, start=99)
        finished.set()

    thread = threading.Thread(target=other)
    thread.start()
    try:
        assert finished.wait(timeout=20), "the second writer waited for the first"
    finally:
        holding.commit()
        holding.close()
        thread.join()


def test_concurrent_writers_and_sealers_keep_one_unbroken_chain(
    session_factory, keys, checkpoints
) -> None:
    def write(worker: int) -> None:
        for number in range(15):
            with transaction(session_factory) as session:
                audit.record(
                    session, action="notebook.entry_added", actor=f"w{worker}", target_id=number
                )

    def seal() -> None:
        for _ in range(10):
            # A lost race is retried by the next round, as the sealer thread does.
            with contextlib.suppress(Exception):
                _seal(session_factory, keys, checkpoints)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(3)]
    threads += [threading.Thread(target=seal) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    _seal(session_factory, keys, checkpoints)
    report = _verify(session_factory, keys, checkpoints)
    assert report.ok and report.records_checked == 45, report.problem


def test_cli_verify_names_the_tampered_record(monkeypatch, settings, engine, five_records) -> None:
    from synergy.cli import app

    monkeypatch.setenv("SYNERGY_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("SYNERGY_DATA_DIR", str(settings.data_dir))
    runner = CliRunner()
    # The fixture sealed with its own keys; the CLI's key file is new, so seal afresh.
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE core_audit_log "
                "SET seq = NULL, key_id = NULL, prev_hash = NULL, hash = NULL"
            )
        )
        connection.execute(text("DELETE FROM core_audit_head"))
    assert "sealed 5 audit records" in runner.invoke(app, ["audit", "seal"]).output
    ok = runner.invoke(app, ["audit", "verify"])
    assert ok.exit_code == 0 and "5 records verified, 1 signed checkpoints" in ok.output
    printed = runner.invoke(app, ["audit", "checkpoint"]).output
    assert '"seq": 5' in printed and "public key:" in printed
    with engine.begin() as connection:
        connection.execute(text("UPDATE core_audit_log SET action = 'x' WHERE seq = 2"))
    bad = runner.invoke(app, ["audit", "verify"])
    assert bad.exit_code == 1
    assert "record 2 was altered" in bad.output
