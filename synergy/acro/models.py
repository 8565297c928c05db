"""Tables for ACRO requests and the responses received for them.

`arrest_id` is UNIQUE: one request per arrest, whatever happens to the events that create it.
`idempotency_key` goes to the gateway with every send, so ACRO drops repeats of a send.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from synergy.core.db import Base, UTCDateTime, utcnow

INCOMPLETE = "incomplete"
QUEUED = "queued"
ACCEPTED = "accepted"
REPLIED = "replied"
DEAD_LETTER = "dead_letter"

STATUS_LABELS = {
    INCOMPLETE: "Needs details",
    QUEUED: "Sending",
    ACCEPTED: "Waiting for reply",
    REPLIED: "Reply received",
    DEAD_LETTER: "Failed to send",
}
NO_TRACE = "no_trace"
CONVICTIONS = "convictions"
OUTCOME_LABELS = {NO_TRACE: "No trace", CONVICTIONS: "Convictions found"}


class AcroRequest(Base):
    __tablename__ = "acro_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    arrest_id: Mapped[int] = mapped_column(Integer, unique=True)
    person_id: Mapped[int] = mapped_column(Integer, index=True)
    custody_number: Mapped[str] = mapped_column(String(40))
    idempotency_key: Mapped[str] = mapped_column(String(100), unique=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    purpose: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    missing_fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    arrested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    accepted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    reply_due: Mapped[dt.date | None] = mapped_column(Date, default=None)
    acro_reference: Mapped[str | None] = mapped_column(String(60), default=None)
    outcome: Mapped[str | None] = mapped_column(String(20), default=None)
    replied_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    minutes_saved: Mapped[int] = mapped_column(Integer, default=0)
    completed_by: Mapped[str | None] = mapped_column(String(64), default=None)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS.get(self.outcome or "", "Not yet")


class AcroResponse(Base):
    """One response from ACRO; `response_id` is ACRO's own, so repeats are dropped."""

    __tablename__ = "acro_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("acro_requests.id"), index=True)
    response_id: Mapped[str] = mapped_column(String(100), unique=True)
    outcome: Mapped[str] = mapped_column(String(20))
    convictions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
