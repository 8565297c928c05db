"""Each notebook's hash chain, and the check that walks it (`synergy notebook verify`).

An entry's hash covers its officer, number, the entry it corrects, device and server times,
the hash of its content and the previous entry's hash. The notebook row keeps the newest
number and hash, so deleting the last entries is detected as well as altering, inserting,
reordering or deleting any other. Content is checked by decrypting it and hashing it again;
entries destroyed under retention keep their hashes, so the chain still verifies and shows
exactly what was destroyed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.notebook.keys import Keyring, KeyUnavailable, entry_associated_data, open_sealed
from synergy.notebook.models import Entry, Notebook
from synergy.notebook.schemas import canonical_json

GENESIS_HASH = "0" * 64


def canonical_time(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(
    *,
    officer: str,
    seq: int,
    corrects_seq: int | None,
    device_time: dt.datetime,
    server_time: dt.datetime,
    content_hash: str,
    prev_hash: str,
) -> str:
    body = canonical_json(
        {
            "officer": officer,
            "seq": seq,
            "corrects": corrects_seq,
            "device_time": canonical_time(device_time),
            "server_time": canonical_time(server_time),
            "content": content_hash,
            "prev": prev_hash,
        }
    )
    return hashlib.sha256(body).hexdigest()


def hash_of(entry: Entry, officer: str) -> str:
    return entry_hash(
        officer=officer,
        seq=entry.seq,
        corrects_seq=entry.corrects_seq,
        device_time=entry.device_time,
        server_time=entry.server_time,
        content_hash=entry.content_hash,
        prev_hash=entry.prev_hash,
    )


@dataclass(frozen=True)
class ChainReport:
    officer: str
    ok: bool
    entries_checked: int
    problem: str | None = None
    first_bad_seq: int | None = None


def entries_in_order(session: Session, notebook_id: int, batch: int = 1000) -> Iterator[Entry]:
    last = 0
    while True:
        rows = list(
            session.execute(
                select(Entry)
                .where(Entry.notebook_id == notebook_id, Entry.seq > last)
                .order_by(Entry.seq)
                .limit(batch)
            ).scalars()
        )
        if not rows:
            return
        yield from rows
        last = rows[-1].seq


def _entry_problem(entry: Entry, officer: str, key: bytes, expected: int, prev: str) -> str | None:
    if entry.seq != expected:
        return f"entry {expected} is missing (the next entry found is {entry.seq})"
    if entry.prev_hash != prev:
        return f"entry {entry.seq} does not follow entry {entry.seq - 1} (previous hash differs)"
    if entry.corrects_seq is not None and not 1 <= entry.corrects_seq < entry.seq:
        return f"entry {entry.seq} claims to correct a later or unknown entry"
    if hash_of(entry, officer) != entry.entry_hash:
        return f"entry {entry.seq} was altered (its hash does not match its fields)"
    if entry.disposed:
        return None
    if entry.nonce is None or entry.ciphertext is None:
        return f"entry {entry.seq} has lost its content without a disposal"
    try:
        plain = open_sealed(
            key, entry.nonce, entry.ciphertext, entry_associated_data(officer, entry.seq)
        )
    except KeyUnavailable:
        return f"entry {entry.seq} was altered (its encrypted content does not open)"
    if hashlib.sha256(plain).hexdigest() != entry.content_hash:
        return f"entry {entry.seq} was altered (its content does not match its hash)"
    return None


def verify_notebook(session: Session, keyring: Keyring, notebook: Notebook) -> ChainReport:
    key = keyring.unwrap(notebook.master_key_id, notebook.wrapped_key, notebook.officer)
    expected, prev, checked = 1, GENESIS_HASH, 0
    for entry in entries_in_order(session, notebook.id):
        problem = _entry_problem(entry, notebook.officer, key, expected, prev)
        if problem:
            return ChainReport(notebook.officer, False, checked, problem, expected)
        expected, prev, checked = expected + 1, entry.entry_hash, checked + 1
    if notebook.head_seq != checked or notebook.head_hash != prev:
        problem = (
            f"the notebook's newest entry should be {notebook.head_seq} but the chain ends at "
            f"{checked}: entries were deleted or the head was altered"
        )
        return ChainReport(notebook.officer, False, checked, problem, checked + 1)
    return ChainReport(notebook.officer, True, checked)
