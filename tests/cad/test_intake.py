"""The front doors feed command and control through the outbox, each event handled once."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from synergy.cad import crime_recording, events, intake, resources, tasks
from synergy.cad.models import ArrestRecord, CrimeReport, Incident, LogEntry, OfficerTask
from synergy.core.config import Settings
from synergy.core.events import Event, OutboxEvent, OutboxWorker
from synergy.core.roles import Role
from tests.cad.factories import make_unit, open_incident
from tests.conftest import csrf_for

ASB_TURNS = (
    "There are youths causing antisocial behaviour and shouting outside my house every night",
    "12 High Street, b54tr",
    "every night about 11pm",
    "my name is Sam Taylor",
    "07700 900123",
    "yes",
)
CRIME_TURNS = (
    "My bike was stolen from my garden shed last night",
    "12 High Street, b54tr",
    "last night about 11pm",
    # what was stolen, its value, marks, who did it, witnesses, CCTV
    *("a blue Raleigh bike", "about £300", "none", "no", "no", "no"),
    "my name is Sam Taylor",
    "07700 900123",
    "yes",
)


def converse(client: TestClient, *turns: str) -> dict[str, Any]:
    started = client.post("/api/contact/sessions")
    assert started.status_code == 201, started.text
    token = started.json()["token"]
    reply: dict[str, Any] = {}
    for text in turns:
        response = client.post(f"/api/contact/sessions/{token}/turns", json={"text": text})
        assert response.status_code == 200, response.text
        reply = response.json()
    return reply


def deliver(session_factory: sessionmaker[Session], settings: Settings) -> int:
    worker = OutboxWorker(session_factory, events.subscriptions(settings))
    return worker.drain()


def count(db: Session, model: Any) -> int:
    db.expire_all()
    return int(db.execute(select(func.count()).select_from(model)).scalar_one())


def test_reported_antisocial_behaviour_becomes_an_incident_with_the_callers_log_number(
    client: TestClient, db: Session, session_factory: Any, settings: Settings
) -> None:
    reply = converse(client, *ASB_TURNS)
    deliver(session_factory, settings)
    incident = db.execute(select(Incident)).scalar_one()
    assert incident.log_number == reply["reference"]
    assert incident.opening_code == "ASB-NUISANCE" and incident.postcode == "B5 4TR"
    assert incident.caller_name == "Sam Taylor" and incident.source == "web_chat"
    assert incident.contact_call_id is not None


def test_a_crime_report_lands_in_the_queue_and_gets_a_crime_number(
    client: TestClient, db: Session, session_factory: Any, settings: Settings
) -> None:
    reply = converse(client, *CRIME_TURNS)
    deliver(session_factory, settings)
    (report,) = crime_recording.queued_reports(db)
    assert report.log_number == reply["reference"] and "bike" in report.details["what"]
    recorded = crime_recording.record_crime(db, report_id=report.id, actor="cmu1")
    assert recorded.crime_number is not None
    assert recorded.crime_number.startswith("20/000001/")
    assert crime_recording.queued_reports(db) == []


def test_a_crime_report_can_be_closed_only_with_a_reason(db: Session) -> None:
    report = crime_recording.queue_report(db, source_key="k1", payload={"details": {}})
    import pytest

    from synergy.core.errors import InvalidRequest

    with pytest.raises(InvalidRequest):
        crime_recording.close_report(db, report_id=report.id, actor="cmu1", reason=" ")
    crime_recording.close_report(db, report_id=report.id, actor="cmu1", reason="Civil matter")
    assert report.status == "closed" and report.crime_number is None


def test_a_handover_raises_an_incident_with_risk_evidence_and_thrive(
    client: TestClient, db: Session, session_factory: Any, settings: Settings
) -> None:
    converse(client, "My neighbour is threatening to kill me, he has a knife")
    deliver(session_factory, settings)
    incident = db.execute(select(Incident)).scalar_one()
    assert incident.grade == 1 and incident.risk == "emergency"
    assert "emergency" in incident.thrive["threat"]
    assert all(incident.thrive[part] for part in ("threat", "harm", "risk", "engagement"))
    first = db.execute(select(LogEntry).where(LogEntry.incident_id == incident.id)).scalars()
    assert "Opened as grade 1" in next(iter(first)).text
    # The evidence behind the risk (the caller's words and the rule they matched) comes with
    # it, and the incident knows its 101 call, whose page its own page links to.
    assert "'has a knife' (rule: weapon)" in incident.remarks
    assert incident.vulnerabilities == ["threat_to_life"]
    assert incident.contact_call_id is not None


def test_events_delivered_twice_make_nothing_twice(
    client: TestClient, db: Session, session_factory: Any, settings: Settings
) -> None:
    converse(client, *ASB_TURNS)
    converse(client, *CRIME_TURNS)
    converse(client, "My neighbour is threatening to kill me, he has a knife")
    deliver(session_factory, settings)
    with session_factory() as session:
        rows = session.execute(select(OutboxEvent)).scalars().all()
        again = [Event(r.id, r.topic, dict(r.payload), r.key, r.created_at, 0) for r in rows]
        by_topic = {s.topic: s for s in events.subscriptions(settings)}
        for event in again:  # as if the worker died after handling, before the receipt
            if event.topic in by_topic:
                by_topic[event.topic].handler(session, event)
        session.commit()
    assert count(db, Incident) == 2 and count(db, CrimeReport) == 1


def test_an_update_request_becomes_a_task_for_the_officer_who_answers_it(
    client: TestClient, db: Session, session_factory: Any, settings: Settings
) -> None:
    with session_factory() as session:
        incident = open_incident(session)
        unit = make_unit(session, officers=("pc-jones",))
        resources.assign(session, incident_id=incident.id, unit_id=unit.id, actor="c1")
        log_number, incident_id = incident.log_number, incident.id
        session.commit()
    converse(
        client,
        "Can I get an update on my report please",
        log_number,
        "Sam Caller",
        "07700900123",
        "Has anyone been arrested?",
        "yes",
    )
    deliver(session_factory, settings)
    (task,) = tasks.tasks_for(db, "pc-jones")
    assert task.message == "Has anyone been arrested?" and task.incident_id == incident_id
    assert tasks.caller_matches_case(db, task) is True
    tasks.answer(db, task_id=task.id, actor="pc-jones", text="Not yet", may_answer_any=False)
    assert tasks.tasks_for(db, "pc-jones") == []
    last = db.execute(select(LogEntry).order_by(LogEntry.id.desc())).scalars().first()
    assert last is not None and "Not yet" in last.text


def test_an_update_request_nobody_owns_waits_for_a_supervisor(db: Session) -> None:
    task = tasks.create_update_task(
        db, source_key="k", reference="20/123456/24", name="A", phone="0", message="Any news?"
    )
    assert tasks.unallocated_tasks(db) == [task]
    tasks.allocate(db, task_id=task.id, officer="pc-smith", actor="sgt1")
    assert tasks.tasks_for(db, "pc-smith") == [task]
    assert count(db, OfficerTask) == 1


def _arrest_delivered(session_factory: Any, settings: Settings, **arrest: Any) -> int:
    """Open an incident, record an arrest in records, deliver the event; the incident's id."""
    from tests.records.factories import make_person, record_arrest

    with session_factory() as session:
        incident = open_incident(session)
        person = make_person(session)
        overrides = {key: value(incident) for key, value in arrest.items()}
        record_arrest(session, person, **overrides)
        session.commit()
        incident_id = incident.id
    deliver(session_factory, settings)
    return incident_id


