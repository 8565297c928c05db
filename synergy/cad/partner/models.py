"""The partner exchange's own tables (prefixed `cad_partner_`). Incidents themselves live in
command and control and are reached only through `synergy.cad.service`; these tables hold
what the exchange needs on top: which partner incident is which of ours and at what version,
every message received (with the receipt we gave, for repeats), every message to send."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from synergy.core.db import Base, UTCDateTime, utcnow

QUEUED = "queued"
ACCEPTED = "accepted"
REJECTED = "rejected"
DEAD = "dead"


class PartnerIncident(Base):
    """A partner's incident received here: one row per (agency, their reference)."""

    __tablename__ = "cad_partner_incidents"
    __table_args__ = (UniqueConstraint("agency", "reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency: Mapped[str] = mapped_column(String(20))
    reference: Mapped[str] = mapped_column(String(40))
    incident_id: Mapped[int] = mapped_column(Integer, index=True)
    applied_version: Mapped[int] = mapped_column(Integer)
    remarks_applied: Mapped[int] = mapped_column(Integer, default=0)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReceivedMessage(Base):
    """Every readable message a partner sent us, with the receipt we answered."""

    __tablename__ = "cad_partner_received"
    __table_args__ = (UniqueConstraint("agency", "message_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency: Mapped[str] = mapped_column(String(20))
    message_id: Mapped[str] = mapped_column(String(36))
    message_type: Mapped[str] = mapped_column(String(10))
    reference: Mapped[str] = mapped_column(String(40), index=True)
    version: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(10))
    reason_code: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    incident_id: Mapped[int | None] = mapped_column(Integer, default=None)
    receipt: Mapped[str] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class SharedIncident(Base):
    """One of our incidents shared with one partner, and the last version we queued for it."""

    __tablename__ = "cad_partner_shared"
    __table_args__ = (UniqueConstraint("partner", "incident_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner: Mapped[str] = mapped_column(String(20))
    incident_id: Mapped[int] = mapped_column(Integer, index=True)
    reference: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer, default=0)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)


class OutgoingMessage(Base):
    """A message to a partner: built once (so every retry sends the same bytes and message
    id), then queued, accepted, rejected (their receipt said no) or dead (never answered)."""

    __tablename__ = "cad_partner_outgoing"
    __table_args__ = (UniqueConstraint("partner", "reference", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(36), unique=True)
    partner: Mapped[str] = mapped_column(String(20), index=True)
    incident_id: Mapped[int] = mapped_column(Integer, index=True)
    reference: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    message_type: Mapped[str] = mapped_column(String(10))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=QUEUED, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    reason_code: Mapped[str | None] = mapped_column(String(30), default=None)
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    receiver_reference: Mapped[str | None] = mapped_column(String(40), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
