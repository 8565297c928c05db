"""A contact agent links a 101 call to an incident: the incident's log says so once, and contact
always hears back (linked, or why not); incidents opened for a call announce their log number."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from synergy.cad import events, service
from synergy.cad.models import Incident, IncidentLink, LogEntry
from synergy.core import events as outbox
from synergy.core.config import Settings
from synergy.core.events import Event, OutboxEvent, OutboxWorker
from synergy.core.roles import Role
from tests.cad.factories import open_incident
from tests.cad.test_intake import converse


def deliver(session_factory: sessionmaker[Session], settings: Settings) -> int:
    return OutboxWorker(session_factory, events.subscriptions(settings)).drain()


def ask_to_link(
    session_factory: sessionmaker[Session], log_number: str, *, call_id: int = 41, key: str = "l1"
) -> None:
    payload = {"call_id": call_id, "log_number": log_number, "agent": "agent7", "entry_id": 9}
    with session_factory() as session:
        outbox.publish(session, "contact.incident_linked", payload, key=key)
        session.commit()


def answers(db: Session, topic: str) -> list[dict[str, Any]]:
    db.expire_all()
    rows = db.execute(select(OutboxEvent).where(OutboxEvent.topic == topic)).scalars()
    return [dict(row.payload) for row in rows]


def log_texts(db: Session, incident_id: int) -> list[str]:
    db.expire_all()
    query = select(LogEntry.text).where(LogEntry.incident_id == incident_id).order_by(LogEntry.seq)
    return list(db.execute(query).scalars())


def _incident(session_factory: sessionmaker[Session], *, closed: bool = False) -> tuple[int, str]:
    with session_factory() as session:
        incident = open_incident(session)
        if closed:
            service.close_incident(
                session, incident_id=incident.id, actor="controller1", closing_code="CRIME-THEFT"
            )
        session.commit()
        return incident.id, incident.log_number


def test_a_linked_call_goes_on_the_incident_log_with_who_and_its_transcript(
    db: Session, session_factory: Any, settings: Settings
) -> None:
    incident_id, log_number = _incident(session_factory)
    ask_to_link(session_factory, log_number.lower())  # typed any case: the same incident
    deliver(session_factory, settings)
    line = log_texts(db, incident_id)[-1]
    assert "101 call 41" in line and "agent7" in line and "/contact/calls/41" in line
    incident = db.get(Incident, incident_id)
    assert incident is not None and incident.contact_call_id == 41  # its page links the transcript
    (confirmed,) = answers(db, "cad.call_linked")
    assert confirmed == {
        "call_id": 41,
        "log_number": log_number,
        "link_entry": 9,
        "incident_status": "open",
    }
    assert answers(db, "cad.call_link_refused") == []


def test_a_link_delivered_twice_logs_once_and_answers_once(
    db: Session, session_factory: Any, settings: Settings
) -> None:
    incident_id, log_number = _incident(session_factory)
    ask_to_link(session_factory, log_number)
    deliver(session_factory, settings)
    with session_factory() as session:  # as if the worker died before writing its receipt
        row = session.execute(
            select(OutboxEvent).where(OutboxEvent.topic == "contact.incident_linked")
        ).scalar_one()
        event = Event(row.id, row.topic, dict(row.payload), row.key, row.created_at, 0)
        events.link_contact_call(session, event)
        session.commit()
    assert sum("101 call 41" in text for text in log_texts(db, incident_id)) == 1
    assert len(answers(db, "cad.call_linked")) == 1
    links = db.execute(select(IncidentLink).where(IncidentLink.kind == "contact_call")).scalars()
    assert [link.target for link in links] == ["41"]


def test_an_unknown_log_number_is_refused_back_to_the_agent_and_logs_nothing(
    db: Session, session_factory: Any, settings: Settings
) -> None:
    incident_id, _ = _incident(session_factory)
    with session_factory() as session:
        before = log_texts(session, incident_id)
    ask_to_link(session_factory, "LOG 9999-01012026")
    deliver(session_factory, settings)
    (refused,) = answers(db, "cad.call_link_refused")
    assert refused["call_id"] == 41 and refused["link_entry"] == 9
    assert "no incident with the log number LOG 9999-01012026" in refused["reason"]
    assert answers(db, "cad.call_linked") == [] and log_texts(db, incident_id) == before


def test_a_closed_incident_takes_the_line_and_the_agent_is_told_it_is_closed(
    db: Session, session_factory: Any, settings: Settings
) -> None:
    incident_id, log_number = _incident(session_factory, closed=True)
    ask_to_link(session_factory, log_number)
    deliver(session_factory, settings)
    assert "101 call 41" in log_texts(db, incident_id)[-1]
    (confirmed,) = answers(db, "cad.call_linked")
    assert confirmed["incident_status"] == "closed"


def test_an_incident_raised_for_a_call_announces_its_log_number_to_contact(
    client: Any, db: Session, session_factory: Any, settings: Settings
) -> None:
    converse(client, "My neighbour is threatening to kill me, he has a knife")
    deliver(session_factory, settings)
    incident = db.execute(select(Incident)).scalar_one()
    (opened,) = answers(db, "cad.incident_opened_for_call")
    assert opened == {
        "call_id": incident.contact_call_id,
        "log_number": incident.log_number,
        "incident_id": incident.id,
    }


def test_a_request_after_a_link_goes_on_the_linked_incidents_log(
    client: Any, signed_in: Any, db: Session, session_factory: Any, settings: Settings
) -> None:
    with session_factory() as session:
        incident = open_incident(session, contact_call_id=7)  # another call's incident
        session.commit()
        incident_id, log_number = incident.id, incident.log_number
    ask_to_link(session_factory, log_number, call_id=41)
    request = {"call_id": 41, "summary": "Contact agent agent7: the car is back", "channel": "api"}
    with session_factory() as session:
        outbox.publish(session, "contact.incident_requested", request, key="r1")
        session.commit()
    deliver(session_factory, settings)
    db.expire_all()
    assert len(db.execute(select(Incident)).scalars().all()) == 1
    assert "the car is back" in log_texts(db, incident_id)[-1]
    signed_in(Role.CONTACT_AGENT)
    page = client.get(f"/cad/incidents/{incident_id}").text
    assert '<a class="govuk-link" href="/contact/calls/41">101 call 41: read its transcript' in page