def test_an_arrest_recorded_with_its_incident_log_number_is_linked_to_that_incident(
    db: Session, session_factory: Any, settings: Settings
) -> None:
    # Typed in lower case: records keeps it in its one canonical form.
    incident_id = _arrest_delivered(
        session_factory,
        settings,
        incident_log_number=lambda incident: incident.log_number.lower(),
    )
    record = db.execute(select(ArrestRecord)).scalar_one()
    assert record.incident_id == incident_id and record.linked_by == "records"
    texts = db.execute(select(LogEntry.text).where(LogEntry.incident_id == incident_id)).scalars()
    assert any("custody number" in text for text in texts)


def test_a_log_number_only_written_in_the_offences_links_nothing(
    db: Session, session_factory: Any, settings: Settings
) -> None:
    _arrest_delivered(
        session_factory,
        settings,
        offences=lambda incident: [f"Theft (incident {incident.log_number})"],
    )
    record = db.execute(select(ArrestRecord)).scalar_one()
    assert record.incident_id is None, "it waits for a controller; nothing is guessed"
    assert intake.unlinked_arrests(db) == [record]


def test_an_arrest_naming_an_incident_we_do_not_have_waits_for_a_controller(
    db: Session, session_factory: Any, settings: Settings
) -> None:
    _arrest_delivered(session_factory, settings, incident_log_number=lambda _: "LOG 9999-01012026")
    record = db.execute(select(ArrestRecord)).scalar_one()
    assert record.incident_log_number == "LOG 9999-01012026"
    assert record.incident_id is None


def test_a_notebook_entry_adds_one_line_to_the_incident_log(
    db: Session, session_factory: Any, settings: Settings
) -> None:
    from synergy.core import events as outbox

    with session_factory() as session:
        incident = open_incident(session)
        payload = {
            "incident_log": incident.log_number,
            "entry_reference": "NB-7-0003",
            "officer": "pc-jones",
            "entry_hash": "ab" * 32,
        }
        outbox.publish(session, "notebook.entry_attached", payload, key="nb-1")
        outbox.publish(session, "notebook.entry_attached", payload, key="nb-1-again")
        session.commit()
        incident_id = incident.id
    deliver(session_factory, settings)
    texts = list(
        db.execute(
            select(LogEntry.text)
            .where(LogEntry.incident_id == incident_id)
            .order_by(LogEntry.seq)
        ).scalars()
    )
    assert texts[1:] == ["Pocket notebook entry NB-7-0003 attached by pc-jones"]


def test_a_controller_links_a_waiting_arrest_to_an_incident_by_its_log_number(
    client: TestClient, signed_in: Any, session_factory: Any, settings: Settings
) -> None:
    incident_id = _arrest_delivered(session_factory, settings)
    with session_factory() as session:
        record_id = session.execute(select(ArrestRecord.id)).scalar_one()
        log_number = session.get_one(Incident, incident_id).log_number
    signed_in(Role.CONTROLLER)

    def link(arrest_record_id: int) -> Any:
        form = {"log_number": log_number, "csrf_token": csrf_for(client)}
        return client.post(f"/cad/arrests/{arrest_record_id}/link", data=form)

    assert link(record_id + 1).status_code == 422  # there is no such arrest
    assert link(record_id).headers["location"] == "/cad/arrests"
    with session_factory() as session:
        record = session.get_one(ArrestRecord, record_id)
        assert (record.incident_id, record.linked_by) == (incident_id, "user0-controller")
