"""The audit log: an append-only, hash-chained record of security-relevant and evidential events.

Each record stores who did what, when, from where and on which record, plus the hash of the
record before it. `verify_chain()` recomputes every hash and names the first record that was
altered, inserted or deleted. A one-row head table holds the latest sequence number and hash,
so that deleting the newest records is detected too; appending locks that row, which keeps the
chain a single line when several processes write at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Integer, String, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from synergy.core.db import Base, UTCDateTime, utcnow

GENESIS_HASH = "0" * 64
SYSTEM_ACTOR = "system"


class AuditRecord(Base):
    __tablename__ = "core_audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100), index=True)
    target_type: Mapped[str | None] = mapped_column(String(100), default=None)
    target_id: Mapped[str | None] = mapped_column(String(200), default=None, index=True)
    source_ip: Mapped[str | None] = mapped_column(String(64), default=None)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditHead(Base):
    """The newest record's sequence number and hash (one row, id 1)."""

    __tablename__ = "core_audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    hash: Mapped[str] = mapped_column(String(64))


def _canonical_time(when: dt.datetime) -> str:
    # Microseconds are kept by both databases; the offset is always UTC.
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def compute_hash(
    *,
    seq: int,
    occurred_at: dt.datetime,
    actor: str,
    action: str,
    target_type: str | None,
    target_id: str | None,
    source_ip: str | None,
    details: dict[str, Any],
    prev_hash: str,
) -> str:
    body = json.dumps(
        {
            "seq": seq,
            "at": _canonical_time(occurred_at),
            "actor": actor,
            "action": action,
            "target_type": target_type,
            "target_id": target_id,
            "ip": source_ip,
            "details": details,
            "prev": prev_hash,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return hashlib.sha256(body.encode()).hexdigest()


def _locked_head(session: Session) -> AuditHead:
    query = select(AuditHead).where(AuditHead.id == 1).with_for_update()
    head = session.execute(query).scalar_one_or_none()
    if head is None:
        # First record ever: two writers may race to create the head, so insert-if-absent.
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        session.execute(
            insert(AuditHead).values(id=1, seq=None, hash=GENESIS_HASH).on_conflict_do_nothing()
        )
        head = session.execute(query).scalar_one()
    return head


def record(
    session: Session,
    *,
    action: str,
    actor: str = SYSTEM_ACTOR,
    target_type: str | None = None,
    target_id: str | int | None = None,
    source_ip: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditRecord:
    """Append one event in the caller's transaction. `details` must be JSON-serialisable and
    must never hold secrets (passwords, tokens)."""
    clean_details = json.loads(json.dumps(details or {}, sort_keys=True, default=str))
    head = _locked_head(session)
    seq = (head.seq or 0) + 1
    occurred_at = utcnow()
    target = None if target_id is None else str(target_id)
    digest = compute_hash(
        seq=seq,
        occurred_at=occurred_at,
        actor=actor,
        action=action,
        target_type=target_type,
        target_id=target,
        source_ip=source_ip,
        details=clean_details,
        prev_hash=head.hash,
    )
    entry = AuditRecord(
        seq=seq,
        occurred_at=occurred_at,
        actor=actor,
        action=action,
        target_type=target_type,
        target_id=target,
        source_ip=source_ip,
        details=clean_details,
        prev_hash=head.hash,
        hash=digest,
    )
    session.add(entry)
    session.flush()
    head.seq = seq
    head.hash = digest
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    records_checked: int
    problem: str | None = None
    first_bad_seq: int | None = None


def _records(session: Session, batch: int = 1000) -> Iterator[AuditRecord]:
    last = 0
    while True:
        rows = (
            session.execute(
                select(AuditRecord)
                .where(AuditRecord.seq > last)
                .order_by(AuditRecord.seq)
                .limit(batch)
            )
            .scalars()
            .all()
        )
        if not rows:
            return
        yield from rows
        last = rows[-1].seq
        session.expunge_all()


def _check_record(entry: AuditRecord, expected_seq: int, prev_hash: str) -> str | None:
    if entry.seq != expected_seq:
        return f"record {expected_seq} is missing (deleted); the next record found is {entry.seq}"
    if entry.prev_hash != prev_hash:
        return (
            f"record {entry.seq} does not follow record {entry.seq - 1}: a record was inserted, "
            "deleted or replaced here"
        )
    recomputed = compute_hash(
        seq=entry.seq,
        occurred_at=entry.occurred_at,
        actor=entry.actor,
        action=entry.action,
        target_type=entry.target_type,
        target_id=entry.target_id,
        source_ip=entry.source_ip,
        details=entry.details,
        prev_hash=entry.prev_hash,
    )
    if recomputed != entry.hash:
        return f"record {entry.seq} was altered: its contents no longer match its hash"
    return None


def verify_chain(session: Session) -> ChainReport:
    """Walk the whole chain and report the first record that breaks it."""
    prev_hash = GENESIS_HASH
    expected_seq = 1
    for entry in _records(session):
        problem = _check_record(entry, expected_seq, prev_hash)
        if problem:
            return ChainReport(False, expected_seq - 1, problem, expected_seq)
        prev_hash = entry.hash
        expected_seq += 1
    checked = expected_seq - 1
    head = session.get(AuditHead, 1)
    head_seq, head_hash = (head.seq or 0, head.hash) if head else (0, GENESIS_HASH)
    if head_seq != checked or head_hash != prev_hash:
        return ChainReport(
            False,
            checked,
            f"the log ends at record {checked} but its head says {head_seq}: "
            f"the newest record(s) after {checked} were deleted or the head was changed",
            checked + 1,
        )
    return ChainReport(True, checked)


def recent(session: Session, *, limit: int = 50, target_id: str | None = None) -> list[AuditRecord]:
    query = select(AuditRecord).order_by(AuditRecord.seq.desc()).limit(limit)
    if target_id is not None:
        query = query.where(AuditRecord.target_id == target_id)
    return list(session.execute(query).scalars())
