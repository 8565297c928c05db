"""People, vehicles and places named in an entry: sent to records pre-filled (records holds
all three), linked from the entry, and found again by registration, address or postcode."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import func, select

from synergy.core.roles import Role
from synergy.notebook.models import Entry
from synergy.records.models import Place, Vehicle
from tests.conftest import csrf_for, sign_in

NOTE = (
    "Stopped AB12 CDE outside 14 High Street, Birmingham B3 2BS. "
    "Driver Jan KOWALSKI born 27/03/1990."
)


@pytest.fixture
def officer(client, make_user):  # type: ignore[no-untyped-def]
    make_user("alex.morgan", Role.OFFICER)
    sign_in(client, "alex.morgan")
    response = client.post("/notebook/entries", data={"text": NOTE, "csrf_token": csrf_for(client)})
    assert response.status_code == 303
    return client


def _value(page: str, field_id: str) -> str | None:
    found = re.search(rf'<input [^>]*id="{field_id}"[^>]*value="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else None


def test_the_records_page_pre_fills_the_vehicle_and_place_found_in_the_entry(officer) -> None:
    page = officer.get("/notebook/entries/1/records").text
    assert _value(page, "registration-vehicle-1") == "AB12 CDE"
    assert _value(page, "address-place-1") == "14 High Street, Birmingham"
    assert _value(page, "postcode-place-1") == "B3 2BS"
    assert _value(page, "family_name-1") == "Kowalski", "the person's form is pre-filled too"
    assert _value(page, "given_names-1") == "Jan", "'Driver' is not taken for a name"


def test_a_confirmed_vehicle_is_linked_from_the_entry_and_found_by_lookup(officer, db) -> None:
    response = officer.post(
        "/notebook/entries/1/vehicles",
        data={"registration": "ab12cde", "make": "Ford", "model": "Focus", "colour": "Red",
              "csrf_token": csrf_for(officer)},
    )  # fmt: skip
    assert response.headers["location"] == "/notebook/entries/1?sent=vehicle"
    entry = officer.get("/notebook/entries/1?sent=vehicle").text
    assert "Vehicle sent to records and linked to this entry." in entry
    vehicle_id = db.execute(select(Vehicle.id)).scalar_one()
    assert f'href="/notebook/vehicles/{vehicle_id}">AB12 CDE, Red Ford Focus</a>' in entry
    found = officer.get("/notebook/lookup", params={"q": "ab12 c"}).text
    assert f'href="/notebook/vehicles/{vehicle_id}">AB12 CDE, Red Ford Focus' in found
    page = officer.get(f"/notebook/vehicles/{vehicle_id}").text
    assert '<a class="govuk-link" href="/notebook/entries/1">NB-alex.morgan-1</a>' in page
    assert db.execute(select(func.count()).select_from(Entry)).scalar() == 1, "no entry added"


def test_a_second_entry_naming_the_same_vehicle_links_to_the_one_record(
    officer, client, make_user, db
) -> None:  # type: ignore[no-untyped-def]
    officer.post(
        "/notebook/entries/1/vehicles",
        data={"registration": "AB12 CDE", "colour": "Red", "csrf_token": csrf_for(officer)},
    )
    officer.post(
        "/notebook/entries", data={"text": "AB12CDE seen again", "csrf_token": csrf_for(officer)}
    )
    officer.post(
        "/notebook/entries/2/vehicles",
        data={"registration": "AB12CDE", "colour": "Blue", "make": "Ford",
              "csrf_token": csrf_for(officer)},
    )  # fmt: skip
    vehicle = db.execute(select(Vehicle)).scalar_one()
    assert (vehicle.colour, vehicle.make) == ("Red", "Ford"), "held details kept, blanks filled"
    page = officer.get(f"/notebook/vehicles/{vehicle.id}").text
    assert "NB-alex.morgan-1" in page and "NB-alex.morgan-2" in page


def test_another_officer_sees_the_reference_but_cannot_open_the_entry(officer, make_user) -> None:
    officer.post(
        "/notebook/entries/1/places",
        data={"address": "14 High Street, Birmingham", "postcode": "b32bs",
              "csrf_token": csrf_for(officer)},
    )  # fmt: skip
    make_user("sam.patel", Role.OFFICER)
    sign_in(officer, "sam.patel")
    found = officer.get("/notebook/lookup", params={"q": "B3 2BS"}).text
    assert "14 High Street, Birmingham, B3 2BS" in found
    place = officer.get("/notebook/places/1").text
    assert "NB-alex.morgan-1" in place and 'href="/notebook/entries/1"' not in place
    assert officer.get("/notebook/entries/1").status_code == 404


def test_bad_registration_and_postcode_are_refused_and_what_was_typed_kept(officer, db) -> None:
    bad = officer.post(
        "/notebook/entries/1/vehicles",
        data={"registration": "AB12 CDE!", "make": "Ford", "vehicle": "1",
              "csrf_token": csrf_for(officer)},
    )  # fmt: skip
    assert bad.status_code == 422
    assert 'href="#registration-vehicle-1"' in bad.text and "for example AB12 CDE" in bad.text
    assert 'id="registration-vehicle-1-error"' in bad.text, "the message is beside the field too"
    assert _value(bad.text, "registration-vehicle-1") == "AB12 CDE!"
    assert _value(bad.text, "make-vehicle-1") == "Ford"
    place = officer.post(
        "/notebook/entries/1/places",
        data={
            "address": "The park",
            "postcode": "B3",
            "place": "2",
            "csrf_token": csrf_for(officer),
        },
    )
    assert place.status_code == 422 and 'href="#postcode-place-2"' in place.text
    assert db.execute(select(func.count()).select_from(Vehicle)).scalar() == 0
    assert db.execute(select(func.count()).select_from(Place)).scalar() == 0


def test_a_person_sent_to_records_is_linked_from_the_entry(officer) -> None:
    response = officer.post(
        "/notebook/entries/1/records",
        data={"person": "1", "family_name": "Kowalski", "given_names": "Jan",
              "dob-day": "27", "dob-month": "3", "dob-year": "1990",
              "csrf_token": csrf_for(officer)},
    )  # fmt: skip
    assert response.headers["location"] == "/notebook/entries/1?sent=person"
    entry = officer.get("/notebook/entries/1?sent=person").text
    assert "Person added to records and linked to this entry." in entry
    assert "Person Jan KOWALSKI (records person" in entry


def test_records_shows_the_entry_on_the_person_page(officer, make_user) -> None:
    officer.post(
        "/notebook/entries/1/records",
        data={"person": "1", "family_name": "Kowalski", "given_names": "Jan",
              "csrf_token": csrf_for(officer)},
    )  # fmt: skip
    make_user("rita.okafor", Role.RECORDS_OFFICER)
    sign_in(officer, "rita.okafor")
    found = officer.get("/records", params={"q": "kowalski"}).text
    person_url = re.search(r'href="(/records/persons/\d+)"', found)
    assert person_url, "the person the officer sent is in records"
    page = officer.get(person_url.group(1)).text
    assert "Notebook entries that name them" in page and "NB-alex.morgan-1" in page


def test_a_person_with_a_problem_is_pointed_at_in_their_own_form(officer) -> None:
    response = officer.post(
        "/notebook/entries/1/records",
        data={"person": "1", "family_name": "", "given_names": "Jan",
              "csrf_token": csrf_for(officer)},
    )  # fmt: skip
    assert response.status_code == 422
    assert 'href="#family_name-1"' in response.text
    assert 'id="family_name-1-error"' in response.text


def test_a_vehicle_and_place_sent_from_an_entry_are_held_by_records_with_the_entry_listed(
    officer, make_user
) -> None:  # type: ignore[no-untyped-def]
    officer.post(
        "/notebook/entries/1/vehicles",
        data={"registration": "AB12 CDE", "make": "Ford", "csrf_token": csrf_for(officer)},
    )
    officer.post(
        "/notebook/entries/1/places",
        data={"address": "14 High Street, Birmingham", "postcode": "B3 2BS",
              "csrf_token": csrf_for(officer)},
    )  # fmt: skip
    make_user("rita.okafor", Role.RECORDS_OFFICER)
    sign_in(officer, "rita.okafor")
    found = officer.get("/records", params={"q": "ab12cde"}).text
    vehicle_link = re.search(r'href="(/records/vehicles/\d+)">AB12 CDE, Ford</a>', found)
    assert vehicle_link, "records' own search finds the vehicle the officer sent"
    vehicle = officer.get(vehicle_link.group(1)).text
    assert "NB-alex.morgan-1" in vehicle and "alex.morgan" in vehicle
    places = officer.get("/records", params={"q": "b3 2bs"}).text
    place_link = re.search(r'href="(/records/places/\d+)">14 High Street, Birmingham, B3', places)
    assert place_link, "records' search finds the place by its postcode"
    assert "NB-alex.morgan-1" in officer.get(place_link.group(1)).text
