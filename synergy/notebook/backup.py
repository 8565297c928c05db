"""Encrypted, signed backups of one notebook or all, and restoring them onto an empty database.

Rows are copied as stored (officer keys still wrapped, entries still encrypted, hashes
unchanged), so a restored notebook verifies exactly as the original did. The whole file is
then encrypted with AES-GCM and signed with HMAC-SHA256, both under keys derived from the
master key: restoring needs the same master key (or it listed as retired).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.core import audit
from synergy.core.db import UTCDateTime
from synergy.core.errors import Conflict, InvalidRequest
from synergy.notebook.keys import Keyring, open_sealed, seal
from synergy.notebook.models import (
    Device,
    Entry,
    EntryIncidentLink,
    EntrySubject,
    Notebook,
)
from synergy.notebook.subjects import PLACE, VEHICLE
from synergy.records import service as records
from synergy.records.schemas import PlaceIn, VehicleIn

FORMAT = "synergy-notebook-backup/1"
BINARY = {"wrapped_key", "nonce", "ciphertext"}


def _row(obj: Any, skip: set[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in obj.__table__.columns:
        if column.name in skip:
            continue
        value = getattr(obj, column.name)
        if column.name in BINARY and value is not None:
            value = base64.b64encode(value).decode()
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        values[column.name] = value
    return values


def _snapshot(session: Session, officer: str | None) -> list[dict[str, Any]]:
    query = select(Notebook).order_by(Notebook.officer)
    if officer:
        query = query.where(Notebook.officer == officer)
    books = []
    for notebook in session.execute(query).scalars():
        entries = session.execute(
            select(Entry).where(Entry.notebook_id == notebook.id).order_by(Entry.seq)
        ).scalars()
        devices = session.execute(select(Device).where(Device.notebook_id == notebook.id)).scalars()
        links = session.execute(
            select(EntryIncidentLink, Entry.seq)
            .join(Entry, Entry.id == EntryIncidentLink.entry_id)
            .where(Entry.notebook_id == notebook.id)
        ).all()
        books.append(
            {
                "notebook": _row(notebook, {"id"}),
                "entries": [_row(e, {"id", "notebook_id"}) for e in entries],
                "devices": [_row(d, {"id", "notebook_id"}) for d in devices],
                "links": [{**_row(link, {"id", "entry_id"}), "seq": seq} for link, seq in links],
                "subjects": _subjects(session, notebook.id),
            }
        )
    return books


def _subjects(session: Session, notebook_id: int) -> list[dict[str, Any]]:
    """What each entry is linked to; a vehicle or place travels with its details (so it can
    be found or added again in records on restore), a person by records' id."""
    rows = session.execute(
        select(EntrySubject, Entry.seq)
        .join(Entry, Entry.id == EntrySubject.entry_id)
        .where(Entry.notebook_id == notebook_id)
        .order_by(EntrySubject.id)
    ).all()
    found = []
    for link, seq in rows:
        values = {**_row(link, {"id", "entry_id"}), "seq": seq}
        if link.kind == VEHICLE:
            vehicle = records.get_vehicle(session, vehicle_id=link.subject_id)
            values["details"] = {name: getattr(vehicle, name) for name in VehicleIn.model_fields}
        elif link.kind == PLACE:
            place = records.get_place(session, place_id=link.subject_id)
            values["details"] = {"address": place.address, "postcode": place.postcode or ""}
        found.append(values)
    return found


def _restore_subject(session: Session, values: dict[str, Any], entry_id: int) -> None:
    """Link the entry again; a vehicle or place is found in records (or added back, as the
    officer who linked it) through records' own functions."""
    details = values.pop("details", None)
    values.pop("seq")
    if details is not None:
        actor = values["linked_by"]
        if values["kind"] == VEHICLE:
            vehicle = VehicleIn(**{k: details.get(k) or "" for k in VehicleIn.model_fields})
            held: Any = records.record_vehicle(session, vehicle, actor=actor)
        else:
            place = PlaceIn(**{k: details.get(k) or "" for k in PlaceIn.model_fields})
            held = records.record_place(session, place, actor=actor)
        values["subject_id"] = held.id
    session.add(EntrySubject(entry_id=entry_id, **_decode(values, EntrySubject)))


