from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from synergy.cad import service
from synergy.cad.log import ENTRY_ANCHORED, GENESIS_HASH, entry_hash
from synergy.cad.models import Incident, LogEntry
from synergy.core import audit
from synergy.core.audit import AuditRecord
from synergy.core.audit_chain import seal_pending, verify_chain
from synergy.core.audit_keys import load_audit_keys
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


# --- anchors in the audit log ----------------------------------------------------------------


def _anchors(db: Session, incident_id: int) -> list[AuditRecord]:
    query = select(AuditRecord).where(
        AuditRecord.action == ENTRY_ANCHORED, AuditRecord.target_id == str(incident_id)
    )
    return list(db.execute(query.order_by(AuditRecord.id)).scalars())


def _delete_anchors(db: Session, incident_id: int, seqs: set[int]) -> None:
    doomed = [a.id for a in _anchors(db, incident_id) if a.details["seq"] in seqs]
    db.execute(delete(AuditRecord).where(AuditRecord.id.in_(doomed)))
    db.expire_all()


def _rewrite(db: Session, incident_id: int, seq: int, text: str) -> None:
    """What someone with write access to the database can do: change one entry, recompute every
    later hash with the published formula and move the incident's head to match."""
    rows = service.incident_entries(db, incident_id=incident_id)
    fields = [
        (r.id, r.seq, r.at, r.author, r.kind, r.text, r.details, r.corrects_seq) for r in rows
    ]
    prev = rows[seq - 2].hash if seq > 1 else GENESIS_HASH
    for row_id, number, at, author, kind, old_text, details, corrects in fields[seq - 1 :]:
        new_text = text if number == seq else old_text
        digest = entry_hash(
            seq=number,
            at=at,
            author=author,
            kind=kind,
            text=new_text,
            details=details,
            corrects_seq=corrects,
            prev_hash=prev,
        )
        db.execute(
            update(LogEntry)
            .where(LogEntry.id == row_id)
            .values(text=new_text, prev_hash=prev, hash=digest)
        )
        prev = digest
    db.execute(update(Incident).where(Incident.id == incident_id).values(log_head_hash=prev))
    db.expire_all()


def test_every_entry_is_anchored_in_the_audit_log_by_number_and_hash_never_its_text(
    db: Session,
) -> None:
    incident_id = _incident_with_entries(db)
    service.add_log_entry(db, incident_id=incident_id, author="c2", text="Sam", corrects_seq=2)
    entries = service.incident_entries(db, incident_id=incident_id)
    anchors = _anchors(db, incident_id)
    assert [a.details for a in anchors] == [
        {"seq": e.seq, "hash": e.hash, "kind": e.kind} for e in entries
    ]
    assert [a.actor for a in anchors] == [e.author for e in entries]
    assert {a.target_type for a in anchors} == {"cad_incident"}
    assert "Sam" not in str([a.details for a in anchors])
    check = service.verify_incident_log(db, incident_id=incident_id)
    assert check.ok and check.anchored_from == 1 and check.not_anchored == 0


def test_a_rewritten_entry_with_every_later_hash_and_the_head_recomputed_is_found(
    db: Session,
) -> None:
    incident_id = _incident_with_entries(db)
    _rewrite(db, incident_id, 2, "Caller never rang back")
    check = service.verify_incident_log(db, incident_id=incident_id)
    assert not check.ok and check.first_bad_seq == 2
    assert "entry 2 differs from its anchor" in (check.problem or "")


def test_a_rewrite_with_fresh_anchors_added_for_it_is_still_found(db: Session) -> None:
    # The sealed anchors cannot be removed without breaking the audit chain, so new anchors
    # written for the rewritten hashes stand beside the old ones and disagree with them.
    incident_id = _incident_with_entries(db)
    _rewrite(db, incident_id, 3, "Suspect seen heading south")
    for entry in service.incident_entries(db, incident_id=incident_id)[2:]:
        details = {"seq": entry.seq, "hash": entry.hash, "kind": entry.kind}
        audit.record(
            db,
            action=ENTRY_ANCHORED,
            actor="c1",
            target_type="cad_incident",
            target_id=incident_id,
            details=details,
        )
    check = service.verify_incident_log(db, incident_id=incident_id)
    assert not check.ok and check.first_bad_seq == 3


def test_deleting_the_newest_entry_and_resetting_the_head_is_found(db: Session) -> None:
    incident_id = _incident_with_entries(db)
    third = service.incident_entries(db, incident_id=incident_id)[2]
    db.execute(delete(LogEntry).where(LogEntry.incident_id == incident_id, LogEntry.seq == 4))
    db.execute(
        update(Incident)
        .where(Incident.id == incident_id)
        .values(log_head_seq=3, log_head_hash=third.hash)
    )
    db.expire_all()
    check = service.verify_incident_log(db, incident_id=incident_id)
    assert not check.ok and check.first_bad_seq == 4
    assert "entry 4 is missing" in (check.problem or "")


def test_an_entry_without_its_anchor_after_anchoring_began_is_found(db: Session) -> None:
    incident_id = _incident_with_entries(db)
    _delete_anchors(db, incident_id, {3})
    check = service.verify_incident_log(db, incident_id=incident_id)
    assert not check.ok and check.first_bad_seq == 3
    assert "entry 3 has no anchor" in (check.problem or "")


def test_a_log_written_before_anchoring_verifies_as_before_and_says_it_is_not_anchored(
    db: Session,
) -> None:
    incident_id = _incident_with_entries(db)
    _delete_anchors(db, incident_id, {1, 2, 3, 4})
    check = service.verify_incident_log(db, incident_id=incident_id)
    assert check.ok and check.anchored_from is None and check.not_anchored == 4
    assert "Not anchored" in check.summary()
    db.execute(
        update(LogEntry)
        .where(LogEntry.incident_id == incident_id, LogEntry.seq == 2)
        .values(text="Caller never rang back")
    )
    db.expire_all()
    check = service.verify_incident_log(db, incident_id=incident_id)
    assert not check.ok and check.first_bad_seq == 2 and "altered" in (check.problem or "")


def test_older_entries_are_not_anchored_but_the_first_anchor_pins_them(db: Session) -> None:
    incident_id = _incident_with_entries(db)
    _delete_anchors(db, incident_id, {1, 2})
    check = service.verify_incident_log(db, incident_id=incident_id)
    assert check.ok and check.anchored_from == 3 and check.not_anchored == 2
    assert "entries 1 to 2 were written before" in check.summary()
    _rewrite(db, incident_id, 1, "Opened as something else")
    check = service.verify_incident_log(db, incident_id=incident_id)
    assert not check.ok and check.first_bad_seq == 3


def test_the_anchors_are_sealed_so_changing_one_to_match_a_rewrite_is_found(
    db: Session, tmp_path: Path
) -> None:
    keys = load_audit_keys(tmp_path / "audit-keys.json")
    incident_id = _incident_with_entries(db)
    while seal_pending(db, keys):
        pass
    assert verify_chain(db, keys).ok
    _rewrite(db, incident_id, 4, "Area search called off")
    anchor = _anchors(db, incident_id)[3]
    new_hash = service.incident_entries(db, incident_id=incident_id)[3].hash
    db.execute(
        update(AuditRecord)
        .where(AuditRecord.id == anchor.id)
        .values(details={"seq": 4, "hash": new_hash, "kind": "note"})
    )
    db.expire_all()
    assert service.verify_incident_log(db, incident_id=incident_id).ok
    report = verify_chain(db, keys)
    assert not report.ok and "was altered" in (report.problem or "")
