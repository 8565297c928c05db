"""Contact tables: each call (or chat) with its conversation state, and every turn of it.

A call is found by the public through a random token, of which only a digest is stored; staff
find it by its id. Turns are append-only: what was said, how it was understood, and what the
assistant decided and why.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from synergy.core.db import Base, UTCDateTime, utcnow


class CallStatus:
    ACTIVE = "active"  # the assistant is talking to the caller
    COMPLETED = "completed"  # the assistant dealt with it
    WAITING = "waiting"  # handed over, waiting for a person
    TAKEN = "taken"  # a person has taken it
    ABANDONED = "abandoned"  # the caller stopped answering before it was dealt with
    CLOSED = "closed"  # the person who took it recorded an outcome (synergy/contact/desk)


class ContactCall(Base):
    __tablename__ = "contact_calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    channel: Mapped[str] = mapped_column(String(20))
    source_ip: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    status: Mapped[str] = mapped_column(String(20), default=CallStatus.ACTIVE, index=True)
    route: Mapped[str | None] = mapped_column(String(20), default=None)
    risk: Mapped[str] = mapped_column(String(20), default="standard")
    intent: Mapped[str | None] = mapped_column(String(40), default=None)
    vulnerabilities: Mapped[list[str]] = mapped_column(JSON, default=list)
    summary: Mapped[str | None] = mapped_column(Text, default=None)
    language: Mapped[str | None] = mapped_column(String(12), default=None)
    handed_over: Mapped[bool] = mapped_column(Boolean, default=False)
    queue: Mapped[str | None] = mapped_column(String(20), default=None)
    reference_given: Mapped[str | None] = mapped_column(String(40), default=None)
    taken_by: Mapped[str | None] = mapped_column(String(200), default=None)
    taken_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    turn_count: Mapped[int] = mapped_column(Integer, default=0)
    # the number of the newest turn (1, 2, ... within a call): see `number_next_turn`
    last_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    turns: Mapped[list[ContactTurn]] = relationship(
        back_populates="call", order_by="ContactTurn.seq", cascade="all, delete-orphan"
    )


def number_next_turn(call: ContactCall) -> int:
    """The number for a new turn of this call, counted on the call itself, so that numbering a
    turn never reads the transcript (a turn's cost must not grow with the conversation). The
    caller holds the call's row for update, or one writer's turn is refused as a duplicate."""
    call.last_seq = (call.last_seq or 0) + 1
    return call.last_seq


class ContactTurn(Base):
    __tablename__ = "contact_turns"
    __table_args__ = (UniqueConstraint("call_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("contact_calls.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    speaker: Mapped[str] = mapped_column(String(20))  # "caller" or "assistant"
    text: Mapped[str] = mapped_column(Text)
    understanding: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    decision: Mapped[str | None] = mapped_column(String(60), default=None)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)

    call: Mapped[ContactCall] = relationship(back_populates="turns")


class ContactReferenceCounter(Base):
    """The last incident log number given out on each day (log numbers restart daily)."""

    __tablename__ = "contact_reference_counters"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # YYYY-MM-DD, UK time
    last_number: Mapped[int] = mapped_column(Integer, default=0)
