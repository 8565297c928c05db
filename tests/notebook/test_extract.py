"""PDF extracts: drawn sketches and signatures, struck corrections, page numbers, hashes,
byte-for-byte reproducible, and checked against the notebook."""

from __future__ import annotations

import hashlib

from sqlalchemy import update

from synergy.core.db import utcnow
from synergy.notebook import disclosure, service
from synergy.notebook.extract import read_manifest
from synergy.notebook.models import Entry
from tests.notebook.conftest import write

SKETCH = {
    "description": "Junction plan: car A came from the north",
    "drawing": {"width": 600, "height": 300, "strokes": [[[10, 10], [200, 150], [400, 40]]]},
}


def _some_entries(db, keyring) -> None:  # type: ignore[no-untyped-def]
    write(db, keyring, text="Attended collision at junction", sketch=SKETCH)
    write(
        db,
        keyring,
        text="Witness statement taken",
        signatures=[
            {
                "role": "witness",
                "name": "Mary Jones",
                "drawing": {
                    "width": 600,
                    "height": 150,
                    "strokes": [[[5, 100], [80, 20], [160, 120]]],
                },
            }
        ],
    )
    service.correct_entry(
        db,
        keyring,
        officer="alex.morgan",
        seq=2,
        text="Statement taken at 14:10",
        reason="time omitted",
        device_time=utcnow(),
    )


def test_the_same_entries_give_the_same_bytes_and_verify(db, keyring) -> None:
    _some_entries(db, keyring)
    first, digest = disclosure.make_extract(
        db, keyring, officer="alex.morgan", seqs=[1, 2, 3], actor="alex.morgan"
    )
    second, _ = disclosure.make_extract(
        db, keyring, officer="alex.morgan", seqs=[3, 2, 1], actor="alex.morgan"
    )
    assert first == second
    assert first.startswith(b"%PDF")
    assert read_manifest(first) == {"officer": "alex.morgan", "entries": [1, 2, 3], "hash": digest}
    report = disclosure.verify_extract(db, keyring, first)
    assert report.ok, report.message


def test_an_altered_extract_or_notebook_fails_verification(db, keyring) -> None:
    _some_entries(db, keyring)
    pdf, _ = disclosure.make_extract(db, keyring, officer="alex.morgan", seqs=[1, 2], actor="x")
    altered = pdf.replace(b"/Producer", b"/Pro-ucer", 1)
    assert altered != pdf
    assert "altered after it was made" in disclosure.verify_extract(db, keyring, altered).message
    db.execute(update(Entry).where(Entry.seq == 1).values(server_time=utcnow()))
    db.expire_all()
    assert "fails its check" in disclosure.verify_extract(db, keyring, pdf).message
    assert not disclosure.verify_extract(db, keyring, b"%PDF-1.4 nothing").ok


def test_the_extract_is_audited_with_hashes_not_content(db, keyring) -> None:
    from synergy.core import audit

    _some_entries(db, keyring)
    pdf, digest = disclosure.make_extract(db, keyring, officer="alex.morgan", seqs=[1], actor="sup")
    record = audit.recent(db, limit=1)[0]
    assert record.action == "notebook.extract_made" and record.actor == "sup"
    assert record.details["extract_hash"] == digest
    assert record.details["file_sha256"] == hashlib.sha256(pdf).hexdigest()
    assert "collision" not in str(record.details)


def test_mg6c_schedule_lists_entries_with_descriptions(db, keyring) -> None:
    _some_entries(db, keyring)
    items = disclosure.mg6c_schedule(
        db,
        keyring,
        officer="alex.morgan",
        seqs=[1, 3],
        descriptions={3: "Corrected statement time"},
    )
    assert [i.number for i in items] == [1, 2]
    assert items[0].description.startswith("Pocket notebook entry by alex.morgan")
    assert "Attended collision" in items[0].description
    assert items[1].description == "Corrected statement time"
    csv_text = disclosure.schedule_csv(items)
    assert csv_text.splitlines()[0].startswith("Item,Description")
    assert "NB-alex.morgan-3" in csv_text
