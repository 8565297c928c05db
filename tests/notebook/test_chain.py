"""Paper-notebook rules: numbered without gaps, never changed, corrections strike through,
and any change or deletion is caught by the hash chain."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, update

from synergy.core.db import utcnow
from synergy.core.errors import InvalidRequest, NotFound
from synergy.notebook import service
from synergy.notebook.models import Entry, Notebook
from tests.notebook.conftest import write


def test_entries_are_numbered_without_gaps_per_officer(db, keyring) -> None:
    for text in ("one", "two", "three"):
        write(db, keyring, text=text)
    write(db, keyring, officer="sam.patel", text="other officer")
    notebook = service.get_notebook(db, officer="alex.morgan")
    views = service.entry_views(db, keyring, notebook)
    assert [v.seq for v in views] == [1, 2, 3]
    assert [v.content.text for v in views if v.content] == ["one", "two", "three"]
    assert views[2].reference == "NB-alex.morgan-3"
    assert [r.ok for r in service.verify(db, keyring)] == [True, True]


def test_a_correction_strikes_the_original_which_stays_readable(db, keyring) -> None:
    write(db, keyring, text="Vehicle was a red Ford")
    service.correct_entry(
        db,
        keyring,
        officer="alex.morgan",
        seq=1,
        text="Vehicle was a blue Ford",
        reason="Misread the colour under street lights",
        device_time=utcnow(),
    )
    original, correction = service.entry_views(
        db, keyring, service.get_notebook(db, officer="alex.morgan")
    )
    assert original.struck_through and original.corrected_by == [2]
    assert original.content is not None and original.content.text == "Vehicle was a red Ford"
    assert correction.corrects_seq == 1
    assert correction.content is not None
    assert correction.content.correction_reason == "Misread the colour under street lights"


def test_a_correction_needs_a_reason_and_an_existing_entry(db, keyring) -> None:
    write(db, keyring)
    with pytest.raises(InvalidRequest, match="reason"):
        service.correct_entry(
            db, keyring, officer="alex.morgan", seq=1, text="x", reason=" ", device_time=utcnow()
        )
    with pytest.raises(NotFound):
        service.correct_entry(
            db,
            keyring,
            officer="alex.morgan",
            seq=7,
            text="x",
            reason="typo",
            device_time=utcnow(),
        )


def test_an_empty_entry_is_refused(db, keyring) -> None:
    with pytest.raises(InvalidRequest, match="needs text"):
        write(db, keyring, text="   ")


def _report(db, keyring):  # type: ignore[no-untyped-def]
    db.expire_all()
    return service.verify(db, keyring, officer="alex.morgan")[0]


@pytest.mark.parametrize(
    "tamper, problem",
    [
        (
            lambda db: db.execute(update(Entry).where(Entry.seq == 2).values(server_time=utcnow())),
            "entry 2 was altered",
        ),
        (
            lambda db: db.execute(
                update(Entry).where(Entry.seq == 2).values(ciphertext=b"\x00" * 40)
            ),
            "entry 2 was altered",
        ),
        (lambda db: db.execute(delete(Entry).where(Entry.seq == 2)), "entry 2 is missing"),
        (lambda db: db.execute(delete(Entry).where(Entry.seq == 3)), "entries were deleted"),
        (
            lambda db: db.execute(update(Entry).where(Entry.seq == 3).values(corrects_seq=1)),
            "entry 3 was altered",
        ),
    ],
    ids=["time changed", "ciphertext changed", "middle deleted", "last deleted", "relinked"],
)
def test_verify_names_the_first_altered_or_deleted_entry(db, keyring, tamper, problem) -> None:
    for text in ("one", "two", "three"):
        write(db, keyring, text=text)
    assert _report(db, keyring).ok
    tamper(db)
    report = _report(db, keyring)
    assert not report.ok
    assert problem in (report.problem or "")


def test_swapping_two_entries_ciphertexts_is_detected(db, keyring) -> None:
    write(db, keyring, text="one")
    write(db, keyring, text="two")
    first, second = db.execute(select(Entry).order_by(Entry.seq)).scalars().all()
    first.ciphertext, second.ciphertext = second.ciphertext, first.ciphertext
    first.nonce, second.nonce = second.nonce, first.nonce
    db.flush()
    assert "entry 1 was altered" in (_report(db, keyring).problem or "")


def test_entries_are_encrypted_at_rest(db, keyring) -> None:
    write(db, keyring, text="Suspect said the knife was in the blue bin")
    entry = db.execute(select(Entry)).scalar_one()
    notebook = db.execute(select(Notebook)).scalar_one()
    assert entry.ciphertext is not None and b"blue bin" not in entry.ciphertext
    assert keyring.current not in notebook.wrapped_key
