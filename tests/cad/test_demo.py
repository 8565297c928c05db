from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from synergy.cad import events
from synergy.cad.models import Incident, LogEntry
from synergy.core.config import Settings
from synergy.core.events import OutboxWorker
from synergy.demo import load_demo
from synergy.services import declared_services


def test_demo_has_every_grade_and_a_101_incident_and_runs_twice_without_doubling(
    session_factory: sessionmaker[Session], settings: Settings, db: Session
) -> None:
    services = declared_services(["identity", "contact", "cad"])
    for _ in range(2):
        with session_factory() as session:
            load_demo(session, settings=settings, services=services)
            session.commit()
    OutboxWorker(session_factory, events.subscriptions(settings)).drain()
    grades = set(db.execute(select(Incident.grade)).scalars())
    assert grades == {1, 2, 3, 4}
    # The 101 assistant's demo disclosure (contact's demo) was handed over: the worker made
    # it an incident with the risk evidence and THRIVE pre-filled.
    from_101 = list(db.execute(select(Incident).where(Incident.source == "web_chat")).scalars())
    assert from_101, "no handed-over demo chat became an incident"
    disclosure = min(from_101, key=lambda incident: incident.grade)
    assert disclosure.grade <= 2 and disclosure.contact_call_id is not None
    assert disclosure.thrive["threat"] and disclosure.thrive["vulnerability"]
    assert len({i.contact_call_id for i in from_101}) == len(from_101), "a chat made two"
    for incident in from_101:
        entries: Any = db.execute(
            select(func.count()).where(LogEntry.incident_id == incident.id)
        ).scalar()
        assert entries == 1, "the demo ran twice or the event was handled twice"
