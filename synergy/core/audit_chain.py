"""Sealing the audit log into a keyed chain, signed checkpoints of its head, and verification.

The chain: record n's hash is HMAC-SHA256(key, canonical JSON of the record and the hash of
record n-1). Without the key file, a changed record cannot be given a matching hash, nor can
the records after it. Records written before keyed sealing existed carry the key id `sha256`
and a plain SHA-256 link; they may only open the chain, and the first keyed record after them
pins their final hash.

Checkpoints: after sealing, the sealer appends a line with the head's sequence number and hash,
signed with Ed25519, to a file outside the database (open it append-only; print the newest
line with `synergy audit checkpoint` and keep it offline). Verification checks every checkpoint
against the chain, so cutting records off the end, or emptying the log and resetting its head,
is found even though no remaining record was touched.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from synergy.core.audit import AuditHead, AuditRecord
from synergy.core.audit_keys import AuditKeyError, AuditKeys, load_audit_keys
from synergy.core.config import Settings
from synergy.core.db import utcnow

GENESIS_HASH = "0" * 64
LEGACY_KEY_ID = "sha256"
SEAL_BATCH = 500
log = logging.getLogger(__name__)


class UnreadableRecord(ValueError):
    """A stored field cannot be read back (bad JSON, a bad timestamp)."""


@dataclass(frozen=True)
class RawRecord:
    """A row as the database holds it, read without the ORM's conversions so that a damaged
    field is reported instead of crashing the reader."""

    row_id: int
    seq: int | None
    occurred_at: Any
    actor: Any
    action: Any
    target_type: Any
    target_id: Any
    source_ip: Any
    details: Any
    key_id: str | None
    prev_hash: str | None
    hash: str | None


_COLUMNS = (
    "id, seq, occurred_at, actor, action, target_type, target_id, source_ip, details, "
    "key_id, prev_hash, hash"
)


def _raw(row: Any) -> RawRecord:
    return RawRecord(*row)


def _time_text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        when = value
    elif isinstance(value, str):
        try:
            when = dt.datetime.fromisoformat(value)
        except ValueError:
            raise UnreadableRecord(f"its time {value[:40]!r} is not a timestamp") from None
    else:
        raise UnreadableRecord(f"its time is {type(value).__name__}, not a timestamp")
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    # Microseconds are kept by both databases; the offset is always UTC.
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _details(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise UnreadableRecord(f"its details {value[:40]!r} are not valid JSON") from None
    return value


def canonical_body(entry: RawRecord, *, seq: int, prev_hash: str) -> bytes:
    """The bytes the link covers: every field, the position and the previous link."""
    body = {
        "seq": seq,
        "at": _time_text(entry.occurred_at),
        "actor": entry.actor,
        "action": entry.action,
        "target_type": entry.target_type,
        "target_id": entry.target_id,
        "ip": entry.source_ip,
        "details": _details(entry.details),
        "prev": prev_hash,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def link(keys: AuditKeys | None, key_id: str, body: bytes) -> str:
    if key_id == LEGACY_KEY_ID:
        return hashlib.sha256(body).hexdigest()
    if keys is None:
        raise AuditKeyError("the audit key file is needed to check keyed records")
    return hmac.new(keys.key(key_id), body, hashlib.sha256).hexdigest()


# --- checkpoints -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: str

    def payload(self) -> bytes:
        return json.dumps({"seq": self.seq, "hash": self.hash, "at": self.at}, sort_keys=True,
                          separators=(",", ":")).encode()  # fmt: skip

    def signed_line(self, keys: AuditKeys) -> str:
        signature = base64.b64encode(keys.signing_key.sign(self.payload())).decode()
        return json.dumps({"seq": self.seq, "hash": self.hash, "at": self.at, "sig": signature})


def parse_checkpoint(line: str, public_key: Ed25519PublicKey) -> Checkpoint:
    """A checkpoint line whose signature holds; ValueError says what is wrong with it."""
    try:
        document = json.loads(line)
        checkpoint = Checkpoint(int(document["seq"]), str(document["hash"]), str(document["at"]))
        signature = base64.b64decode(document["sig"], validate=True)
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"not a checkpoint line ({exc})") from None
    try:
        public_key.verify(signature, checkpoint.payload())
    except InvalidSignature:
        raise ValueError(f"checkpoint of record {checkpoint.seq}: bad signature") from None
    return checkpoint


class CheckpointFile:
    """Signed checkpoints, one JSON line each, appended to a file outside the database."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, line: str) -> None:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(descriptor, (line + "\n").encode())
            os.fsync(descriptor)
        finally:
            os.close(descriptor)

    def lines(self) -> list[str]:
        if not self.path.exists():
            return []
        return [line for line in self.path.read_text().splitlines() if line.strip()]

    def newest_line(self) -> str | None:
        found = self.lines()
        return found[-1] if found else None


