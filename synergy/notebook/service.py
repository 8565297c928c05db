"""Notebook operations: the only way other modules touch notebooks.

Contract with command and control: `attach_to_incident()` publishes `notebook.entry_attached`
in the same transaction, payload
`{"incident_log": "LOG 1234-26112026", "entry_reference": "NB-alex.morgan-12",
"officer": "alex.morgan", "entry_hash": "<sha256 hex>"}`. Fields may be added; none removed.

Functions flush and never commit; the caller's transaction decides.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.core import audit, events
from synergy.core.db import utcnow
from synergy.core.errors import Conflict, InvalidRequest, NotFound
from synergy.core.references import ReferenceFormatError, ReferenceKind, normalise_reference
from synergy.notebook.chain import GENESIS_HASH, ChainReport, entry_hash, verify_notebook
from synergy.notebook.keys import (
    Keyring,
    entry_associated_data,
    new_officer_key,
    open_sealed,
    seal,
)
from synergy.notebook.models import Entry, EntryIncidentLink, Notebook
from synergy.notebook.schemas import EntryContent

ENTRY_ATTACHED = "notebook.entry_attached"
DEVICE_CLOCK_TOLERANCE = dt.timedelta(minutes=5)


def reference_for(officer: str, seq: int) -> str:
    return f"NB-{officer}-{seq}"


@dataclass(frozen=True)
class EntryView:
    """A decrypted entry as pages and extracts show it."""

    seq: int
    reference: str
    officer: str
    content: EntryContent | None  # None once disposed of under retention
    device_time: dt.datetime
    server_time: dt.datetime
    corrects_seq: int | None
    entry_hash: str
    content_hash: str
    from_device: bool
    corrected_by: list[int] = field(default_factory=list)
    incidents: list[str] = field(default_factory=list)

    @property
    def struck_through(self) -> bool:
        return bool(self.corrected_by)


def find_notebook(session: Session, *, officer: str, lock: bool = False) -> Notebook | None:
    query = select(Notebook).where(Notebook.officer == officer)
    if lock:
        query = query.with_for_update()
    return session.execute(query).scalar_one_or_none()


def get_notebook(session: Session, *, officer: str) -> Notebook:
    notebook = find_notebook(session, officer=officer)
    if notebook is None:
        raise NotFound(f"{officer} has no notebook yet")
    return notebook


def open_notebook(session: Session, keyring: Keyring, *, officer: str) -> Notebook:
    """The officer's notebook, issued (with its own key) the first time it is needed."""
    notebook = find_notebook(session, officer=officer, lock=True)
    if notebook is not None:
        return notebook
    master_id, wrapped = keyring.wrap(new_officer_key(), officer)
    notebook = Notebook(
        officer=officer, master_key_id=master_id, wrapped_key=wrapped, head_hash=GENESIS_HASH
    )
    session.add(notebook)
    session.flush()
    audit.record(
        session,
        action="notebook.issued",
        actor=officer,
        target_type="notebook",
        target_id=officer,
    )
    return notebook


def officer_key(keyring: Keyring, notebook: Notebook) -> bytes:
    return keyring.unwrap(notebook.master_key_id, notebook.wrapped_key, notebook.officer)


def _check_device_time(device_time: dt.datetime, now: dt.datetime, *, queued: bool) -> None:
    if device_time.tzinfo is None:
        raise InvalidRequest("Give the device time with its time zone", field="device_time")
    # An entry written offline cannot be written again: a fast clock is kept as it said (the
    # server time beside it shows the difference) rather than the entry lost.
    if not queued and device_time > now + DEVICE_CLOCK_TOLERANCE:
        raise InvalidRequest(
            "The device clock is ahead of the server's by more than 5 minutes; "
            "check the device's time and try again",
            field="device_time",
        )


