"""Records forms: any text in a number field is a clear error on the form, never a 500, and
nothing is stored."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from synergy.core.roles import Role
from synergy.records.models import Person
from tests.conftest import csrf_for


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [("1", "1", "99999999999999999999999"), ("²", "1", "1990"), ("1", "1", "-5")],
)
def test_a_date_of_birth_that_is_no_date_is_an_error_on_the_form(
    client, signed_in, db, day: str, month: str, year: str
) -> None:
    signed_in(Role.RECORDS_OFFICER)
    response = client.post(
        "/records/persons/new",
        data={
            "family_name": "Novak",
            "given_names": "Ana",
            "dob-day": day,
            "dob-month": month,
            "dob-year": year,
            "nationalities": "RO",
            "csrf_token": csrf_for(client),
        },
    )
    assert response.status_code == 422
    assert "real date" in response.text
    assert db.execute(select(func.count()).select_from(Person)).scalar() == 0


@pytest.mark.parametrize("time", ["99999999999999999999:00", "²:30", "14:99999999999999999"])
def test_an_arrest_time_that_is_no_time_is_an_error_on_the_form(
    client, signed_in, session_factory, time: str
) -> None:
    from synergy.records import service
    from tests.records.factories import person_in

    signed_in(Role.RECORDS_OFFICER)
    with session_factory() as session:
        person = service.create_person(session, person_in(), actor="test")
        session.commit()
    response = client.post(
        f"/records/persons/{person.id}/arrests/new",
        data={
            "arrested-day": "15",
            "arrested-month": "7",
            "arrested-year": "2026",
            "arrested_time": time,
            "csrf_token": csrf_for(client),
        },
    )
    assert response.status_code == 422
    assert "a time like 14:30" in response.text
