"""Entries written offline, uploaded when the network returns.

The offline app numbers each device's entries 1, 2, 3... and sends each with the SHA-256 of
its content exactly as sent. The server:
- accepts an entry it already has (same client id, same content) again without storing it
  twice, so a retried upload is harmless: each entry is stored exactly once;
- refuses an entry whose content does not match its hash (altered in transit or on the
  device), one whose client id was used for different content, and one that is out of
  sequence for its device (a gap or a reorder), each with a reason the app shows;
- keeps the device time (when the officer wrote it) and the server time (when it arrived).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.core.errors import SynergyError
from synergy.notebook import service
from synergy.notebook.keys import Keyring
from synergy.notebook.models import Device, Entry
from synergy.notebook.schemas import EntryContent, SyncItem


class SyncRefused(SynergyError):
    status_code = 409
    title = "This entry was not accepted"


@dataclass(frozen=True)
class SyncResult:
    client_id: str
    status: str  # "stored", "already stored" or "refused"
    seq: int | None = None
    reason: str | None = None


def _device(session: Session, notebook_id: int, device_id: str) -> Device:
    device = session.execute(
        select(Device).where(Device.notebook_id == notebook_id, Device.device_id == device_id)
    ).scalar_one_or_none()
    if device is None:
        device = Device(notebook_id=notebook_id, device_id=device_id, last_device_seq=0)
        session.add(device)
        session.flush()
    return device


def _content(item: SyncItem, max_photo_bytes: int) -> EntryContent:
    sent_hash = hashlib.sha256(item.content_json.encode()).hexdigest()
    if not hmac.compare_digest(sent_hash, item.upload_hash):
        raise SyncRefused("The entry was altered after it was written (its hash does not match)")
    try:
        content = EntryContent.model_validate(json.loads(item.content_json))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "entry"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise SyncRefused(f"The entry's content could not be read ({where}: {message})") from None
    except ValueError:
        raise SyncRefused("The entry's content could not be read") from None
    for photo in content.photos:
        if len(photo.picture()) > max_photo_bytes:
            raise SyncRefused(f"A photo is larger than {max_photo_bytes // 1_000_000} MB")
    return content


def _device_time(item: SyncItem) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(item.device_time.replace("Z", "+00:00"))
    except ValueError:
        raise SyncRefused("The entry's device time could not be read") from None
    if when.tzinfo is None:
        raise SyncRefused("The entry's device time has no time zone")
    return when


def receive(
    session: Session, keyring: Keyring, *, officer: str, item: SyncItem, max_photo_bytes: int
) -> SyncResult:
    """Store one uploaded entry, or say why not. Raises SyncRefused for refusals."""
    content = _content(item, max_photo_bytes)
    notebook = service.open_notebook(session, keyring, officer=officer)
    known = session.execute(
        select(Entry.seq, Entry.content_hash).where(
            Entry.notebook_id == notebook.id, Entry.client_id == item.client_id
        )
    ).first()
    if known is not None:
        if known.content_hash != content.content_hash():
            raise SyncRefused("An entry with this id was already received with different content")
        return SyncResult(item.client_id, "already stored", int(known.seq))
    device = _device(session, notebook.id, item.device_id)
    expected = device.last_device_seq + 1
    if item.device_seq != expected:
        raise SyncRefused(
            f"Out of sequence: this device's entry {expected} must arrive before its entry "
            f"{item.device_seq}"
        )
    entry = service.add_entry(
        session,
        keyring,
        notebook=notebook,
        officer=officer,
        content=content,
        device_time=_device_time(item),
        client_id=item.client_id,
        device=(item.device_id, item.device_seq),
    )
    device.last_device_seq = item.device_seq
    session.flush()
    return SyncResult(item.client_id, "stored", entry.seq)