def _keys(keyring: Keyring) -> tuple[bytes, bytes]:
    return keyring.derived("notebook-backup-encryption"), keyring.derived(
        "notebook-backup-signature"
    )


def export_backup(session: Session, keyring: Keyring, *, officer: str | None, actor: str) -> bytes:
    books = _snapshot(session, officer)
    plain = json.dumps({"format": FORMAT, "notebooks": books}, sort_keys=True).encode()
    encryption, signing = _keys(keyring)
    nonce, ciphertext = seal(encryption, plain, FORMAT.encode())
    body = nonce + ciphertext
    signature = hmac.new(signing, body, hashlib.sha256).hexdigest()
    audit.record(
        session,
        action="notebook.backup_made",
        actor=actor,
        details={
            "notebooks": [b["notebook"]["officer"] for b in books],
            "sha256": hashlib.sha256(body).hexdigest(),
        },
    )
    envelope = {
        "format": FORMAT,
        "master_key_id": keyring.current_id,
        "body": base64.b64encode(body).decode(),
        "signature": signature,
    }
    return json.dumps(envelope).encode()


def _open_backup(keyring: Keyring, data: bytes) -> dict[str, Any]:
    try:
        envelope = json.loads(data)
        body = base64.b64decode(envelope["body"])
        signature = str(envelope["signature"])
    except (ValueError, KeyError, TypeError):
        raise InvalidRequest("This file is not a notebook backup") from None
    for master in [keyring.current, *keyring.retired]:
        encryption, signing = _keys(Keyring(master))
        if hmac.compare_digest(hmac.new(signing, body, hashlib.sha256).hexdigest(), signature):
            plain = open_sealed(encryption, body[:12], body[12:], FORMAT.encode())
            opened: dict[str, Any] = json.loads(plain)
            return opened
    raise InvalidRequest(
        "The backup's signature does not match: it was altered or made with another master key"
    )


def _decode(values: dict[str, Any], model: Any) -> dict[str, Any]:
    out = dict(values)
    for name in BINARY & set(out):
        if out[name] is not None:
            out[name] = base64.b64decode(out[name])
    for column in model.__table__.columns:
        value = out.get(column.name)
        if isinstance(column.type, UTCDateTime) and isinstance(value, str):
            out[column.name] = dt.datetime.fromisoformat(value)
    return out


def restore_backup(session: Session, keyring: Keyring, data: bytes, *, actor: str) -> list[str]:
    """Restore every notebook in the backup; refuses to overwrite a notebook that exists."""
    books = _open_backup(keyring, data)["notebooks"]
    restored = []
    for book in books:
        officer = book["notebook"]["officer"]
        if session.execute(select(Notebook.id).where(Notebook.officer == officer)).first():
            raise Conflict(f"{officer} already has a notebook here; restore onto an empty database")
        notebook = Notebook(**_decode(book["notebook"], Notebook))
        session.add(notebook)
        session.flush()
        ids = {}
        for values in book["entries"]:
            entry = Entry(notebook_id=notebook.id, **_decode(values, Entry))
            session.add(entry)
            session.flush()
            ids[entry.seq] = entry.id
        for values in book["devices"]:
            session.add(Device(notebook_id=notebook.id, **_decode(values, Device)))
        for values in book["links"]:
            seq = values.pop("seq")
            session.add(EntryIncidentLink(entry_id=ids[seq], **_decode(values, EntryIncidentLink)))
        for values in book.get("subjects", []):  # backups made before these were linked lack it
            _restore_subject(session, values, ids[values["seq"]])
        restored.append(officer)
    session.flush()
    audit.record(
        session, action="notebook.backup_restored", actor=actor, details={"notebooks": restored}
    )
    return restored
