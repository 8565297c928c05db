"""Tables for people and their arrests, and the vehicles and places records holds.

Aliases, nationalities and identity documents are small lists that are always read with the
person, so they are JSON columns rather than tables of their own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from synergy.core.db import Base, UTCDateTime, utcnow


class Person(Base):
    __tablename__ = "records_persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_name: Mapped[str] = mapped_column(String(100), index=True)
    given_names: Mapped[str] = mapped_column(String(200))
    aliases: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date, default=None)
    place_of_birth: Mapped[str | None] = mapped_column(String(200), default=None)
    gender: Mapped[str | None] = mapped_column(String(40), default=None)
    nationalities: Mapped[list[str]] = mapped_column(JSON, default=list)
    identity_documents: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64))


class Arrest(Base):
    __tablename__ = "records_arrests"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("records_persons.id"), index=True)
    custody_number: Mapped[str] = mapped_column(String(40), unique=True)
    arrested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    offences: Mapped[list[str]] = mapped_column(JSON, default=list)
    arresting_officer: Mapped[str] = mapped_column(String(100))
    station: Mapped[str] = mapped_column(String(100))
    # The command and control incident the arrest came from, when the officer gave it.
    incident_log_number: Mapped[str | None] = mapped_column(String(40), default=None)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(64))


class Vehicle(Base):
    """A vehicle records holds, one row per registration (an officer may send one from a
    notebook entry)."""

    __tablename__ = "records_vehicles"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration: Mapped[str] = mapped_column(String(16), unique=True)  # upper case, no spaces
    make: Mapped[str] = mapped_column(String(60), default="")
    model: Mapped[str] = mapped_column(String(60), default="")
    colour: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64))


class Place(Base):
    """A place records holds, one row per address and postcode."""

    __tablename__ = "records_places"

    id: Mapped[int] = mapped_column(primary_key=True)
    address: Mapped[str] = mapped_column(String(300))
    postcode: Mapped[str | None] = mapped_column(String(10), default=None, index=True)
    # The address and postcode lower-cased with single spaces: one row per place.
    place_key: Mapped[str] = mapped_column(String(320), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64))
