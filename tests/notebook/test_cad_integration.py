"""With command and control installed: the officer sees their incidents, and attaching an
entry puts a line on the incident's log through the outbox."""

from __future__ import annotations

import pytest

from synergy.core.events import OutboxWorker
from synergy.core.roles import Role
from tests.conftest import csrf_for, sign_in

cad_events = pytest.importorskip("synergy.cad.events", reason="command and control not installed")


def test_an_attached_entry_reaches_the_incident_log(
    client, make_user, session_factory, settings, db
) -> None:  # type: ignore[no-untyped-def]
    from synergy.cad import service as cad
    from tests.cad.factories import open_incident

    with session_factory() as session:
        incident = open_incident(session)
        cad.set_officer_in_charge(
            session, incident_id=incident.id, officer="alex.morgan", actor="controller1"
        )
        session.commit()
        log_number, incident_id = incident.log_number, incident.id
    make_user("alex.morgan", Role.OFFICER)
    sign_in(client, "alex.morgan")
    assert log_number in client.get("/notebook").text
    client.post(
        "/notebook/entries",
        data={"text": "Attended; bike recovered", "csrf_token": csrf_for(client)},
    )
    unknown = client.post(
        "/notebook/entries/1/incident",
        data={"incident_log": "log 9999 of 01/01/2026", "csrf_token": csrf_for(client)},
    )
    assert unknown.status_code == 422 and "no incident" in unknown.text.lower()
    attached = client.post(
        "/notebook/entries/1/incident",
        data={"incident_log": log_number, "csrf_token": csrf_for(client)},
    )
    assert attached.status_code == 303
    OutboxWorker(session_factory, cad_events.subscriptions(settings)).drain()
    db.rollback()
    texts = [e.text for e in cad.incident_entries(db, incident_id=incident_id)]
    assert "Pocket notebook entry NB-alex.morgan-1 attached by alex.morgan" in texts