# --- sealing ---------------------------------------------------------------------------------


def _locked_head(session: Session) -> AuditHead:
    query = select(AuditHead).where(AuditHead.id == 1).with_for_update()
    head = session.execute(query).scalar_one_or_none()
    if head is None:
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        session.execute(
            insert(AuditHead).values(id=1, seq=None, hash=GENESIS_HASH).on_conflict_do_nothing()
        )
        head = session.execute(query).scalar_one()
    return head


def _seal_body(entry: RawRecord, seq: int, prev: str) -> bytes:
    try:
        return canonical_body(entry, seq=seq, prev_hash=prev)
    except UnreadableRecord:
        # Damaged before it was sealed: seal what is there so the chain goes on; verification
        # still names the record as unreadable.
        return repr((seq, prev, entry)).encode()


def seal_pending(
    session: Session, keys: AuditKeys, checkpoints: CheckpointFile | None = None
) -> int:
    """Give every committed, unsealed record its place in the chain (oldest first), in the
    caller's transaction; returns how many were sealed. Sealers wait for each other on the head
    row; writers never do."""
    head = _locked_head(session)
    rows = session.execute(
        text(
            f"SELECT {_COLUMNS} FROM core_audit_log WHERE seq IS NULL ORDER BY id LIMIT :n"  # noqa: S608
        ),
        {"n": SEAL_BATCH},
    ).all()
    seq, prev = head.seq or 0, head.hash
    seals = []
    for row in rows:
        entry = _raw(row)
        seq += 1
        digest = link(keys, keys.current, _seal_body(entry, seq, prev))
        seals.append(
            {"seq": seq, "key": keys.current, "prev": prev, "hash": digest, "id": entry.row_id}
        )
        prev = digest
    if seals:
        # One statement for the batch (executemany: pipelined on PostgreSQL), not one
        # round trip per record: the sealer shares its process with an event worker.
        session.execute(
            text(
                "UPDATE core_audit_log SET seq = :seq, key_id = :key, prev_hash = :prev, "
                "hash = :hash WHERE id = :id AND seq IS NULL"
            ),
            seals,
        )
    if rows:
        head.seq, head.hash = seq, prev
        session.flush()
        if checkpoints is not None:
            at = utcnow().isoformat(timespec="seconds")
            checkpoints.append(Checkpoint(seq, prev, at).signed_line(keys))
    return len(rows)


def keys_for(settings: Settings) -> AuditKeys:
    return load_audit_keys(settings.effective_audit_key_file)


def checkpoints_for(settings: Settings) -> CheckpointFile:
    return CheckpointFile(settings.effective_audit_checkpoint_file)


def start_sealer(
    settings: Settings, factory: sessionmaker[Session], stop: threading.Event
) -> AuditSealer:
    """Seal in a background thread until `stop` is set (beside an event worker)."""
    sealer = AuditSealer(factory, keys_for(settings), checkpoints_for(settings))
    threading.Thread(target=sealer.run, args=(stop,), daemon=True, name="audit-seal").start()
    return sealer


