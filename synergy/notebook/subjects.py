"""People, vehicles and places an entry names, once the officer confirms them.

A person goes to records (records' own form rules, pre-filled from the entry); vehicles and
places, which records does not hold, are kept here: one row per registration and per place,
each linked to every entry that named it, so an officer can look a registration or a
postcode up and find the entries (theirs to read; other officers' by reference only). The
entry itself never changes: a link is a row beside it, audited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from synergy.core import audit
from synergy.core.errors import InvalidRequest, NotFound
from synergy.notebook import service
from synergy.notebook.links import POSTCODE
from synergy.notebook.models import Entry, EntrySubject, Notebook, Place, Vehicle
from synergy.notebook.presenting import uk_time

PERSON, VEHICLE, PLACE = "person", "vehicle", "place"
REGISTRATION = re.compile(r"^[A-Z0-9]{2,8}$")
CURRENT_FORMAT = re.compile(r"^([A-Z]{2}[0-9]{2})([A-Z]{3})$")


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


def _link(session: Session, *, officer: str, seq: int, kind: str, subject_id: int) -> None:
    entry = service.entry_row(session, officer=officer, seq=seq)
    taken = session.execute(
        select(EntrySubject.id).where(
            EntrySubject.entry_id == entry.id,
            EntrySubject.kind == kind,
            EntrySubject.subject_id == subject_id,
        )
    ).first()
    if taken is not None:
        return
    session.add(
        EntrySubject(entry_id=entry.id, kind=kind, subject_id=subject_id, linked_by=officer)
    )
    session.flush()
    audit.record(
        session,
        action=f"notebook.{kind}_linked",
        actor=officer,
        target_type="notebook_entry",
        target_id=service.reference_for(officer, seq),
        details={"kind": kind, "id": subject_id},
    )


def link_person(session: Session, *, officer: str, seq: int, person_id: int) -> None:
    """Link the entry to a person records now holds (records made the row)."""
    _link(session, officer=officer, seq=seq, kind=PERSON, subject_id=person_id)


def send_vehicle(
    session: Session, *, officer: str, seq: int, registration: str, make: str = "",
    model: str = "", colour: str = "",
) -> Vehicle:  # fmt: skip
    """The vehicle with this registration (made if new; details already held are kept and
    blanks filled in), linked to the entry."""
    service.entry_row(session, officer=officer, seq=seq)
    plate = normalise_registration(registration)
    details = {
        "make": _clean(make, 60, "make"),
        "model": _clean(model, 60, "model"),
        "colour": _clean(colour, 40, "colour"),
    }
    vehicle = session.execute(
        select(Vehicle).where(Vehicle.registration == plate)
    ).scalar_one_or_none()
    if vehicle is None:
        vehicle = Vehicle(registration=plate, created_by=officer, **details)
        session.add(vehicle)
        session.flush()
    else:
        for name, value in details.items():
            if value and not getattr(vehicle, name):
                setattr(vehicle, name, value)
    _link(session, officer=officer, seq=seq, kind=VEHICLE, subject_id=vehicle.id)
    return vehicle


def send_place(
    session: Session, *, officer: str, seq: int, address: str, postcode: str = ""
) -> Place:
    """The place with this address and postcode (made if new), linked to the entry."""
    service.entry_row(session, officer=officer, seq=seq)
    where, code = _clean(address, 300, "address"), normalise_postcode(postcode)
    if not where and not code:
        raise InvalidRequest("Enter the address or the postcode", field="address")
    key = f"{where.lower()}|{(code or '').lower()}"
    place = session.execute(select(Place).where(Place.place_key == key)).scalar_one_or_none()
    if place is None:
        place = Place(
            address=where or (code or ""), postcode=code, place_key=key, created_by=officer
        )
        session.add(place)
        session.flush()
    _link(session, officer=officer, seq=seq, kind=PLACE, subject_id=place.id)
    return place


@dataclass(frozen=True)
class Subject:
    kind: str
    id: int
    label: str


@dataclass(frozen=True)
class Naming:
    """One entry that named a vehicle or place: its reference, officer and number."""

    reference: str
    officer: str
    seq: int
    linked_at: str


def _label(session: Session, kind: str, subject_id: int) -> str:
    if kind == VEHICLE:
        vehicle = session.get(Vehicle, subject_id)
        return describe_vehicle(vehicle) if vehicle else f"vehicle {subject_id}"
    if kind == PLACE:
        place = session.get(Place, subject_id)
        return describe_place(place) if place else f"place {subject_id}"
    from synergy.records import service as records

    try:
        person = records.get_person(session, person_id=subject_id)
    except NotFound:
        return f"person {subject_id} in records"
    return f"{person.given_names} {person.family_name.upper()} (records person {person.id})"


def describe_vehicle(vehicle: Vehicle) -> str:
    details = " ".join(v for v in (vehicle.colour, vehicle.make, vehicle.model) if v)
    return show_registration(vehicle.registration) + (f", {details}" if details else "")


def describe_place(place: Place) -> str:
    if place.postcode and place.postcode not in place.address:
        return f"{place.address}, {place.postcode}"
    return place.address


def subjects_of(session: Session, entry_ids: list[int]) -> dict[int, list[Subject]]:
    """What each of these entries has been linked to, in the order it was linked."""
    found: dict[int, list[Subject]] = {}
    rows = session.execute(
        select(EntrySubject).where(EntrySubject.entry_id.in_(entry_ids)).order_by(EntrySubject.id)
    ).scalars()
    for row in rows:
        subject = Subject(row.kind, row.subject_id, _label(session, row.kind, row.subject_id))
        found.setdefault(row.entry_id, []).append(subject)
    return found


def namings(session: Session, *, kind: str, subject_id: int) -> list[Naming]:
    """Every entry linked to this vehicle or place, oldest link first."""
    rows = session.execute(
        select(Notebook.officer, Entry.seq, EntrySubject.linked_at)
        .join(Entry, Entry.id == EntrySubject.entry_id)
        .join(Notebook, Notebook.id == Entry.notebook_id)
        .where(EntrySubject.kind == kind, EntrySubject.subject_id == subject_id)
        .order_by(EntrySubject.linked_at, EntrySubject.id)
    ).all()
    return [
        Naming(service.reference_for(r.officer, r.seq), r.officer, r.seq, uk_time(r.linked_at))
        for r in rows
    ]


def get_vehicle(session: Session, *, vehicle_id: int) -> Vehicle:
    vehicle = session.get(Vehicle, vehicle_id)
    if vehicle is None:
        raise NotFound(f"No vehicle {vehicle_id}")
    return vehicle


def get_place(session: Session, *, place_id: int) -> Place:
    place = session.get(Place, place_id)
    if place is None:
        raise NotFound(f"No place {place_id}")
    return place


def lookup(session: Session, *, text: str, limit: int = 50) -> tuple[list[Vehicle], list[Place]]:
    """Vehicles whose registration holds the text (spaces ignored) and places whose address
    or postcode holds it."""
    words = " ".join(text.split()).lower()
    if not words:
        return [], []
    plate = re.sub(r"[\s-]", "", words).upper()
    vehicles = list(
        session.execute(
            select(Vehicle)
            .where(Vehicle.registration.contains(plate, autoescape=True))
            .order_by(Vehicle.registration)
            .limit(limit)
        ).scalars()
    )
    places = list(
        session.execute(
            select(Place)
            .where(
                or_(
                    func.lower(Place.address).contains(words, autoescape=True),
                    func.replace(func.lower(func.coalesce(Place.postcode, "")), " ", "").contains(
                        plate.lower(), autoescape=True
                    ),
                )
            )
            .order_by(Place.address)
            .limit(limit)
        ).scalars()
    )
    return vehicles, places
