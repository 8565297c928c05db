"""Backups restore onto an empty database with every hash verifying; keys rotate safely."""

from __future__ import annotations

import base64
import json
import secrets

import pytest
from sqlalchemy import delete, select

from synergy.core.errors import InvalidRequest
from synergy.notebook import backup, service, subjects
from synergy.notebook.keys import Keyring, KeyUnavailable
from synergy.notebook.models import (
    Device,
    Entry,
    EntryIncidentLink,
    EntrySubject,
    Notebook,
)
from synergy.notebook.rotation import rotate_master_key, rotate_officer_key
from synergy.records.models import Place, Vehicle
from tests.notebook.conftest import an_incident, write


def _empty(db) -> None:  # type: ignore[no-untyped-def]
    """The notebook's tables and the vehicles and places records holds, all emptied."""
    for model in (EntrySubject, Vehicle, Place, EntryIncidentLink, Device, Entry, Notebook):
        db.execute(delete(model))
    db.flush()


def test_a_backup_restores_onto_an_empty_database_and_verifies(db, keyring) -> None:
    write(db, keyring, text="one")
    write(db, keyring, text="two")
    log_number = service.normalise_incident_log(an_incident(db))
    service.attach_to_incident(db, officer="alex.morgan", seq=2, incident_log=log_number)
    subjects.send_vehicle(db, officer="alex.morgan", seq=1, registration="AB12CDE", make="Ford")
    subjects.send_place(db, officer="alex.morgan", seq=2, address="The park", postcode="B3 2BS")
    write(db, keyring, officer="sam.patel", text="three")
    subjects.send_vehicle(db, officer="sam.patel", seq=1, registration="AB12CDE")
    data = backup.export_backup(db, keyring, officer=None, actor="admin")
    # Encrypted as a whole (searched in the decoded body: random base64 text may spell "one").
    body = base64.b64decode(json.loads(data)["body"])
    assert b"alex.morgan" not in data and b"alex.morgan" not in body and b"AB12CDE" not in body
    _empty(db)
    assert backup.restore_backup(db, keyring, data, actor="admin") == ["alex.morgan", "sam.patel"]
    assert [r.ok for r in service.verify(db, keyring)] == [True, True]
    views = service.entry_views(db, keyring, service.get_notebook(db, officer="alex.morgan"))
    assert [v.content.text for v in views if v.content] == ["one", "two"]
    assert views[1].incidents == [log_number]
    vehicle = db.execute(select(Vehicle)).scalar_one()
    assert (vehicle.registration, vehicle.make) == ("AB12CDE", "Ford")
    assert [n.reference for n in subjects.namings(db, kind="vehicle", subject_id=vehicle.id)] == [
        "NB-alex.morgan-1", "NB-sam.patel-1"
    ]  # fmt: skip
    place = db.execute(select(Place)).scalar_one()
    assert [n.seq for n in subjects.namings(db, kind="place", subject_id=place.id)] == [2]


def test_a_restore_links_to_the_vehicle_records_still_holds(db, keyring) -> None:
    write(db, keyring, text="one")
    subjects.send_vehicle(db, officer="alex.morgan", seq=1, registration="AB12CDE", make="Ford")
    data = backup.export_backup(db, keyring, officer="alex.morgan", actor="admin")
    for model in (EntrySubject, EntryIncidentLink, Device, Entry, Notebook):
        db.execute(delete(model))
    held = db.execute(select(Vehicle)).scalar_one()
    held.colour = "Red"  # records learnt more since the backup
    db.flush()
    backup.restore_backup(db, keyring, data, actor="admin")
    vehicle = db.execute(select(Vehicle)).scalar_one()
    assert (vehicle.id, vehicle.make, vehicle.colour) == (held.id, "Ford", "Red")
    assert [n.seq for n in subjects.namings(db, kind="vehicle", subject_id=vehicle.id)] == [1]


def test_an_altered_or_foreign_backup_is_refused(db, keyring) -> None:
    write(db, keyring)
    data = backup.export_backup(db, keyring, officer="alex.morgan", actor="admin")
    tampered = data.replace(b'"body": "', b'"body": "AAAA', 1)
    with pytest.raises(InvalidRequest, match="signature"):
        backup.restore_backup(db, keyring, tampered, actor="admin")
    with pytest.raises(InvalidRequest, match="signature"):
        backup.restore_backup(db, Keyring(secrets.token_bytes(32)), data, actor="admin")


def test_master_key_rotation_rewraps_every_officer_key(db, keyring) -> None:
    write(db, keyring, text="before rotation")
    new = Keyring(secrets.token_bytes(32), retired=[keyring.current])
    assert rotate_master_key(db, new, actor="admin") == 1
    only_new = Keyring(new.current)
    assert service.verify(db, only_new)[0].ok
    with pytest.raises(KeyUnavailable):
        service.verify(db, keyring)


def test_officer_key_rotation_reencrypts_and_the_chain_still_verifies(db, keyring) -> None:
    first = write(db, keyring, text="secret one")
    old_ciphertext = first.ciphertext
    write(db, keyring, text="secret two")
    assert rotate_officer_key(db, keyring, officer="alex.morgan", actor="admin") == 2
    db.refresh(first)
    assert first.ciphertext != old_ciphertext
    assert service.verify(db, keyring)[0].ok
    views = service.entry_views(db, keyring, service.get_notebook(db, officer="alex.morgan"))
    assert [v.content.text for v in views if v.content] == ["secret one", "secret two"]
