from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.cad import service
from synergy.cad.models import Source
from synergy.cad.schemas import Location
from synergy.core.errors import Conflict, InvalidRequest
from synergy.core.events import OutboxEvent
from synergy.core.references import ReferenceKind, parse_reference
from tests.cad.factories import open_incident


def _topics(db: Session) -> list[str]:
    return list(db.execute(select(OutboxEvent.topic).order_by(OutboxEvent.id)).scalars())


def test_opened_incident_has_a_log_number_in_the_platform_format(db: Session) -> None:
    incident = open_incident(db)
    parsed = parse_reference(incident.log_number)
    assert parsed.kind is ReferenceKind.INCIDENT_LOG
    assert parsed.canonical == incident.log_number
    assert incident.postcode == "B5 4TR" and incident.area == "B5"
    assert _topics(db) == [service.INCIDENT_OPENED]


def test_each_incident_gets_a_different_log_number(db: Session) -> None:
    numbers = {open_incident(db).log_number for _ in range(3)}
    assert len(numbers) == 3


def test_postcode_is_checked_and_written_one_way(db: Session) -> None:
    incident = open_incident(db, location=Location(address="Station", postcode="b54tr"))
    assert incident.postcode == "B5 4TR"
    with pytest.raises(InvalidRequest) as caught:
        open_incident(db, location=Location(address="Station", postcode="NOT A CODE"))
    assert caught.value.field == "postcode"


def test_unknown_classification_and_grade_are_refused(db: Session) -> None:
    with pytest.raises(InvalidRequest):
        open_incident(db, opening_code="MADE-UP")
    with pytest.raises(InvalidRequest):
        open_incident(db, grade=5)


def test_partner_incident_is_found_by_agency_and_reference(db: Session) -> None:
    incident = open_incident(
        db, source=Source.PARTNER, originating_agency="WMFS", external_reference="F-123"
    )
    found = service.find_by_external_reference(
        db, originating_agency="WMFS", external_reference="F-123"
    )
    assert found is not None and found.id == incident.id
    assert (
        service.find_by_external_reference(
            db, originating_agency="WMAS", external_reference="F-123"
        )
        is None
    )
    with pytest.raises(Conflict):
        open_incident(
            db, source=Source.PARTNER, originating_agency="WMFS", external_reference="F-123"
        )


def test_update_logs_each_change_and_publishes(db: Session) -> None:
    incident = open_incident(db)
    service.update_incident(
        db,
        incident_id=incident.id,
        actor="c1",
        grade=1,
        opening_code="CRIME-ROBBERY",
        reason="weapon seen",
    )
    entries = service.incident_entries(db, incident_id=incident.id)
    assert "Grade changed from 2 to 1" in entries[-1].text
    assert "Robbery" in entries[-1].text and "weapon seen" in entries[-1].text
    assert _topics(db)[-1] == service.INCIDENT_UPDATED


def test_close_needs_a_known_code_and_happens_once(db: Session) -> None:
    incident = open_incident(db)
    with pytest.raises(InvalidRequest):
        service.close_incident(db, incident_id=incident.id, actor="c1", closing_code="NOPE")
    service.close_incident(
        db, incident_id=incident.id, actor="c1", closing_code="ADMIN-NO-TRACE", reason="gone"
    )
    assert incident.status == "closed" and incident.closing_code == "ADMIN-NO-TRACE"
    with pytest.raises(Conflict):
        service.close_incident(db, incident_id=incident.id, actor="c1", closing_code="CRIME-THEFT")
    payload = db.execute(select(OutboxEvent.payload).order_by(OutboxEvent.id.desc())).scalar()
    assert payload is not None and payload["closing_code"] == "ADMIN-NO-TRACE"


def test_opened_time_can_be_given_for_back_records(db: Session) -> None:
    when = dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.UTC)
    incident = open_incident(db, opened_at=when)
    assert incident.opened_at == when
    assert incident.log_number.endswith("-05012026")