class AuditSealer:
    """Seals new records about twice a second until stopped (run beside each event worker)."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        keys: AuditKeys,
        checkpoints: CheckpointFile | None,
        *,
        interval: float = 0.5,
    ) -> None:
        self.factory, self.keys, self.checkpoints, self.interval = (
            factory,
            keys,
            checkpoints,
            interval,
        )

    def run_once(self) -> int:
        with self.factory() as session:
            try:
                sealed = seal_pending(session, self.keys, self.checkpoints)
                session.commit()
                return sealed
            except (IntegrityError, DBAPIError) as exc:
                # Another sealer won the race for the same rows; the next round goes on.
                session.rollback()
                log.info("audit sealing round skipped: %s", type(exc).__name__)
                return 0

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                sealed = self.run_once()
            except Exception:  # keep sealing after a failed round; the error is logged
                log.exception("audit sealing round failed")
                sealed = 0
            if sealed < SEAL_BATCH:
                stop.wait(self.interval)


# --- verification ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    records_checked: int
    problem: str | None = None
    first_bad_seq: int | None = None
    unsealed: int = 0
    checkpoints_checked: int = 0


def _sealed(session: Session, batch: int = 1000) -> Iterator[RawRecord]:
    last = 0
    while True:
        rows = session.execute(
            text(
                f"SELECT {_COLUMNS} FROM core_audit_log "  # noqa: S608
                "WHERE seq IS NOT NULL AND seq > :last ORDER BY seq LIMIT :n"
            ),
            {"last": last, "n": batch},
        ).all()
        if not rows:
            return
        for row in rows:
            yield _raw(row)
        last = rows[-1][1]


def _check(
    entry: RawRecord, expected_seq: int, prev: str, keys: AuditKeys | None, keyed_seen: bool
) -> str | None:
    if entry.seq != expected_seq:
        return f"record {expected_seq} is missing (deleted); the next record found is {entry.seq}"
    if entry.prev_hash != prev:
        return (
            f"record {entry.seq} does not follow record {entry.seq - 1}: a record was inserted, "
            "deleted or replaced here"
        )
    if entry.key_id is None or entry.hash is None:
        return f"record {entry.seq} has a place in the chain but no seal"
    if entry.key_id == LEGACY_KEY_ID and keyed_seen:
        return f"record {entry.seq} claims an unkeyed seal after keyed records: it was forged"
    try:
        body = canonical_body(entry, seq=expected_seq, prev_hash=prev)
    except UnreadableRecord as exc:
        return f"record {entry.seq} is unreadable: {exc}"
    try:
        recomputed = link(keys, entry.key_id, body)
    except AuditKeyError as exc:
        return f"record {entry.seq} cannot be checked: {exc}"
    if not hmac.compare_digest(recomputed, entry.hash):
        return f"record {entry.seq} was altered: its contents no longer match its seal"
    return None


def _check_checkpoints(
    session: Session, lines: list[str], public_key: Ed25519PublicKey, last_seq: int
) -> tuple[int, str | None]:
    for number, line in enumerate(lines, start=1):
        try:
            checkpoint = parse_checkpoint(line, public_key)
        except ValueError as exc:
            return number - 1, f"checkpoint {number} is not genuine: {exc}"
        if checkpoint.seq > last_seq:
            return number - 1, (
                f"the log ends at record {last_seq}, but a signed checkpoint of "
                f"{checkpoint.at} saw record {checkpoint.seq}: records were cut off the end"
            )
        stored = session.execute(
            text("SELECT hash FROM core_audit_log WHERE seq = :seq"), {"seq": checkpoint.seq}
        ).scalar()
        if stored != checkpoint.hash:
            return number - 1, (
                f"record {checkpoint.seq} differs from the signed checkpoint of {checkpoint.at}: "
                "the chain was rewritten"
            )
    return len(lines), None


def verify_chain(
    session: Session,
    keys: AuditKeys | None,
    checkpoints: CheckpointFile | None = None,
    *,
    kept_checkpoints: list[str] | None = None,
    public_key: Ed25519PublicKey | None = None,
) -> ChainReport:
    """Walk the whole chain and report the first thing that breaks it: a record altered,
    inserted or deleted, an unreadable record, a head that disagrees, a record cut off after a
    checkpoint (from the checkpoint file, or lines kept offline)."""
    prev, expected, keyed_seen = GENESIS_HASH, 1, False
    for entry in _sealed(session):
        problem = _check(entry, expected, prev, keys, keyed_seen)
        if problem:
            return ChainReport(False, expected - 1, problem, expected)
        keyed_seen = keyed_seen or entry.key_id != LEGACY_KEY_ID
        prev = entry.hash or ""
        expected += 1
    checked = expected - 1
    head = session.get(AuditHead, 1)
    head_seq, head_hash = (head.seq or 0, head.hash) if head else (0, GENESIS_HASH)
    if head_seq != checked or head_hash != prev:
        return ChainReport(
            False,
            checked,
            f"the head was changed: it says record {head_seq} ({head_hash[:12]}…) is the newest, "
            f"but the sealed chain ends at record {checked} ({prev[:12]}…)",
            checked + 1,
        )
    lines = list(kept_checkpoints or []) + (checkpoints.lines() if checkpoints else [])
    verifier = public_key or (keys.public_key if keys else None)
    counted = 0
    if lines and verifier is not None:
        counted, problem = _check_checkpoints(session, lines, verifier, checked)
        if problem:
            return ChainReport(False, checked, problem, None, checkpoints_checked=counted)
    unsealed = session.execute(
        select(AuditRecord.id).where(AuditRecord.seq.is_(None)).limit(100_000)
    ).all()
    return ChainReport(True, checked, unsealed=len(unsealed), checkpoints_checked=counted)
