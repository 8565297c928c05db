"""Operations on people, arrests, vehicles and places: the only way other modules touch
records.

`record_arrest()` publishes `records.arrest_recorded` in the same transaction as the arrest.
Its payload is a contract other services rely on (the ACRO automation among them): see
`arrest_event_payload()` and docs/records.md. Fields may be added; none removed or renamed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session

from synergy.core import audit, events
from synergy.core.db import utcnow
from synergy.core.errors import Conflict, InvalidRequest, NotFound
from synergy.core.references import ReferenceFormatError, ReferenceKind, normalise_reference

# Other services that pre-fill records' person form (the pocket notebook sends names from an
# entry) read what the officer confirmed with the same rules as records' own page.
from synergy.records.forms import person_from_form as person_from_form
from synergy.records.models import Arrest, Person
from synergy.records.schemas import ArrestIn, PersonCheck, PersonIn, SubjectLink

# Vehicles and places (the pocket notebook sends them from entries): see that module.
from synergy.records.vehicles_and_places import describe_place as describe_place
from synergy.records.vehicles_and_places import describe_vehicle as describe_vehicle
from synergy.records.vehicles_and_places import get_place as get_place
from synergy.records.vehicles_and_places import get_vehicle as get_vehicle
from synergy.records.vehicles_and_places import normalise_postcode as normalise_postcode
from synergy.records.vehicles_and_places import normalise_registration as normalise_registration
from synergy.records.vehicles_and_places import record_place as record_place
from synergy.records.vehicles_and_places import record_vehicle as record_vehicle
from synergy.records.vehicles_and_places import search_places as search_places
from synergy.records.vehicles_and_places import search_vehicles as search_vehicles
from synergy.records.vehicles_and_places import show_registration as show_registration

ARREST_RECORDED = "records.arrest_recorded"
PAYLOAD_VERSION = 1
UK_NATIONALITY = "GB"


def create_person(session: Session, data: PersonIn, *, actor: str) -> Person:
    if not data.family_name:
        raise InvalidRequest("Enter the family name", field="family_name")
    if not data.given_names:
        raise InvalidRequest("Enter the given names", field="given_names")
    if data.date_of_birth and data.date_of_birth > dt.date.today():
        raise InvalidRequest("Date of birth must be in the past", field="date_of_birth")
    person = Person(
        family_name=data.family_name,
        given_names=data.given_names,
        aliases=[a.model_dump() for a in data.aliases],
        date_of_birth=data.date_of_birth,
        place_of_birth=data.place_of_birth or None,
        gender=data.gender or None,
        nationalities=sorted(set(data.nationalities)),
        identity_documents=[d.model_dump() for d in data.identity_documents],
        created_by=actor,
    )
    session.add(person)
    session.flush()
    audit.record(
        session,
        action="records.person_created",
        actor=actor,
        target_type="person",
        target_id=person.id,
    )
    return person


def get_person(session: Session, *, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"No person with id {person_id}")
    return person


def search_persons(session: Session, *, text: str = "", limit: int = 50) -> list[Person]:
    """People whose custody number, identity document number or names (including aliases)
    match `text`. A custody number in any accepted spelling finds the person arrested under
    it; otherwise every word must appear in one of their names or document numbers."""
    query = select(Person).order_by(Person.family_name, Person.given_names, Person.id)
    custody = _custody_number_in(text)
    if custody is not None:
        query = query.where(
            Person.id.in_(select(Arrest.person_id).where(Arrest.custody_number == custody))
        )
    else:
        for word in text.lower().split()[:6]:
            like = f"%{word}%"
            query = query.where(
                or_(
                    func.lower(Person.family_name).like(like),
                    func.lower(Person.given_names).like(like),
                    func.lower(cast(Person.aliases, String)).like(like),
                    func.lower(cast(Person.identity_documents, String)).like(like),
                )
            )
    return list(session.execute(query.limit(limit)).scalars())


def _custody_number_in(text: str) -> str | None:
    try:
        return normalise_reference(text, kinds=[ReferenceKind.CUSTODY])
    except ReferenceFormatError:
        return None


def normalise_custody_number(text: str) -> str:
    try:
        return normalise_reference(text, kinds=[ReferenceKind.CUSTODY])
    except ReferenceFormatError as exc:
        raise InvalidRequest(str(exc), field="custody_number") from None


def normalise_incident_log_number(text: str | None) -> str | None:
    """The incident log number in its one canonical form, or None when none was given."""
    if not text or not text.strip():
        return None
    try:
        return normalise_reference(text, kinds=[ReferenceKind.INCIDENT_LOG])
    except ReferenceFormatError as exc:
        raise InvalidRequest(str(exc), field="incident_log_number") from None


def record_arrest(session: Session, *, person_id: int, data: ArrestIn, actor: str) -> Arrest:
    """Store the arrest and publish `records.arrest_recorded` in the same transaction."""
    person = get_person(session, person_id=person_id)
    custody_number = normalise_custody_number(data.custody_number)
    log_number = normalise_incident_log_number(data.incident_log_number)
    if data.arrested_at.tzinfo is None:
        raise InvalidRequest("Give the arrest time with its time zone", field="arrested_at")
    if data.arrested_at > utcnow() + dt.timedelta(minutes=5):
        raise InvalidRequest("The arrest time cannot be in the future", field="arrested_at")
    offences = [o for o in data.offences if o]
    if not offences:
        raise InvalidRequest("Enter at least one offence", field="offences")
    if not data.arresting_officer or not data.station:
        field = "arresting_officer" if not data.arresting_officer else "station"
        raise InvalidRequest("Enter the arresting officer and the station", field=field)
    taken = session.execute(
        select(Arrest.id).where(Arrest.custody_number == custody_number)
    ).first()
    if taken is not None:
        raise Conflict(
            f"Custody number {custody_number} is already recorded", field="custody_number"
        )
    arrest = Arrest(
        person_id=person.id,
        custody_number=custody_number,
        arrested_at=data.arrested_at,
        offences=offences,
        arresting_officer=data.arresting_officer,
        station=data.station,
        incident_log_number=log_number,
        recorded_by=actor,
    )
    session.add(arrest)
    session.flush()
    audit.record(
        session,
        action="records.arrest_recorded",
        actor=actor,
        target_type="arrest",
        target_id=arrest.id,
        details={"person_id": person.id, "custody_number": custody_number},
    )
    events.publish(
        session,
        ARREST_RECORDED,
        arrest_event_payload(person, arrest),
        key=f"arrest-{arrest.id}",
    )
    return arrest


def arrest_event_payload(person: Person, arrest: Arrest) -> dict[str, Any]:
    """The `records.arrest_recorded` payload: the arrest and the person as recorded then, and
    the command and control incident the arrest came from when the officer gave its log
    number (canonical form; None when not given). Command and control links the arrest to
    that incident."""
    return {
        "version": PAYLOAD_VERSION,
        "arrest_id": arrest.id,
        "custody_number": arrest.custody_number,
        "arrested_at": arrest.arrested_at.isoformat(),
        "offences": list(arrest.offences),
        "arresting_officer": arrest.arresting_officer,
        "station": arrest.station,
        "recorded_by": arrest.recorded_by,
        "incident_log_number": arrest.incident_log_number,
        "person": {
            "person_id": person.id,
            "family_name": person.family_name,
            "given_names": person.given_names,
            "aliases": list(person.aliases),
            "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else None,
            "place_of_birth": person.place_of_birth,
            "gender": person.gender,
            "nationalities": list(person.nationalities),
            "identity_documents": list(person.identity_documents),
        },
    }


def get_arrest(session: Session, *, arrest_id: int) -> Arrest:
    arrest = session.get(Arrest, arrest_id)
    if arrest is None:
        raise NotFound(f"No arrest with id {arrest_id}")
    return arrest


def arrests_for_person(session: Session, *, person_id: int) -> list[Arrest]:
    return list(
        session.execute(
            select(Arrest).where(Arrest.person_id == person_id).order_by(Arrest.arrested_at.desc())
        ).scalars()
    )


def has_non_uk_nationality(nationalities: list[str]) -> bool:
    return any(code != UK_NATIONALITY for code in nationalities)


def show_person_checks(app: Any, provider: Callable[[Session, int], Sequence[PersonCheck]]) -> None:
    """Let another service list what it holds about a person on the person's page (ACRO's
    start-up hook does). Records never imports that service: it only calls `provider`."""
    app.state.records_person_checks = provider


def show_subject_links(
    app: Any, provider: Callable[[Session, str, int], Sequence[SubjectLink]]
) -> None:
    """Let another service list what names a person, vehicle or place on its records page
    (the notebook's start-up hook does: the entries linked to it). `provider` is called with
    the kind ("person", "vehicle" or "place") and records' id. Records never imports that
    service."""
    app.state.records_subject_links = provider
