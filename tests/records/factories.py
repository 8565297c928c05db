"""Test factories for people and arrests."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from sqlalchemy.orm import Session

from synergy.records import service
from synergy.records.models import Arrest, Person
from synergy.records.schemas import ArrestIn, PersonIn

_custody = itertools.count(1)


def person_in(**overrides: Any) -> PersonIn:
    values: dict[str, Any] = {
        "family_name": "Kowalski",
        "given_names": "Jan Piotr",
        "aliases": [{"family_name": "Kowal", "given_names": "Jan"}],
        "date_of_birth": dt.date(1990, 3, 27),
        "place_of_birth": "Gdansk, Poland",
        "gender": "male",
        "nationalities": ["PL"],
        "identity_documents": [
            {"kind": "passport", "number": "EK1234567", "issuing_country": "PL"}
        ],
    }
    values.update(overrides)
    return PersonIn.model_validate(values)


def make_person(db: Session, **overrides: Any) -> Person:
    return service.create_person(db, person_in(**overrides), actor="records1")


def custody_number() -> str:
    return f"20/C/{next(_custody) % 1_000_000:06d}/24"


def arrest_in(**overrides: Any) -> ArrestIn:
    values: dict[str, Any] = {
        "custody_number": custody_number(),
        "arrested_at": dt.datetime(2024, 6, 3, 14, 30, tzinfo=dt.UTC),
        "offences": ["Theft from a shop"],
        "arresting_officer": "PC 1234 Smith",
        "station": "Birmingham Central",
    }
    values.update(overrides)
    return ArrestIn.model_validate(values)


def record_arrest(db: Session, person: Person, **overrides: Any) -> Arrest:
    return service.record_arrest(
        db, person_id=person.id, data=arrest_in(**overrides), actor="records1"
    )
