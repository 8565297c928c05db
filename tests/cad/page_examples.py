"""Page examples for the browser tests (see tests/browser/examples.py)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session, sessionmaker

from synergy.cad import crime_recording, intake, resources, tasks
from synergy.cad.models import Source
from synergy.cad.schemas import Caller, Location, Thrive
from synergy.core.roles import Role
from tests.browser.page_example import Example
from tests.cad.factories import make_unit, open_incident


def a_busy_board(session_factory: sessionmaker[Session]) -> Mapping[str, str]:
    """Incidents at every grade (two look like duplicates), units, a task, a crime report and
    an arrest waiting for its incident."""
    with session_factory() as session:
        first = open_incident(
            session,
            grade=1,
            opening_code="PSW-DOMESTIC",
            qualifiers=["weapons"],
            thrive=Thrive(threat="Knife mentioned", vulnerability="Child in the house"),
        )
        open_incident(session, grade=1, remarks="Second call about the same address")
        open_incident(
            session,
            grade=2,
            caller=Caller(name="Pat Lee", phone="07700900333"),
            location=Location(address="Market Street, Coventry", postcode="CV1 1AA"),
        )
        open_incident(
            session,
            grade=3,
            source=Source.WEB_CHAT,
            caller=Caller(),
            location=Location(address="Park Road, Walsall", postcode="WS1 2AB"),
            opening_code="ASB-NUISANCE",
        )
        open_incident(
            session,
            grade=4,
            caller=Caller(),
            opening_code="ADMIN-INFORMATION",
            location=Location(address="Canal Side, Dudley", postcode="DY1 1AA"),
        )
        unit = make_unit(session)
        make_unit(session, call_sign="BW22", officers=("pc2",))
        resources.assign(session, incident_id=first.id, unit_id=unit.id, actor="controller1")
        resources.arrive(session, unit_id=unit.id, actor="pc1")
        task = tasks.create_update_task(
            session,
            source_key="example-task",
            reference="20/123456/24",
            name="Sam Taylor",
            phone="07700900123",
            message="Has anyone been arrested?",
        )
        report = crime_recording.queue_report(
            session,
            source_key="example-report",
            payload={
                "reference": first.log_number,
                "channel": "web_chat",
                "risk": "standard",
                "details": {
                    "what": "My bike was stolen from the shed",
                    "when": "last night",
                    "location": {"address": "12 High Street", "postcode": "B5 4TR"},
                    "name": "Sam Taylor",
                    "phone": "07700900123",
                },
            },
        )
        intake.link_arrest(
            session,
            {
                "arrest_id": 1,
                "custody_number": "20/C/000001/26",
                "arrested_at": "2026-12-01T10:00:00+00:00",
                "offences": ["Theft"],
                "arresting_officer": "PC 1234 Smith",
                "person": {"given_names": "Alex", "family_name": "Stone"},
            },
        )
        session.commit()
        return {"incident_id": str(first.id), "task_id": str(task.id), "report_id": str(report.id)}


PAGES: dict[str, Example] = {
    "/cad": Example(role=Role.CONTROLLER, setup=a_busy_board),
    "/cad/incidents/new": Example(role=Role.CONTACT_AGENT),
    "/cad/incidents/{incident_id}": Example(role=Role.CONTROLLER, setup=a_busy_board),
    "/cad/units": Example(role=Role.CONTROLLER, setup=a_busy_board),
    "/cad/my-incidents": Example(role=Role.OFFICER, setup=a_busy_board),
    "/cad/tasks": Example(role=Role.SUPERVISOR, setup=a_busy_board),
    "/cad/tasks/{task_id}": Example(role=Role.SUPERVISOR, setup=a_busy_board),
    "/cad/crime-reports": Example(role=Role.INVESTIGATOR, setup=a_busy_board),
    "/cad/crime-reports/{report_id}": Example(role=Role.INVESTIGATOR, setup=a_busy_board),
    "/cad/arrests": Example(role=Role.CONTROLLER, setup=a_busy_board),
}

NOT_PAGES: dict[str, str] = {
    "/cad/board/events": "server-sent events stream feeding the live incident board",
    "/cad/assets/{name}": "script and styles for the command and control pages",
}
