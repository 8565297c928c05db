"""Command and control tables: incidents, their append-only logs, units and their assignments,
the crime-recording queue, officers' tasks, and links between incidents and other records.

The incident log is never updated or deleted: each entry carries the hash of the one before it
and the incident keeps the newest entry's number and hash, so an edited, inserted or deleted
entry (the newest included) is found by `synergy.cad.log.verify_log`. Each entry is also
anchored in the sealed audit log (see synergy/cad/log.py), so rewriting the chain and the head
together is found too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from synergy.core.db import Base, UTCDateTime, utcnow


class IncidentStatus:
    OPEN = "open"
    CLOSED = "closed"


class Source:
    VOICE_101 = "101_voice"
    WEB_CHAT = "web_chat"
    CONTACT_AGENT = "contact_agent"
    OFFICER = "officer"
    NOTEBOOK = "notebook"
    PARTNER = "partner_control_room"
    CONTROLLER = "controller"

    ALL = (VOICE_101, WEB_CHAT, CONTACT_AGENT, OFFICER, NOTEBOOK, PARTNER, CONTROLLER)


class UnitStatus:
    AVAILABLE = "available"
    ASSIGNED = "assigned"
    EN_ROUTE = "en_route"
    AT_SCENE = "at_scene"
    UNAVAILABLE = "unavailable"

    ALL = (AVAILABLE, ASSIGNED, EN_ROUTE, AT_SCENE, UNAVAILABLE)


class Incident(Base):
    __tablename__ = "cad_incidents"
    __table_args__ = (
        UniqueConstraint("originating_agency", "external_reference"),
        Index("ix_cad_incidents_status_grade", "status", "grade"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    log_number: Mapped[str] = mapped_column(String(40), unique=True)
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    source: Mapped[str] = mapped_column(String(30))
    created_by: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(10), default=IncidentStatus.OPEN, index=True)
    caller_name: Mapped[str | None] = mapped_column(String(200), default=None)
    caller_phone: Mapped[str | None] = mapped_column(String(40), default=None, index=True)
    caller_email: Mapped[str | None] = mapped_column(String(320), default=None)
    address: Mapped[str] = mapped_column(String(300), default="")
    address_key: Mapped[str] = mapped_column(String(300), default="", index=True)
    postcode: Mapped[str | None] = mapped_column(String(10), default=None, index=True)
    area: Mapped[str] = mapped_column(String(60), default="", index=True)
    rural: Mapped[bool] = mapped_column(default=False)
    latitude: Mapped[float | None] = mapped_column(Float, default=None)
    longitude: Mapped[float | None] = mapped_column(Float, default=None)
    opening_code: Mapped[str] = mapped_column(String(40))
    closing_code: Mapped[str | None] = mapped_column(String(40), default=None)
    qualifiers: Mapped[list[str]] = mapped_column(JSON, default=list)
    grade: Mapped[int] = mapped_column(Integer)
    thrive: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    remarks: Mapped[str] = mapped_column(Text, default="")
    people: Mapped[list[str]] = mapped_column(JSON, default=list)
    risk: Mapped[str | None] = mapped_column(String(20), default=None)
    vulnerabilities: Mapped[list[str]] = mapped_column(JSON, default=list)
    contact_call_id: Mapped[int | None] = mapped_column(Integer, default=None, index=True)
    external_reference: Mapped[str | None] = mapped_column(String(100), default=None)
    originating_agency: Mapped[str | None] = mapped_column(String(100), default=None)
    officer_in_charge: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    first_arrived_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    closed_by: Mapped[str | None] = mapped_column(String(200), default=None)
    closing_reason: Mapped[str | None] = mapped_column(Text, default=None)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("cad_incidents.id"), default=None)
    log_head_seq: Mapped[int] = mapped_column(Integer, default=0)
    log_head_hash: Mapped[str] = mapped_column(String(64), default="0" * 64)


class LogEntry(Base):
    """One line of an incident's log; `corrects_seq` names the entry a correction replaces."""

    __tablename__ = "cad_log_entries"
    __table_args__ = (UniqueConstraint("incident_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("cad_incidents.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    author: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    corrects_seq: Mapped[int | None] = mapped_column(Integer, default=None)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Unit(Base):
    __tablename__ = "cad_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_sign: Mapped[str] = mapped_column(String(20), unique=True)
    officers: Mapped[list[str]] = mapped_column(JSON, default=list)
    area: Mapped[str] = mapped_column(String(60), default="")
    status: Mapped[str] = mapped_column(String(20), default=UnitStatus.AVAILABLE)
    status_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("cad_incidents.id"), default=None)


class Assignment(Base):
    __tablename__ = "cad_assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("cad_incidents.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("cad_units.id"), index=True)
    assigned_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    assigned_by: Mapped[str] = mapped_column(String(200))
    arrived_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    cleared_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)


class IncidentLink(Base):
    """An incident linked to another record: another incident, an arrest, a notebook entry."""

    __tablename__ = "cad_incident_links"
    __table_args__ = (UniqueConstraint("incident_id", "kind", "target"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("cad_incidents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    target: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))


class CrimeReport(Base):
    """A crime report from the 101 assistant waiting for a person to record it or close it."""

    __tablename__ = "cad_crime_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_key: Mapped[str] = mapped_column(String(200), unique=True)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    log_number: Mapped[str | None] = mapped_column(String(40), default=None)
    contact_call_id: Mapped[int | None] = mapped_column(Integer, default=None)
    channel: Mapped[str | None] = mapped_column(String(20), default=None)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    risk: Mapped[str | None] = mapped_column(String(20), default=None)
    vulnerabilities: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    officer_in_charge: Mapped[str | None] = mapped_column(String(64), default=None)
    crime_number: Mapped[str | None] = mapped_column(String(20), default=None, unique=True)
    closed_reason: Mapped[str | None] = mapped_column(Text, default=None)
    decided_by: Mapped[str | None] = mapped_column(String(200), default=None)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)


class CrimeNumberCounter(Base):
    """The last crime sequence number issued in each year."""

    __tablename__ = "cad_crime_number_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class OfficerTask(Base):
    """Something an officer must do, such as answer a caller who asked for an update."""

    __tablename__ = "cad_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_key: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(30), default="update_request")
    reference: Mapped[str] = mapped_column(String(40))
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("cad_incidents.id"), default=None)
    officer: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    caller_name: Mapped[str] = mapped_column(String(200), default="")
    caller_phone: Mapped[str] = mapped_column(String(40), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    answer: Mapped[str | None] = mapped_column(Text, default=None)
    answered_by: Mapped[str | None] = mapped_column(String(200), default=None)
    answered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)


class ArrestRecord(Base):
    """An arrest recorded in records, as command and control heard of it, and its incident.

    Arrests that came without the log number of an incident here wait (incident_id empty)
    until a controller links them.
    """

    __tablename__ = "cad_arrests"

    id: Mapped[int] = mapped_column(primary_key=True)
    arrest_id: Mapped[int] = mapped_column(Integer, unique=True)
    custody_number: Mapped[str] = mapped_column(String(40))
    arrested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    person_name: Mapped[str] = mapped_column(String(300))
    arresting_officer: Mapped[str] = mapped_column(String(200))
    offences: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The log number records gave with the arrest (None: not known when it was recorded).
    incident_log_number: Mapped[str | None] = mapped_column(String(40), default=None)
    incident_id: Mapped[int | None] = mapped_column(
        ForeignKey("cad_incidents.id"), default=None, index=True
    )
    linked_by: Mapped[str | None] = mapped_column(String(200), default=None)
