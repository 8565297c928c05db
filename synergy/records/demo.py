"""Demo content: two people with an arrest each; the second, a foreign national, publishes the
event the ACRO automation acts on when the worker runs."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from synergy.core.services import DemoContext
from synergy.records import service
from synergy.records.schemas import ArrestIn, IdentityDocument, PersonIn

# (person, arrests as (custody number, hours ago, offences)); the second is a foreign national.
DEMO_PEOPLE = [
    (
        PersonIn(
            family_name="Walker",
            given_names="Daniel James",
            date_of_birth=dt.date(1991, 3, 14),
            place_of_birth="Birmingham",
            gender="male",
            nationalities=["GB"],
        ),
        [("20/C/900001/26", 30, ["Theft from a shop"])],
    ),
    (
        PersonIn(
            family_name="Kowalski",
            given_names="Marek",
            date_of_birth=dt.date(1987, 9, 2),
            place_of_birth="Gdansk",
            gender="male",
            nationalities=["PL"],
            identity_documents=[
                IdentityDocument(kind="passport", number="EA1234567", issuing_country="PL")
            ],
        ),
        [("20/C/900002/26", 6, ["Assault occasioning actual bodily harm"])],
    ),
]


def create_demo_people(db: Session, _context: DemoContext) -> list[str]:
    if service.search_persons(db, text=DEMO_PEOPLE[-1][0].family_name):
        return ["Demo content already loaded: people and arrests."]
    now = dt.datetime.now(dt.UTC)
    count = 0
    for person_in, arrests in DEMO_PEOPLE:
        person = service.create_person(db, person_in, actor="records")
        for custody_number, hours_ago, offences in arrests:
            arrest = ArrestIn(
                custody_number=custody_number,
                arrested_at=now - dt.timedelta(hours=hours_ago),
                offences=offences,
                arresting_officer="PC Olu Officer",
                station="Perry Barr custody suite",
            )
            service.record_arrest(db, person_id=person.id, data=arrest, actor="officer")
            count += 1
    return [
        f"Demo content: {len(DEMO_PEOPLE)} people with {count} arrests "
        "(1 foreign national for ACRO)."
    ]
