"""The audit log: an append-only record of security-relevant and evidential events.

Writing and chaining are separate steps, so that audited requests never wait for each other:
- `record()` inserts a row in the caller's transaction and takes no lock;
- the sealer (`synergy.core.audit_chain.seal_pending`, run by every event worker about twice a
  second) gives committed rows their place in one chain, each linked to the one before by an
  HMAC under a key kept outside the database, and writes signed checkpoints of the chain's head
  to a file outside the database.
`synergy.core.audit_chain.verify_chain()` finds records altered, inserted, deleted or cut off,
and names unreadable ones. A record is protected once sealed (normally within a second).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import JSON, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from synergy.core.db import Base, UTCDateTime, utcnow

SYSTEM_ACTOR = "system"


class AuditRecord(Base):
    __tablename__ = "core_audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # The place in the chain, the key that sealed it and the links: empty until sealed.
    seq: Mapped[int | None] = mapped_column(Integer, unique=True, default=None)
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100), index=True)
    target_type: Mapped[str | None] = mapped_column(String(100), default=None)
    target_id: Mapped[str | None] = mapped_column(String(200), default=None, index=True)
    source_ip: Mapped[str | None] = mapped_column(String(64), default=None)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    key_id: Mapped[str | None] = mapped_column(String(40), default=None)
    prev_hash: Mapped[str | None] = mapped_column(String(64), default=None)
    hash: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)


class AuditHead(Base):
    """The newest sealed record's sequence number and hash (one row, id 1); only sealers
    write it."""

    __tablename__ = "core_audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    hash: Mapped[str] = mapped_column(String(64))


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
    entry = AuditRecord(
        occurred_at=utcnow(),
        actor=actor,
        action=action,
        target_type=target_type,
        target_id=None if target_id is None else str(target_id),
        source_ip=source_ip,
        details=clean_details,
    )
    session.add(entry)
    session.flush()
    return entry


def recent(session: Session, *, limit: int = 50, target_id: str | None = None) -> list[AuditRecord]:
    query = select(AuditRecord).order_by(AuditRecord.id.desc()).limit(limit)
    if target_id is not None:
        query = query.where(AuditRecord.target_id == target_id)
    return list(session.execute(query).scalars())


def details_about(
    session: Session, *, action: str, target_type: str, target_id: str | int
) -> list[Any]:
    """The details of every record of one action about one target, oldest first, in one query.
    They are returned as stored (normally dicts), so that a caller holding them against its
    own data can report a damaged one instead of trusting it."""
    query = (
        select(AuditRecord.details)
        .where(
            AuditRecord.action == action,
            AuditRecord.target_type == target_type,
            AuditRecord.target_id == str(target_id),
        )
        .order_by(AuditRecord.id)
    )
    return list(session.execute(query).scalars())
