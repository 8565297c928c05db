"""The agent desktop's tables: what staff did with a handed-over call.

Entries are append-only (notes, incidents raised or linked, outcomes); a call's closing outcome
is kept once, in its own row, so "my calls" and the supervisor's figures read one place.
Callbacks are tasks with a due time, each attempt recorded. Skills are per member of staff.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from synergy.core.db import Base, UTCDateTime, utcnow


class EntryKind:
    NOTE = "note"
    INCIDENT_RAISED = "incident_raised"
    INCIDENT_LINKED = "incident_linked"
    # What command and control answered (written by its events, author COMMAND_AND_CONTROL).
    INCIDENT_OPENED = "incident_opened"
    LINK_CONFIRMED = "link_confirmed"
    LINK_REFUSED = "link_refused"
    CALLBACK_BOOKED = "callback_booked"
    OUTCOME = "outcome"


class DeskEntry(Base):
    __tablename__ = "contact_desk_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("contact_calls.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    author: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class DeskOutcome(Base):
    """How an agent closed a call: one row per call."""

    __tablename__ = "contact_desk_outcomes"

    call_id: Mapped[int] = mapped_column(ForeignKey("contact_calls.id"), primary_key=True)
    closing_code: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
    agent: Mapped[str] = mapped_column(String(200), index=True)
    closed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class CallbackStatus:
    DUE = "due"
    DONE = "done"
    GAVE_UP = "gave_up"


class DeskCallback(Base):
    __tablename__ = "contact_desk_callbacks"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("contact_calls.id"), index=True)
    phone: Mapped[str] = mapped_column(String(40))
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    booked_by: Mapped[str] = mapped_column(String(200))
    booked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default=CallbackStatus.DUE, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class DeskCallbackAttempt(Base):
    __tablename__ = "contact_desk_callback_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    callback_id: Mapped[int] = mapped_column(ForeignKey("contact_desk_callbacks.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    agent: Mapped[str] = mapped_column(String(200))
    result: Mapped[str] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(Text, default="")


class DeskSkills(Base):
    """The skills a member of staff has: language codes and specialisms."""

    __tablename__ = "contact_desk_skills"

    username: Mapped[str] = mapped_column(String(200), primary_key=True)
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