def add_entry(
    session: Session,
    keyring: Keyring,
    *,
    officer: str,
    content: EntryContent,
    device_time: dt.datetime,
    corrects_seq: int | None = None,
    client_id: str | None = None,
    device: tuple[str, int] | None = None,
    notebook: Notebook | None = None,
) -> Entry:
    """Append one entry to the officer's notebook: the next number, chained to the last.
    `notebook`: the officer's notebook when the caller has already opened (and locked) it."""
    now = utcnow()
    _check_device_time(device_time, now, queued=device is not None)
    if notebook is None or notebook.officer != officer:
        notebook = open_notebook(session, keyring, officer=officer)
    if corrects_seq is not None:
        if not 1 <= corrects_seq <= notebook.head_seq:
            raise NotFound(f"Entry {corrects_seq} is not in your notebook")
        if not (content.correction_reason or "").strip():
            raise InvalidRequest("Give the reason for the correction", field="reason")
    seq = notebook.head_seq + 1
    plain = content.canonical()
    content_hash = content.content_hash()
    nonce, ciphertext = seal(
        officer_key(keyring, notebook), plain, entry_associated_data(officer, seq)
    )
    digest = entry_hash(
        officer=officer,
        seq=seq,
        corrects_seq=corrects_seq,
        device_time=device_time,
        server_time=now,
        content_hash=content_hash,
        prev_hash=notebook.head_hash,
    )
    entry = Entry(
        notebook_id=notebook.id,
        seq=seq,
        corrects_seq=corrects_seq,
        device_time=device_time.astimezone(dt.UTC),
        server_time=now,
        client_id=client_id or str(uuid.uuid4()),
        device_id=device[0] if device else None,
        device_seq=device[1] if device else None,
        content_hash=content_hash,
        prev_hash=notebook.head_hash,
        entry_hash=digest,
        nonce=nonce,
        ciphertext=ciphertext,
        disposed=False,
    )
    session.add(entry)
    notebook.head_seq, notebook.head_hash = seq, digest
    session.flush()
    return entry


def content_from(values: dict[str, Any]) -> EntryContent:
    """Validate an entry's content, naming the first problem in plain English."""
    try:
        return EntryContent.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "entry"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise InvalidRequest(
            f"{where}: {message}", field=str(first["loc"][0]) if first["loc"] else "text"
        ) from None


def correct_entry(
    session: Session,
    keyring: Keyring,
    *,
    officer: str,
    seq: int,
    text: str,
    reason: str,
    device_time: dt.datetime,
) -> Entry:
    """A correction is a new entry; the original stays, struck through but readable."""
    if not reason.strip():
        raise InvalidRequest("Give the reason for the correction", field="reason")
    content = content_from({"text": text, "correction_reason": reason.strip()})
    return add_entry(
        session,
        keyring,
        officer=officer,
        content=content,
        device_time=device_time,
        corrects_seq=seq,
    )


def decrypt(
    keyring: Keyring, notebook: Notebook, entry: Entry, key: bytes | None = None
) -> EntryContent | None:
    if entry.disposed or entry.nonce is None or entry.ciphertext is None:
        return None
    plain = open_sealed(
        key or officer_key(keyring, notebook),
        entry.nonce,
        entry.ciphertext,
        entry_associated_data(notebook.officer, entry.seq),
    )
    return EntryContent.model_validate_json(plain)


def entry_views(
    session: Session,
    keyring: Keyring,
    notebook: Notebook,
    *,
    seqs: list[int] | None = None,
    newest: int | None = None,
) -> list[EntryView]:
    """Decrypted entries in order: the chosen numbers, the newest few, or all."""
    query = select(Entry).where(Entry.notebook_id == notebook.id)
    if seqs is not None:
        query = query.where(Entry.seq.in_(seqs))
    if newest is not None:
        query = query.where(Entry.seq > notebook.head_seq - newest)
    rows = list(session.execute(query.order_by(Entry.seq)).scalars())
    if not rows:
        return []
    shown = [r.seq for r in rows]
    corrected: dict[int, list[int]] = {}
    for seq, target in session.execute(
        select(Entry.seq, Entry.corrects_seq).where(
            Entry.notebook_id == notebook.id, Entry.corrects_seq.in_(shown)
        )
    ):
        corrected.setdefault(int(target or 0), []).append(seq)
    links: dict[int, list[str]] = {}
    for entry_id, log in session.execute(
        select(EntryIncidentLink.entry_id, EntryIncidentLink.incident_log).where(
            EntryIncidentLink.entry_id.in_([r.id for r in rows])
        )
    ):
        links.setdefault(entry_id, []).append(log)
    key = officer_key(keyring, notebook)
    return [
        EntryView(
            seq=r.seq,
            reference=reference_for(notebook.officer, r.seq),
            officer=notebook.officer,
            content=decrypt(keyring, notebook, r, key),
            device_time=r.device_time,
            server_time=r.server_time,
            corrects_seq=r.corrects_seq,
            entry_hash=r.entry_hash,
            content_hash=r.content_hash,
            from_device=r.device_id is not None,
            corrected_by=sorted(corrected.get(r.seq, [])),
            incidents=sorted(links.get(r.id, [])),
        )
        for r in rows
    ]


