"""The incident log: append-only, each entry chained to the one before by its hash.

Controllers and officers write to the log as things happen; nothing in it is edited or deleted.
A mistake is put right by a new entry that names the entry it corrects (`corrects_seq`), so the
log reads like a pocket notebook with a line struck through: the old text stays, the new follows.

Each entry's hash covers its number, time, author, kind, text, details, the entry it corrects
and the previous entry's hash. The incident row keeps the newest entry's number and hash, so
`verify_log` finds an edited entry, an entry deleted from the middle, and the newest entry
deleted too. Appending locks the incident row, keeping each log a single line when two people
write to one incident at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.cad.models import Incident, LogEntry
from synergy.core.db import utcnow
from synergy.core.errors import InvalidRequest

GENESIS_HASH = "0" * 64
MAX_ENTRY_CHARS = 10_000


def entry_hash(
    *,
    seq: int,
    at: dt.datetime,
    author: str,
    kind: str,
    text: str,
    details: dict[str, Any],
    corrects_seq: int | None,
    prev_hash: str,
) -> str:
    body = json.dumps(
        {
            "seq": seq,
            "at": at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "author": author,
            "kind": kind,
            "text": text,
            "details": details,
            "corrects": corrects_seq,
            "prev": prev_hash,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return hashlib.sha256(body.encode()).hexdigest()


def append(
    session: Session,
    incident: Incident,
    *,
    author: str,
    kind: str,
    text: str,
    details: dict[str, Any] | None = None,
    corrects_seq: int | None = None,
) -> LogEntry:
    """Add one entry to `incident`'s log. The caller holds the incident row locked."""
    text = text.strip()
    if not text:
        raise InvalidRequest("Enter the log entry", field="text")
    if len(text) > MAX_ENTRY_CHARS:
        raise InvalidRequest(
            f"A log entry can be at most {MAX_ENTRY_CHARS} characters", field="text"
        )
    if corrects_seq is not None and not 1 <= corrects_seq <= incident.log_head_seq:
        raise InvalidRequest(
            f"There is no entry {corrects_seq} in this log to correct", field="corrects_seq"
        )
    clean = json.loads(json.dumps(details or {}, sort_keys=True, default=str))
    seq = incident.log_head_seq + 1
    at = utcnow()
    digest = entry_hash(
        seq=seq,
        at=at,
        author=author,
        kind=kind,
        text=text,
        details=clean,
        corrects_seq=corrects_seq,
        prev_hash=incident.log_head_hash,
    )
    entry = LogEntry(
        incident_id=incident.id,
        seq=seq,
        at=at,
        author=author,
        kind=kind,
        text=text,
        details=clean,
        corrects_seq=corrects_seq,
        prev_hash=incident.log_head_hash,
        hash=digest,
    )
    session.add(entry)
    incident.log_head_seq = seq
    incident.log_head_hash = digest
    session.flush()
    return entry


def entries(session: Session, incident_id: int) -> list[LogEntry]:
    query = select(LogEntry).where(LogEntry.incident_id == incident_id).order_by(LogEntry.seq)
    return list(session.execute(query).scalars())


@dataclass(frozen=True)
class LogCheck:
    ok: bool
    entries_checked: int
    problem: str | None = None
    first_bad_seq: int | None = None


def verify_log(session: Session, incident_id: int) -> LogCheck:
    """Recompute every hash of one incident's log and say where it first breaks, if it does."""
    incident = session.get(Incident, incident_id)
    if incident is None:
        return LogCheck(False, 0, f"incident {incident_id} does not exist", None)
    prev, expected = GENESIS_HASH, 1
    rows = entries(session, incident_id)
    for row in rows:
        problem = _check(row, expected, prev)
        if problem:
            return LogCheck(False, expected - 1, problem, expected)
        prev, expected = row.hash, expected + 1
    if incident.log_head_seq != expected - 1 or incident.log_head_hash != prev:
        problem = (
            f"the log should end at entry {incident.log_head_seq} but ends at {expected - 1}: "
            "its newest entries were deleted or replaced"
        )
        return LogCheck(False, len(rows), problem, expected)
    return LogCheck(True, len(rows))


def _check(row: LogEntry, expected: int, prev: str) -> str | None:
    if row.seq != expected:
        return f"entry {expected} is missing (deleted); the next entry found is {row.seq}"
    if row.prev_hash != prev:
        return f"entry {row.seq} does not follow entry {expected - 1}: an entry was replaced"
    recomputed = entry_hash(
        seq=row.seq,
        at=row.at,
        author=row.author,
        kind=row.kind,
        text=row.text,
        details=row.details,
        corrects_seq=row.corrects_seq,
        prev_hash=row.prev_hash,
    )
    if recomputed != row.hash:
        return f"entry {row.seq} was altered: its contents no longer match its hash"
    return None
