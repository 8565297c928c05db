"""Vehicles and places records holds: one row per registration and one per place, so every
sender (an officer's pocket notebook among them) that names the same one finds the same row.

Sending one again never loses what is held: a vehicle's make, model and colour already held
are kept and only blanks are filled in; a place is the same place when its address and
postcode are (case and spacing aside).
"""

from __future__ import annotations

import re

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from synergy.core import audit
from synergy.core.errors import InvalidRequest, NotFound
from synergy.records.models import Place, Vehicle
from synergy.records.schemas import PlaceIn, VehicleIn

REGISTRATION = re.compile(r"^[A-Z0-9]{2,8}$")
CURRENT_FORMAT = re.compile(r"^([A-Z]{2}[0-9]{2})([A-Z]{3})$")
POSTCODE = re.compile(r"^(?:GIR 0AA|[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][ABD-HJLNP-UW-Z]{2})$")


def normalise_registration(text: str) -> str:
    """'ab12 cde' -> 'AB12CDE'; refused unless 2 to 8 letters and digits."""
    value = re.sub(r"[\s-]", "", text).upper()
    if not REGISTRATION.fullmatch(value):
        raise InvalidRequest(
            "Enter the registration as letters and numbers, for example AB12 CDE",
            field="registration",
        )
    return value


def show_registration(value: str) -> str:
    """'AB12CDE' -> 'AB12 CDE' (the current format's space); others as stored."""
    match = CURRENT_FORMAT.fullmatch(value)
    return f"{match.group(1)} {match.group(2)}" if match else value


def normalise_postcode(text: str) -> str | None:
    """'b32bs' -> 'B3 2BS'; None when empty; refused when it is not a UK postcode."""
    value = re.sub(r"\s", "", text).upper()
    if not value:
        return None
    spaced = f"{value[:-3]} {value[-3:]}"
    if not POSTCODE.fullmatch(spaced):
        raise InvalidRequest("Enter a UK postcode, for example B3 2BS", field="postcode")
    return spaced


def _clean(text: str, limit: int, name: str) -> str:
    value = " ".join(text.split())
    if len(value) > limit:
        raise InvalidRequest(
            f"The {name.replace('_', ' ')} must be {limit} characters or fewer", field=name
        )
    return value


def record_vehicle(session: Session, data: VehicleIn, *, actor: str) -> Vehicle:
    """The vehicle with this registration: made if new; if held, blanks are filled in."""
    plate = normalise_registration(data.registration)
    details = {
        "make": _clean(data.make, 60, "make"),
        "model": _clean(data.model, 60, "model"),
        "colour": _clean(data.colour, 40, "colour"),
    }
    vehicle = session.execute(
        select(Vehicle).where(Vehicle.registration == plate)
    ).scalar_one_or_none()
    if vehicle is None:
        vehicle = Vehicle(registration=plate, created_by=actor, **details)
        session.add(vehicle)
        session.flush()
        audit.record(
            session, action="records.vehicle_created", actor=actor, target_type="vehicle",
            target_id=vehicle.id,
        )  # fmt: skip
        return vehicle
    added = {k: v for k, v in details.items() if v and not getattr(vehicle, k)}
    for name, value in added.items():
        setattr(vehicle, name, value)
    if added:
        session.flush()
        audit.record(
            session, action="records.vehicle_updated", actor=actor, target_type="vehicle",
            target_id=vehicle.id, details={"filled_in": sorted(added)},
        )  # fmt: skip
    return vehicle


def record_place(session: Session, data: PlaceIn, *, actor: str) -> Place:
    """The place with this address and postcode (made if new)."""
    where, code = _clean(data.address, 300, "address"), normalise_postcode(data.postcode)
    if not where and not code:
        raise InvalidRequest("Enter the address or the postcode", field="address")
    key = f"{where.lower()}|{(code or '').lower()}"
    place = session.execute(select(Place).where(Place.place_key == key)).scalar_one_or_none()
    if place is None:
        place = Place(address=where or (code or ""), postcode=code, place_key=key, created_by=actor)
        session.add(place)
        session.flush()
        audit.record(
            session, action="records.place_created", actor=actor, target_type="place",
            target_id=place.id,
        )  # fmt: skip
    return place


def get_vehicle(session: Session, *, vehicle_id: int) -> Vehicle:
    vehicle = session.get(Vehicle, vehicle_id)
    if vehicle is None:
        raise NotFound(f"No vehicle with id {vehicle_id}")
    return vehicle


def get_place(session: Session, *, place_id: int) -> Place:
    place = session.get(Place, place_id)
    if place is None:
        raise NotFound(f"No place with id {place_id}")
    return place


def describe_vehicle(vehicle: Vehicle) -> str:
    """'AB12 CDE, Red Ford Focus'."""
    details = " ".join(v for v in (vehicle.colour, vehicle.make, vehicle.model) if v)
    return show_registration(vehicle.registration) + (f", {details}" if details else "")


def describe_place(place: Place) -> str:
    """'12 High Street, B3 2BS' (the postcode once, even when the address holds it)."""
    if place.postcode and place.postcode not in place.address:
        return f"{place.address}, {place.postcode}"
    return place.address


def search_vehicles(session: Session, *, text: str, limit: int = 50) -> list[Vehicle]:
    """Vehicles whose registration holds the text (spaces and case ignored)."""
    plate = re.sub(r"[\s-]", "", text).upper()
    if not plate:
        return []
    return list(
        session.execute(
            select(Vehicle)
            .where(Vehicle.registration.contains(plate, autoescape=True))
            .order_by(Vehicle.registration)
            .limit(limit)
        ).scalars()
    )


def search_places(session: Session, *, text: str, limit: int = 50) -> list[Place]:
    """Places whose address holds the text, or whose postcode does (spaces ignored)."""
    words = " ".join(text.split()).lower()
    if not words:
        return []
    squeezed = words.replace(" ", "")
    return list(
        session.execute(
            select(Place)
            .where(
                or_(
                    func.lower(Place.address).contains(words, autoescape=True),
                    func.replace(func.lower(func.coalesce(Place.postcode, "")), " ", "").contains(
                        squeezed, autoescape=True
                    ),
                )
            )
            .order_by(Place.address, Place.id)
            .limit(limit)
        ).scalars()
    )
