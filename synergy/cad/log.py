"""The incident log: append-only, each entry chained to the one before by its hash.

Controllers and officers write to the log as things happen; nothing in it is edited or deleted.
A mistake is put right by a new entry that names the entry it corrects (`corrects_seq`), so the
log reads like a pocket notebook with a line struck through: the old text stays, the new follows.

Each entry's hash covers its number, time, author, kind, text, details, the entry it corrects
and the previous entry's hash. The incident row keeps the newest entry's number and hash, so
`verify_log` finds an edited entry, an entry deleted from the middle, and the newest entry
deleted too. Appending locks the incident row, keeping each log a single line when two people
write to one incident at once.

Plain hashes alone do not stop someone who can write to the database: they can rewrite an
entry and recompute every later hash and the head. So every append also writes, in the same
transaction, an anchor in the audit log (`cad.log_entry_added`: the entry's number, hash and
kind, never its text), which the audit sealer seals under a key kept outside the database.
`verify_log` compares each entry with its anchors. Because an entry's hash covers every entry
before it, one anchor pins the whole log up to that entry; entries written before anchoring
began are reported as not anchored, and are pinned by the first anchored entry if there is one.
The anchors are as sound as the audit chain: an anchor altered to match a rewrite, or removed
together with its entry, is found by `synergy.core.audit_chain.verify_chain` (`synergy audit
verify`), not here.
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
from synergy.core import audit
from synergy.core.db import utcnow
from synergy.core.errors import InvalidRequest

GENESIS_HASH = "0" * 64
MAX_ENTRY_CHARS = 10_000
ENTRY_ANCHORED = "cad.log_entry_added"
ANCHOR_TARGET = "cad_incident"


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
    # The anchor holds only what identifies the entry: the text may name people.
    audit.record(
        session,
        action=ENTRY_ANCHORED,
        actor=author,
        target_type=ANCHOR_TARGET,
        target_id=incident.id,
        details={"seq": seq, "hash": digest, "kind": kind},
    )
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
    # The first entry with an anchor in the audit log; None when no entry has one.
    anchored_from: int | None = None

    @property
    def not_anchored(self) -> int:
        """How many entries were written before anchoring began (the oldest ones)."""
        if self.anchored_from is None:
            return self.entries_checked
        return max(0, min(self.anchored_from - 1, self.entries_checked))

    def summary(self) -> str:
        """What the check found, in a sentence or two for the incident page."""
        if not self.ok:
            return f"Log damaged: {self.problem}"
        count = self.entries_checked
        subject = "The log's entry is" if count == 1 else f"The log's {count} entries are"
        if self.anchored_from is None:
            return (
                f"{subject} consistent with their hashes. Not anchored: written before entries "
                "were anchored in the audit log, so only those hashes protect them."
            )
        said = f"{subject} intact: nothing has been changed or removed."
        if self.not_anchored == 0:
            return said
        older = (
            "entry 1 was" if self.not_anchored == 1 else f"entries 1 to {self.not_anchored} were"
        )
        return (
            f"{said} Not anchored: {older} written before entries were anchored in the audit "
            f"log; the anchor of entry {self.anchored_from} covers them through its hash."
        )


def verify_log(session: Session, incident_id: int) -> LogCheck:
    """Recompute every hash of one incident's log, compare each entry with its anchor in the
    audit log, and say where the log first breaks, if it does."""
    incident = session.get(Incident, incident_id)
    if incident is None:
        return LogCheck(False, 0, f"incident {incident_id} does not exist", None)
    # Anchors before entries: an append committed between the reads then shows as entries
    # beyond the head (as it would without anchors), never as an anchor without its entry.
    anchors, unreadable = _anchors(session, incident_id)
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
    first = min(anchors) if anchors else None
    if unreadable:
        problem = f"{unreadable} of this log's anchors in the audit log cannot be read: altered"
        return LogCheck(False, len(rows), problem, None, first)
    problem, bad_seq = _compare_with_anchors(rows, anchors)
    return LogCheck(problem is None, len(rows), problem, bad_seq, first)


def _anchors(session: Session, incident_id: int) -> tuple[dict[int, set[str]], int]:
    """Every hash the audit log anchored for each entry number of one incident (one query),
    and how many anchors do not hold a number and a hash (so they are reported, not skipped)."""
    found: dict[int, set[str]] = {}
    unreadable = 0
    anchors = audit.details_about(
        session, action=ENTRY_ANCHORED, target_type=ANCHOR_TARGET, target_id=incident_id
    )
    for details in anchors:
        seq = details.get("seq") if isinstance(details, dict) else None
        digest = details.get("hash") if isinstance(details, dict) else None
        if isinstance(seq, int) and isinstance(digest, str):
            found.setdefault(seq, set()).add(digest)
        else:
            unreadable += 1
    return found, unreadable


def _compare_with_anchors(
    rows: list[LogEntry], anchors: dict[int, set[str]]
) -> tuple[str | None, int | None]:
    """The first entry that disagrees with the audit log's anchors. The rows have passed the
    hash check, so each stored hash is the entry's recomputed hash."""
    if not anchors:
        return None, None
    first = min(anchors)
    for row in rows:
        if row.seq < first:
            continue
        anchored = anchors.get(row.seq)
        if not anchored:
            return (
                f"entry {row.seq} has no anchor in the audit log, though entries from "
                f"{first} on are anchored: it was added or its anchor removed behind the log's back"
            ), row.seq
        if anchored != {row.hash}:
            return (
                f"entry {row.seq} differs from its anchor in the audit log: it was rewritten "
                "after it was written (and the hashes after it recomputed)"
            ), row.seq
    present = {row.seq for row in rows}
    missing = sorted(seq for seq in anchors if seq not in present)
    if missing:
        return (
            f"entry {missing[0]} is missing: the audit log anchored it when it was written, but "
            f"the log now ends at entry {len(rows)}; it was deleted and the log's head reset"
        ), missing[0]
    return None, None


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
