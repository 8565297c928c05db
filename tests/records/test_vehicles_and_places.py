"""Vehicles and places records holds: one per registration and per place, found again by
records' search, each with its page."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from synergy.core.audit import AuditRecord
from synergy.core.errors import InvalidRequest
from synergy.core.roles import Role
from synergy.records import service
from synergy.records.models import Place, Vehicle
from synergy.records.schemas import PlaceIn, VehicleIn


def test_a_registration_in_any_spacing_is_one_vehicle_whose_details_are_kept(db) -> None:
    first = service.record_vehicle(
        db, VehicleIn(registration="ab12 cde", colour="Red"), actor="alex.morgan"
    )
    again = service.record_vehicle(
        db, VehicleIn(registration="AB12-CDE", colour="Blue", make="Ford"), actor="sam.patel"
    )
    assert again.id == first.id and first.registration == "AB12CDE"
    assert (again.colour, again.make) == ("Red", "Ford"), "held details kept, blanks filled in"
    assert service.describe_vehicle(again) == "AB12 CDE, Red Ford"
    actions = db.execute(
        select(AuditRecord.action, AuditRecord.actor).where(AuditRecord.target_type == "vehicle")
    ).all()
    assert [tuple(a) for a in actions] == [
        ("records.vehicle_created", "alex.morgan"),
        ("records.vehicle_updated", "sam.patel"),
    ]


def test_a_place_is_the_same_place_whatever_its_case_and_spacing(db) -> None:
    first = service.record_place(
        db, PlaceIn(address="14 High  Street, Birmingham", postcode="b32bs"), actor="alex.morgan"
    )
    again = service.record_place(
        db, PlaceIn(address="14 high street, birmingham", postcode="B3 2BS"), actor="sam.patel"
    )
    assert again.id == first.id and first.postcode == "B3 2BS"
    assert service.describe_place(first) == "14 High Street, Birmingham, B3 2BS"
    only_postcode = service.record_place(db, PlaceIn(postcode="B3 2BS"), actor="alex.morgan")
    assert only_postcode.id != first.id and service.describe_place(only_postcode) == "B3 2BS"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (VehicleIn(registration="AB12 CDE!"), "registration", "for example AB12 CDE"),
        (VehicleIn(registration=""), "registration", "for example AB12 CDE"),
        (VehicleIn(registration="AB12CDE", make="F" * 61), "make", "60 characters or fewer"),
        (PlaceIn(address="The park", postcode="B3"), "postcode", "UK postcode"),
        (PlaceIn(address="  ", postcode=""), "address", "address or the postcode"),
        (PlaceIn(address="x" * 301), "address", "300 characters or fewer"),
    ],
)
def test_bad_vehicles_and_places_are_refused_with_the_field_named(
    db, data: VehicleIn | PlaceIn, field: str, message: str
) -> None:
    with pytest.raises(InvalidRequest, match=message) as refused:
        if isinstance(data, VehicleIn):
            service.record_vehicle(db, data, actor="alex.morgan")
        else:
            service.record_place(db, data, actor="alex.morgan")
    assert refused.value.field == field
    assert db.execute(select(func.count()).select_from(Vehicle)).scalar() == 0
    assert db.execute(select(func.count()).select_from(Place)).scalar() == 0


def test_search_finds_vehicles_by_part_of_a_registration_and_places_by_postcode(db) -> None:
    service.record_vehicle(db, VehicleIn(registration="AB12CDE"), actor="a.b")
    service.record_vehicle(db, VehicleIn(registration="XY99ZZZ"), actor="a.b")
    service.record_place(db, PlaceIn(address="1 Mill Lane", postcode="B3 2BS"), actor="a.b")
    service.record_place(db, PlaceIn(address="2 Mill Lane", postcode="WS1 1AA"), actor="a.b")
    assert [v.registration for v in service.search_vehicles(db, text="b12 c")] == ["AB12CDE"]
    assert [p.address for p in service.search_places(db, text="b32bs")] == ["1 Mill Lane"]
    assert [p.address for p in service.search_places(db, text="mill LANE")] == [
        "1 Mill Lane",
        "2 Mill Lane",
    ]
    assert service.search_vehicles(db, text="%") == [] and service.search_places(db, text="") == []


def test_records_search_and_pages_show_vehicles_and_places(signed_in, session_factory) -> None:
    with session_factory() as session:
        vehicle = service.record_vehicle(
            session, VehicleIn(registration="AB12CDE", make="Ford", model="Focus"), actor="a.b"
        )
        place = service.record_place(
            session, PlaceIn(address="1 Mill Lane, Walsall", postcode="WS1 1AA"), actor="a.b"
        )
        session.commit()
        ids = vehicle.id, place.id
    client = signed_in(Role.SUPERVISOR)
    found = client.get("/records", params={"q": "AB12 CDE"}).text
    assert f'href="/records/vehicles/{ids[0]}">AB12 CDE, Ford Focus</a>' in found
    found = client.get("/records", params={"q": "ws1 1aa"}).text
    assert f'href="/records/places/{ids[1]}">1 Mill Lane, Walsall, WS1 1AA</a>' in found
    page = client.get(f"/records/vehicles/{ids[0]}").text
    assert "Vehicle AB12 CDE" in page and "Focus" in page and "Not recorded" in page
    assert "Notebook entries that name it" in page
    assert "Place: 1 Mill Lane, Walsall, WS1 1AA" in client.get(f"/records/places/{ids[1]}").text
    assert client.get("/records/vehicles/999999").status_code == 404


def test_only_records_staff_open_vehicle_pages(signed_in, session_factory) -> None:
    with session_factory() as session:
        vehicle = service.record_vehicle(session, VehicleIn(registration="AB12CDE"), actor="a.b")
        session.commit()
        vehicle_id = vehicle.id
    client = signed_in(Role.CONTACT_AGENT)
    assert client.get(f"/records/vehicles/{vehicle_id}").status_code == 403


def test_the_api_finds_vehicles_and_places_in_their_stored_form(signed_in, session_factory) -> None:
    with session_factory() as session:
        vehicle = service.record_vehicle(session, VehicleIn(registration="ab12 cde"), actor="a.b")
        place = service.record_place(session, PlaceIn(postcode="ws11aa"), actor="a.b")
        session.commit()
        ids = vehicle.id, place.id
    client = signed_in(Role.RECORDS_OFFICER)
    found = client.get("/api/records/vehicles", params={"q": "AB12 C"}).json()
    assert [(v["id"], v["registration"], v["make"]) for v in found] == [(ids[0], "AB12CDE", "")]
    place_json = client.get(f"/api/records/places/{ids[1]}").json()
    assert (place_json["address"], place_json["postcode"]) == ("WS1 1AA", "WS1 1AA")
    assert client.get("/api/records/places", params={"q": "ws1"}).json()[0]["id"] == ids[1]
    assert client.get("/api/records/vehicles/0").status_code == 422
    assert client.get(f"/api/records/vehicles/{ids[0] + 1000}").status_code == 404
