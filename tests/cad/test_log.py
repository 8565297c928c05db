from __future__ import annotations

import pytest
from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from synergy.cad import service
from synergy.cad.models import LogEntry
from synergy.core.errors import InvalidRequest
from tests.cad.factories import open_incident


def _incident_with_entries(db: Session) -> int:
    incident = open_incident(db)
    for text in ("Caller rang back", "Suspect seen heading north", "Area search started"):
        service.add_log_entry(db, incident_id=incident.id, author="c1", text=text)
    db.flush()
    return incident.id


def test_every_entry_has_its_time_and_author_and_the_log_verifies(db: Session) -> None:
    incident_id = _incident_with_entries(db)
    entries = service.incident_entries(db, incident_id=incident_id)
    assert [e.seq for e in entries] == [1, 2, 3, 4]
    assert all(e.at is not None and e.author for e in entries)
    assert service.verify_incident_log(db, incident_id=incident_id).ok


def test_a_correction_is_a_new_entry_and_the_original_stays(db: Session) -> None:
    incident_id = _incident_with_entries(db)
    service.add_log_entry(
        db, incident_id=incident_id, author="c1", text="Suspect heading south", corrects_seq=3
    )
    entries = service.incident_entries(db, incident_id=incident_id)
    assert entries[2].text == "Suspect seen heading north"
    assert entries[-1].corrects_seq == 3 and entries[-1].kind == "correction"
    assert service.verify_incident_log(db, incident_id=incident_id).ok
    with pytest.raises(InvalidRequest):
        service.add_log_entry(db, incident_id=incident_id, author="c1", text="x", corrects_seq=99)


def test_an_edited_entry_is_detected(db: Session) -> None:
    incident_id = _incident_with_entries(db)
    db.execute(
        update(LogEntry)
        .where(LogEntry.incident_id == incident_id, LogEntry.seq == 2)
        .values(text="Caller never rang back")
    )
    db.expire_all()
    check = service.verify_incident_log(db, incident_id=incident_id)
    assert not check.ok and check.first_bad_seq == 2 and "altered" in (check.problem or "")


def test_a_deleted_entry_in_the_middle_is_detected(db: Session) -> None:
    incident_id = _incident_with_entries(db)
    db.execute(delete(LogEntry).where(LogEntry.incident_id == incident_id, LogEntry.seq == 3))
    db.expire_all()
    check = service.verify_incident_log(db, incident_id=incident_id)
    assert not check.ok and check.first_bad_seq == 3


def test_deleting_the_newest_entry_is_detected(db: Session) -> None:
    incident_id = _incident_with_entries(db)
    db.execute(delete(LogEntry).where(LogEntry.incident_id == incident_id, LogEntry.seq == 4))
    db.expire_all()
    check = service.verify_incident_log(db, incident_id=incident_id)
    assert not check.ok and "newest" in (check.problem or "")


def test_an_empty_entry_is_refused(db: Session) -> None:
    incident = open_incident(db)
    with pytest.raises(InvalidRequest):
        service.add_log_entry(db, incident_id=incident.id, author="c1", text="   ")
