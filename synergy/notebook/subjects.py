"""People, vehicles and places an entry names, once the officer confirms them.

Records holds all three: a person through records' own form rules (pre-filled from the
entry), a vehicle or place through records' `record_vehicle()` / `record_place()`, which find
the one already held (by registration; by address and postcode) or add it. The notebook keeps
only its link rows (entry -> records' id), so an officer can look a registration or a postcode
up and find the entries (theirs to read; other officers' by reference only), and records'
vehicle and place pages list the entries that name them. The entry itself never changes: a
link is a row beside it, audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.core import audit
from synergy.core.errors import NotFound
from synergy.notebook import service
from synergy.notebook.models import Entry, EntrySubject, Notebook
from synergy.notebook.presenting import uk_time
from synergy.records import service as records
from synergy.records.schemas import PlaceIn, PlaceOut, SubjectLink, VehicleIn, VehicleOut

PERSON, VEHICLE, PLACE = "person", "vehicle", "place"


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
) -> VehicleOut:  # fmt: skip
    """The vehicle records holds with this registration (added if new; details it already
    holds are kept and blanks filled in), linked to the entry."""
    service.entry_row(session, officer=officer, seq=seq)
    data = VehicleIn(registration=registration, make=make, model=model, colour=colour)
    vehicle = records.record_vehicle(session, data, actor=officer)
    _link(session, officer=officer, seq=seq, kind=VEHICLE, subject_id=vehicle.id)
    return VehicleOut.model_validate(vehicle)


def send_place(
    session: Session, *, officer: str, seq: int, address: str, postcode: str = ""
) -> PlaceOut:
    """The place records holds with this address and postcode (added if new), linked to the
    entry."""
    service.entry_row(session, officer=officer, seq=seq)
    place = records.record_place(
        session, PlaceIn(address=address, postcode=postcode), actor=officer
    )
    _link(session, officer=officer, seq=seq, kind=PLACE, subject_id=place.id)
    return PlaceOut.model_validate(place)


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
    try:
        if kind == VEHICLE:
            return records.describe_vehicle(records.get_vehicle(session, vehicle_id=subject_id))
        if kind == PLACE:
            return records.describe_place(records.get_place(session, place_id=subject_id))
        person = records.get_person(session, person_id=subject_id)
    except NotFound:
        return f"{kind} {subject_id} in records"
    return f"{person.given_names} {person.family_name.upper()} (records person {person.id})"


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
    """Every entry linked to this person, vehicle or place, oldest link first."""
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


def entries_naming(session: Session, kind: str, subject_id: int) -> Sequence[SubjectLink]:
    """The entries linked to a person, vehicle or place records holds, for its records page."""
    return [
        SubjectLink(reference=n.reference, linked_by=n.officer, linked_at=n.linked_at)
        for n in namings(session, kind=kind, subject_id=subject_id)
    ]


def lookup(session: Session, *, text: str, limit: int = 50) -> tuple[list[Subject], list[Subject]]:
    """Vehicles records holds whose registration holds the text (spaces ignored), and places
    whose address or postcode holds it."""
    vehicles = records.search_vehicles(session, text=text, limit=limit)
    places = records.search_places(session, text=text, limit=limit)
    return (
        [Subject(VEHICLE, v.id, records.describe_vehicle(v)) for v in vehicles],
        [Subject(PLACE, p.id, records.describe_place(p)) for p in places],
    )
