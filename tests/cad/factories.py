"""Incidents and units for tests, made through the service's public functions."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from synergy.cad import resources, service
from synergy.cad.models import Incident, Source, Unit
from synergy.cad.schemas import Caller, Location


def open_incident(db: Session, **overrides: Any) -> Incident:
    values: dict[str, Any] = {
        "source": Source.CONTROLLER,
        "caller": Caller(name="Sam Caller", phone="07700 900123"),
        "location": Location(address="1 High Street, Birmingham", postcode="B5 4TR"),
        "opening_code": "CRIME-THEFT",
        "grade": 2,
        "remarks": "Bike taken from outside the shop",
        "actor": "controller1",
    }
    values.update(overrides)
    return service.open_incident(db, **values)


def make_unit(db: Session, call_sign: str = "BW21", officers: tuple[str, ...] = ("pc1",)) -> Unit:
    return resources.create_unit(db, call_sign=call_sign, officers=officers, area="B5")
