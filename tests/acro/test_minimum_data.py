"""Only the fields the exchange permits leave the system, and every disclosure is audited."""

import datetime as dt
import json

from sqlalchemy import select

from synergy.acro.exchange import PERMITTED_FIELDS
from synergy.core.audit import AuditRecord
from synergy.records import service as records
from tests.records.factories import arrest_in, make_person, record_arrest

EXPECTED_FIELDS = {
    "family_name",
    "given_names",
    "aliases",
    "date_of_birth",
    "place_of_birth",
    "nationalities",
    "identity_documents",
    "offences",
    "arrest_date",
    "custody_reference",
    "purpose",
    "purpose_detail",
    "requesting_force",
    "requesting_officer",
}
# Values recorded about the person or arrest that the exchange does not permit.
NOT_PERMITTED = ["GenderValueXyz", "StationNameXyz", "RecorderXyz", "14:37"]


def test_nothing_but_the_permitted_fields_leaves_the_system(db, harness, session_factory):
    sent = []
    harness.simulator.event_hooks["request"].append(lambda request: sent.append(request))
    person = make_person(db, gender="GenderValueXyz")
    records.record_arrest(
        db,
        person_id=person.id,
        actor="RecorderXyz",
        data=arrest_in(
            station="StationNameXyz", arrested_at=dt.datetime(2024, 6, 3, 14, 37, tzinfo=dt.UTC)
        ),
    )
    db.commit()
    harness.run_until_idle(session_factory)
    posts = [r for r in sent if r.method == "POST"]
    assert len(posts) == 1
    body = json.loads(posts[0].content)
    assert set(body) == EXPECTED_FIELDS == PERMITTED_FIELDS
    assert set(body["identity_documents"][0]) == {"kind", "number", "issuing_country"}
    assert set(body["aliases"][0]) == {"family_name", "given_names"}
    assert body["arrest_date"] == "2024-06-03"
    everything_sent = posts[0].content.decode() + json.dumps(dict(posts[0].headers))
    for value in NOT_PERMITTED + [f'"{person.id}"', "person_id", "arrest_id", "gender"]:
        assert value not in everything_sent, value


def test_every_disclosure_is_audited_with_fields_recipient_purpose_and_time(
    db, harness, session_factory
):
    record_arrest(db, make_person(db))
    db.commit()
    harness.run_until_idle(session_factory)
    with session_factory() as session:
        (entry,) = session.execute(
            select(AuditRecord).where(AuditRecord.action == "acro.disclosure")
        ).scalars()
    assert entry.details["recipient"] == "ACRO Criminal Records Office"
    assert entry.details["purpose"] == "criminal_proceedings"
    assert entry.details["outcome"] == "accepted"
    assert set(entry.details["fields"]) <= PERMITTED_FIELDS
    assert "date_of_birth" in entry.details["fields"]
    assert entry.occurred_at is not None and entry.target_type == "acro_request"
