"""Uploads from the offline app: exactly once, in order, unaltered, or refused with a reason."""

from __future__ import annotations

import hashlib
import json
import uuid

import pytest
from sqlalchemy import func, select

from synergy.core.roles import Role
from synergy.notebook.models import Entry
from tests.conftest import csrf_for, sign_in

DEVICE = "device-0000-1111"


def item(
    seq: int, text: str, *, client_id: str | None = None, upload_hash: str | None = None
) -> dict:  # type: ignore[type-arg]
    content = json.dumps({"text": text})
    return {
        "client_id": client_id or str(uuid.uuid4()),
        "device_id": DEVICE,
        "device_seq": seq,
        "device_time": "2026-12-03T08:00:00.000Z",
        "content_json": content,
        "upload_hash": upload_hash or hashlib.sha256(content.encode()).hexdigest(),
    }


@pytest.fixture
def upload(client, make_user):  # type: ignore[no-untyped-def]
    make_user("alex.morgan", Role.OFFICER)
    sign_in(client, "alex.morgan")

    def _upload(*items: dict):  # type: ignore[no-untyped-def,type-arg]
        return client.post(
            "/api/notebook/sync",
            json={"items": list(items)},
            headers={"X-CSRF-Token": csrf_for(client)},
        )

    return _upload


def _count(db) -> int:  # type: ignore[no-untyped-def]
    db.rollback()
    return int(db.execute(select(func.count()).select_from(Entry)).scalar_one())


def test_queued_entries_are_stored_once_even_when_sent_twice(upload, db) -> None:
    batch = [item(1, "first"), item(2, "second")]
    first = upload(*batch)
    assert first.status_code == 200
    assert [r["status"] for r in first.json()["results"]] == ["stored", "stored"]
    again = upload(*batch)
    assert [r["status"] for r in again.json()["results"]] == ["already stored"] * 2
    assert _count(db) == 2
    entry = db.execute(select(Entry).where(Entry.seq == 1)).scalar_one()
    assert entry.device_id == DEVICE and entry.device_time.isoformat().startswith(
        "2026-12-03T08:00"
    )
    assert entry.server_time > entry.device_time


def test_an_out_of_sequence_upload_is_refused_with_the_reason(upload, db) -> None:
    response = upload(item(1, "one"), item(3, "three"))
    assert response.status_code == 409
    results = response.json()["results"]
    assert results[0]["status"] == "stored"
    assert results[1] == {
        "client_id": results[1]["client_id"],
        "status": "refused",
        "reason": "Out of sequence: this device's entry 2 must arrive before its entry 3",
    }
    assert _count(db) == 1


def test_an_altered_upload_is_refused(upload, db) -> None:
    altered = item(1, "original", upload_hash=hashlib.sha256(b'{"text": "other"}').hexdigest())
    response = upload(altered)
    assert response.status_code == 409
    assert "altered" in response.json()["results"][0]["reason"]
    client_id = str(uuid.uuid4())
    upload(item(1, "original", client_id=client_id))
    reused = upload(item(2, "changed", client_id=client_id))
    assert "different content" in reused.json()["results"][0]["reason"]
    assert _count(db) == 1
