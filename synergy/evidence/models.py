"""Tables: upload requests (one link each), their case teams, supervisors' stated reasons for
opening others' requests, every version of the uploader's statement, the files uploaded through
them, notifications."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from synergy.core.db import Base, UTCDateTime, utcnow


class UploadRequest(Base):
    """An investigator's request for footage, and the link that lets one person upload it."""

    __tablename__ = "evidence_upload_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    # HMAC of the short code a person can type at /upload; the code itself is not kept.
    short_code_digest: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    reference: Mapped[str] = mapped_column(String(100), index=True)
    reference_kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    recipient_email: Mapped[str | None] = mapped_column(String(320), default=None)
    recipient_mobile: Mapped[str | None] = mapped_column(String(32), default=None)
    created_by: Mapped[str] = mapped_column(String(64))
    notify_email: Mapped[str | None] = mapped_column(String(320), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    max_files: Mapped[int] = mapped_column(Integer)
    max_file_bytes: Mapped[int] = mapped_column(BigInteger)
    max_total_bytes: Mapped[int] = mapped_column(BigInteger)
    single_use: Mapped[bool] = mapped_column(Boolean, default=False)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    opened_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    uploader_name: Mapped[str | None] = mapped_column(String(200), default=None)
    uploader_contact: Mapped[str | None] = mapped_column(String(320), default=None)
    statement: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    consented_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)

    files: Mapped[list[EvidenceFile]] = relationship(
        back_populates="request", order_by="EvidenceFile.id"
    )
    team: Mapped[list[TeamMember]] = relationship(
        back_populates="request", order_by="TeamMember.id"
    )
    statements: Mapped[list[StatementVersion]] = relationship(
        back_populates="request", order_by="StatementVersion.version"
    )


class TeamMember(Base):
    """A colleague the request's creator (or its team) added: they may see and change it."""

    __tablename__ = "evidence_team_members"
    __table_args__ = (UniqueConstraint("request_id", "username"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("evidence_upload_requests.id", ondelete="CASCADE"), index=True
    )
    username: Mapped[str] = mapped_column(String(64))
    added_by: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    request: Mapped[UploadRequest] = relationship(back_populates="team")


class StatedReason(Base):
    """A supervisor's reason for opening a request that is not theirs; it lets them read it
    until `expires_at`, and every read is audited with it."""

    __tablename__ = "evidence_stated_reasons"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("evidence_upload_requests.id", ondelete="CASCADE"), index=True
    )
    username: Mapped[str] = mapped_column(String(64), index=True)
    reason: Mapped[str] = mapped_column(String(1000))
    given_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class StatementVersion(Base):
    """One version of the uploader's statement, as given; never changed or deleted."""

    __tablename__ = "evidence_statement_versions"
    __table_args__ = (UniqueConstraint("request_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("evidence_upload_requests.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str] = mapped_column(String(320))
    statement: Mapped[dict[str, Any]] = mapped_column(JSON)
    given_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    request: Mapped[UploadRequest] = relationship(back_populates="statements")


class EvidenceFile(Base):
    """One uploaded file: its tus state (offset, saved hash state) and, once complete, checks."""

    __tablename__ = "evidence_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("evidence_upload_requests.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    declared_type: Mapped[str | None] = mapped_column(String(100), default=None)
    length: Mapped[int] = mapped_column(BigInteger)
    offset: Mapped[int] = mapped_column(BigInteger, default=0)
    hash_state: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    status: Mapped[str] = mapped_column(String(20), default="uploading")
    storage_key: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    completed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    media: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    scan_result: Mapped[str | None] = mapped_column(String(200), default=None)
    object_key: Mapped[str | None] = mapped_column(String(300), default=None)

    request: Mapped[UploadRequest] = relationship(back_populates="files")


class Notification(Base):
    """An in-app message to a member of staff (an upload has completed)."""

    __tablename__ = "evidence_notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    message: Mapped[str] = mapped_column(String(500))
    link: Mapped[str] = mapped_column(String(200))
    event_key: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
