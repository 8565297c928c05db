"""The audit log is a hash chain: any change made behind its back is found and named."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from synergy.core import audit
from synergy.core.db import transaction


@pytest.fixture
def five_records(session_factory) -> None:
    with transaction(session_factory) as session:
        for number in range(1, 6):
            audit.record(
                session,
                action="evidence.viewed",
                actor=f"officer{number}",
                target_type="upload",
                target_id=number,
                source_ip="10.0.0.1",
                details={"file": f"cam{number}.mp4"},
            )


def _verify(session_factory) -> audit.ChainReport:
    with transaction(session_factory) as session:
        return audit.verify_chain(session)


def test_untouched_chain_verifies(session_factory, five_records) -> None:
    report = _verify(session_factory)
    assert report.ok and report.records_checked == 5


def test_records_say_who_what_when_where_and_which_record(db, five_records) -> None:
    newest = audit.recent(db, limit=1)[0]
    assert (
        newest.actor,
        newest.action,
        newest.target_type,
        newest.target_id,
        newest.source_ip,
    ) == ("officer5", "evidence.viewed", "upload", "5", "10.0.0.1")
    assert newest.occurred_at.tzinfo is not None


def test_altered_record_is_named(session_factory, engine, five_records) -> None:
    with engine.begin() as connection:
        connection.execute(text("UPDATE core_audit_log SET actor = 'someone-else' WHERE seq = 3"))
    report = _verify(session_factory)
    assert not report.ok and report.first_bad_seq == 3
    assert "record 3 was altered" in report.problem


def test_altered_details_are_detected(session_factory, engine, five_records) -> None:
    forged = json.dumps({"file": "other.mp4"})
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE core_audit_log SET details = :d WHERE seq = 2"), {"d": forged}
        )
    assert _verify(session_factory).first_bad_seq == 2


def test_deleted_record_is_named(session_factory, engine, five_records) -> None:
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM core_audit_log WHERE seq = 4"))
    report = _verify(session_factory)
    assert report.first_bad_seq == 4 and "record 4 is missing" in report.problem


def test_deleting_the_newest_records_is_detected(session_factory, engine, five_records) -> None:
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM core_audit_log WHERE seq >= 4"))
    report = _verify(session_factory)
    assert not report.ok and report.first_bad_seq == 4
    assert "deleted" in report.problem


def test_inserted_record_is_named(session_factory, engine, five_records) -> None:
    # Make room after record 2, then slip a forged record in, re-hashed with the right
    # formula but without being able to rewrite everything after it.
    with engine.begin() as connection:
        rows = connection.execute(text("SELECT seq FROM core_audit_log ORDER BY seq DESC")).all()
        for (seq,) in rows:
            if seq >= 3:
                connection.execute(
                    text(
                        "UPDATE core_audit_log SET seq = seq + 1, hash = hash || '' WHERE seq = :s"
                    ),
                    {"s": seq},
                )
        previous = connection.execute(
            text("SELECT hash FROM core_audit_log WHERE seq = 2")
        ).scalar()
    with transaction(session_factory) as session:
        forged = audit.AuditRecord(
            seq=3,
            occurred_at=audit.utcnow(),
            actor="intruder",
            action="evidence.deleted",
            details={},
            prev_hash=previous,
            hash="f" * 64,
        )
        forged.hash = audit.compute_hash(
            seq=3,
            occurred_at=forged.occurred_at,
            actor="intruder",
            action="evidence.deleted",
            target_type=None,
            target_id=None,
            source_ip=None,
            details={},
            prev_hash=previous,
        )
        session.add(forged)
    report = _verify(session_factory)
    assert not report.ok and report.first_bad_seq == 4


def test_concurrent_writers_keep_one_unbroken_chain(session_factory) -> None:
    def write(worker: int) -> None:
        for number in range(15):
            with transaction(session_factory) as session:
                audit.record(
                    session, action="notebook.entry_added", actor=f"w{worker}", target_id=number
                )

    threads = [threading.Thread(target=write, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    report = _verify(session_factory)
    assert report.ok and report.records_checked == 45


def test_cli_verify_names_the_tampered_record(monkeypatch, settings, engine, five_records) -> None:
    from synergy.cli import app

    monkeypatch.setenv("SYNERGY_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("SYNERGY_DATA_DIR", str(settings.data_dir))
    runner = CliRunner()
    ok = runner.invoke(app, ["audit", "verify"])
    assert ok.exit_code == 0 and "5 records verified" in ok.output
    with engine.begin() as connection:
        connection.execute(text("UPDATE core_audit_log SET action = 'x' WHERE seq = 2"))
    bad = runner.invoke(app, ["audit", "verify"])
    assert bad.exit_code == 1
    assert "record 2 was altered" in bad.output
