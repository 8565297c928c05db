"""The notebook's tables. Entries are written once: their ciphertext is replaced only when
an officer key is rotated (same content, new encryption) or when retention disposes of them
(content gone, hashes kept, so the chain still verifies and shows what was destroyed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from synergy.core.db import Base, UTCDateTime, utcnow


class Notebook(Base):
    __tablename__ = "notebook_notebooks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    officer: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    master_key_id: Mapped[str] = mapped_column(String(32))
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
    key_version: Mapped[int] = mapped_column(Integer, default=1)
    # The newest entry's number and hash: deleting the last entries is detected too.
    head_seq: Mapped[int] = mapped_column(Integer, default=0)
    head_hash: Mapped[str] = mapped_column(String(64))


class Entry(Base):
    __tablename__ = "notebook_entries"
    __table_args__ = (
        UniqueConstraint("notebook_id", "seq"),
        UniqueConstraint("notebook_id", "client_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    notebook_id: Mapped[int] = mapped_column(ForeignKey("notebook_notebooks.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    corrects_seq: Mapped[int | None] = mapped_column(Integer, default=None)
    device_time: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    server_time: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    client_id: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str | None] = mapped_column(String(64), default=None)
    device_seq: Mapped[int | None] = mapped_column(Integer, default=None)
    content_hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)
    nonce: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    ciphertext: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    disposed: Mapped[bool] = mapped_column(Boolean, default=False)


class Device(Base):
    """The last entry number each offline device has delivered, to refuse gaps and reorders."""

    __tablename__ = "notebook_devices"
    __table_args__ = (UniqueConstraint("notebook_id", "device_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    notebook_id: Mapped[int] = mapped_column(ForeignKey("notebook_notebooks.id"))
    device_id: Mapped[str] = mapped_column(String(64))
    last_device_seq: Mapped[int] = mapped_column(Integer, default=0)


class EntryIncidentLink(Base):
    """An entry attached to a command and control incident (the entry itself is unchanged)."""

    __tablename__ = "notebook_incident_links"
    __table_args__ = (UniqueConstraint("entry_id", "incident_log"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("notebook_entries.id"), index=True)
    incident_log: Mapped[str] = mapped_column(String(40))
    attached_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    attached_by: Mapped[str] = mapped_column(String(64))


class Disposal(Base):
    """A retention run: proposed, reviewed by someone else, then carried out once."""

    __tablename__ = "notebook_disposals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cutoff: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    proposed_by: Mapped[str] = mapped_column(String(64))
    proposed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    reviewed_by: Mapped[str | None] = mapped_column(String(64), default=None)
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    carried_out_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    # Each destroyed entry: officer, seq, entry hash and content hash.
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    record_hash: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")


class EntrySubject(Base):
    """A person, vehicle or place an entry names, linked when the officer confirmed it (the
    entry itself is unchanged). Records holds all three: `subject_id` is records' id."""

    __tablename__ = "notebook_entry_subjects"
    __table_args__ = (UniqueConstraint("entry_id", "kind", "subject_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("notebook_entries.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # "person", "vehicle" or "place"
    subject_id: Mapped[int] = mapped_column(Integer, index=True)
    linked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    linked_by: Mapped[str] = mapped_column(String(64))
