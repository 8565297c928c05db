"""Page examples for the browser tests (see tests/browser/examples.py)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session, sessionmaker

from synergy.core.roles import Role
from tests.browser.page_example import Example


def _a_person_with_an_arrest(session_factory: sessionmaker[Session]) -> Mapping[str, str]:
    from tests.records.factories import make_person, record_arrest

    with session_factory() as session:
        person = make_person(session)
        record_arrest(session, person)
        session.commit()
        return {"person_id": str(person.id)}


def _a_vehicle_and_place(session_factory: sessionmaker[Session]) -> Mapping[str, str]:
    from synergy.records import service
    from synergy.records.schemas import PlaceIn, VehicleIn

    with session_factory() as session:
        vehicle = service.record_vehicle(
            session, VehicleIn(registration="AB12CDE", make="Ford", colour="Red"), actor="a.b"
        )
        place = service.record_place(
            session, PlaceIn(address="14 High Street, Birmingham", postcode="B3 2BS"), actor="a.b"
        )
        session.commit()
        return {"vehicle_id": str(vehicle.id), "place_id": str(place.id)}


PAGES: dict[str, Example] = {
    "/records": Example(
        role=Role.RECORDS_OFFICER, url="/records?q=Kowalski", setup=_a_person_with_an_arrest
    ),
    "/records/persons/new": Example(role=Role.RECORDS_OFFICER),
    "/records/vehicles/{vehicle_id}": Example(
        role=Role.RECORDS_OFFICER, setup=_a_vehicle_and_place
    ),
    "/records/places/{place_id}": Example(role=Role.SUPERVISOR, setup=_a_vehicle_and_place),
    "/records/persons/{person_id}": Example(
        role=Role.RECORDS_OFFICER, setup=_a_person_with_an_arrest
    ),
    "/records/persons/{person_id}/arrests/new": Example(
        role=Role.RECORDS_OFFICER, setup=_a_person_with_an_arrest
    ),
}