def entry_view(session: Session, keyring: Keyring, *, officer: str, seq: int) -> EntryView:
    notebook = get_notebook(session, officer=officer)
    found = entry_views(session, keyring, notebook, seqs=[seq])
    if not found:
        raise NotFound(f"Entry {seq} is not in this notebook")
    return found[0]


def entry_row(session: Session, *, officer: str, seq: int) -> Entry:
    """The stored row of one of the officer's entries (NotFound if it is not theirs)."""
    return _entry_row(session, get_notebook(session, officer=officer), seq)


def _entry_row(session: Session, notebook: Notebook, seq: int) -> Entry:
    entry = session.execute(
        select(Entry).where(Entry.notebook_id == notebook.id, Entry.seq == seq)
    ).scalar_one_or_none()
    if entry is None:
        raise NotFound(f"Entry {seq} is not in your notebook")
    return entry


def normalise_incident_log(text: str) -> str:
    try:
        return normalise_reference(text, kinds=[ReferenceKind.INCIDENT_LOG])
    except ReferenceFormatError as exc:
        raise InvalidRequest(str(exc), field="incident_log") from None


def attach_to_incident(
    session: Session, *, officer: str, seq: int, incident_log: str
) -> EntryIncidentLink:
    """Attach an entry to an incident; command and control adds the line to its log."""
    log_number = normalise_incident_log(incident_log)
    cad = _command_and_control()
    if cad is not None:
        cad.get_by_log_number(session, log_number=log_number)  # NotFound: "no incident ..."
    notebook = get_notebook(session, officer=officer)
    entry = _entry_row(session, notebook, seq)
    taken = session.execute(
        select(EntryIncidentLink.id).where(
            EntryIncidentLink.entry_id == entry.id, EntryIncidentLink.incident_log == log_number
        )
    ).first()
    if taken is not None:
        raise Conflict(f"Entry {seq} is already attached to {log_number}", field="incident_log")
    link = EntryIncidentLink(entry_id=entry.id, incident_log=log_number, attached_by=officer)
    session.add(link)
    session.flush()
    reference = reference_for(officer, seq)
    payload = {
        "incident_log": log_number,
        "entry_reference": reference,
        "officer": officer,
        "entry_hash": entry.entry_hash,
    }
    events.publish(session, ENTRY_ATTACHED, payload, key=f"{reference}-{log_number}")
    audit.record(
        session,
        action=ENTRY_ATTACHED,
        actor=officer,
        target_type="notebook_entry",
        target_id=reference,
        details={"incident_log": log_number},
    )
    return link


def _command_and_control() -> Any:
    """Command and control's service module, or None where it is not installed."""
    try:
        from synergy.cad import service as cad  # type: ignore[import-not-found,unused-ignore]
    except ModuleNotFoundError as exc:
        if exc.name not in {"synergy.cad", "synergy.cad.service"}:
            raise
        return None
    return cad


@dataclass(frozen=True)
class AssignedIncident:
    log_number: str
    summary: str


def incidents_assigned_to(session: Session, *, officer: str) -> list[AssignedIncident] | None:
    """The officer's open incidents from command and control; None when it is not installed."""
    cad = _command_and_control()
    if cad is None:
        return None
    found = []
    for incident in cad.incidents_assigned_to(session, officer):
        grade, where = getattr(incident, "grade", None), getattr(incident, "address", "")
        parts = [f"grade {grade}" if grade is not None else "", str(where or "")]
        found.append(AssignedIncident(str(incident.log_number), ", ".join(p for p in parts if p)))
    return found


def verify(session: Session, keyring: Keyring, *, officer: str | None = None) -> list[ChainReport]:
    query = select(Notebook).order_by(Notebook.officer)
    if officer is not None:
        query = query.where(Notebook.officer == officer)
    return [verify_notebook(session, keyring, n) for n in session.execute(query).scalars()]
