"""Uploads from the offline app: exactly once, in order, unaltered, or refused with a reason."""

from __future__ import annotations

import base64
import hashlib
import json
import uuid

import pytest
from sqlalchemy import func, select

from synergy.core.roles import Role
from synergy.notebook import service
from synergy.notebook.models import Entry
from tests.conftest import csrf_for, sign_in
from tests.notebook.conftest import a_photo

DEVICE = "device-0000-1111"


def item(
    seq: int,
    text: str,
    *,
    client_id: str | None = None,
    upload_hash: str | None = None,
    **more: object,
) -> dict:  # type: ignore[type-arg]
    content = json.dumps({"text": text, **more})
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


def _photo(data: bytes, media_type: str = "image/png") -> dict[str, str]:
    return {
        "media_type": media_type,
        "data": base64.b64encode(data).decode(),
        "description": "Door",
    }


def test_an_offline_signature_and_photo_arrive_exactly_as_written(upload, app, db) -> None:
    photo = a_photo(side=300)
    drawing = {"width": 600, "height": 150, "strokes": [[[3.5, 4], [90, 60.25]]]}
    signature = {"role": "victim", "name": "Sam Patel", "drawing": drawing}
    sent = item(1, "Statement read back", signatures=[signature], photos=[_photo(photo)])
    assert upload(sent).json()["results"][0]["status"] == "stored"
    notebook = service.get_notebook(db, officer="alex.morgan")
    content = service.entry_views(db, app.state.notebook.keyring, notebook)[0].content
    assert content is not None
    assert content.signatures[0].name == "Sam Patel" and content.signatures[0].role == "victim"
    assert content.signatures[0].drawing is not None
    assert content.signatures[0].drawing.strokes == [[(3.5, 4.0), (90.0, 60.25)]]
    assert content.photos[0].picture() == photo
    assert content.model_dump(mode="json") == json.loads(sent["content_json"]) | {
        "sketch": None,
        "location": None,
        "correction_reason": None,
    }, "nothing added, dropped or changed on the way"


def test_an_offline_photo_that_is_not_a_picture_or_too_large_is_refused_with_the_reason(
    upload, db
) -> None:  # type: ignore[no-untyped-def]
    not_a_picture = upload(item(1, "Scene", photos=[_photo(b"GIF89a not accepted")]))
    assert not_a_picture.status_code == 409
    assert "must be a JPEG or PNG picture" in not_a_picture.json()["results"][0]["reason"]
    too_large = upload(item(1, "Scene", photos=[_photo(a_photo(side=900))]))  # about 2.4 MB
    assert too_large.status_code == 409
    assert too_large.json()["results"][0]["reason"] == "A photo is larger than 2 MB"
    assert _count(db) == 0


def test_an_entry_from_a_device_whose_clock_ran_fast_is_kept_not_lost(upload, client, db) -> None:
    fast = item(1, "written offline")
    fast["device_time"] = "2099-01-01T08:00:00.000Z"
    assert upload(fast).json()["results"][0]["status"] == "stored"
    entry = db.execute(select(Entry)).scalar_one()
    assert entry.device_time.year == 2099, "the device's time is kept as it said"
    assert entry.server_time < entry.device_time
    assert "(the device's clock was ahead)" in client.get("/notebook/entries/1").text
