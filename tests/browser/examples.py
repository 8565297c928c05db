"""An example address for every HTML page, so the browser tests can open it.

HOW TO ADD YOUR PAGE (every GET page must have an entry, or tests/browser fails)
---------------------------------------------------------------------------------
1. Add an entry to `PAGES` below, keyed by the route's path template exactly as it appears in
   `app.routes` (the router prefix included), e.g. "/evidence/requests/{request_id}".
2. Say who views it: `role=Role.INVESTIGATOR` signs in a fresh user holding that one role;
   `role=None` visits signed out (public pages).
3. If the page shows data, give a `setup(session_factory) -> dict[str, str]` that creates it with
   your service's `service.py` functions, commits, and returns the path parameters; `url` is
   then filled in from them (`url` defaults to the path template itself), e.g.

       def _an_upload_request(session_factory):
           with session_factory() as session:
               request = service.create_request(session, ...)
               session.commit()
               return {"request_id": str(request.id)}

       PAGES["/evidence/requests/{request_id}"] = Example(
           role=Role.INVESTIGATOR, setup=_an_upload_request
       )

   Query strings are fine in `url` ("/records/search?q=AB12"), to show a page with results.
4. Run `.venv/bin/pytest tests/browser -q -p no:cacheprovider -k <your path>`; each page is
   checked with axe-core (WCAG 2.2 AA), by keyboard alone, and for one h1 / title / unique ids.

A GET route outside /api/ that does not return an HTML page (a file download, a probe) goes in
`NOT_PAGES` instead, with the reason. Which routes count as pages is decided in
tests/browser/page_routes.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from synergy.core.roles import Role
from tests.cad.examples import a_busy_board
from tests.evidence.examples import a_new_link, an_upload_request

Setup = Callable[[sessionmaker[Session]], Mapping[str, str]]


@dataclass(frozen=True)
class Example:
    """How to open one page: as whom, at which address, after creating which data."""

    role: Role | None
    url: str | None = None
    setup: Setup | None = None

    def address(self, path_template: str, parameters: Mapping[str, str]) -> str:
        return (self.url or path_template).format(**parameters)


def _a_waiting_call(session_factory: sessionmaker[Session]) -> Mapping[str, str]:
    from synergy.contact import service
    from synergy.contact.dialogue import Channel

    with session_factory() as session:
        started = service.start_conversation(session, channel=Channel.API)
        service.take_turn(
            session, token=started.token, text="Can I speak to a person", limits=service.Limits()
        )
        session.commit()
        return {"call_id": str(started.call.id)}


def _a_person_with_an_arrest(session_factory: sessionmaker[Session]) -> Mapping[str, str]:
    from tests.records.factories import make_person, record_arrest

    with session_factory() as session:
        person = make_person(session)
        record_arrest(session, person)
        session.commit()
        return {"person_id": str(person.id)}


def _an_acro_request_missing_details(
    session_factory: sessionmaker[Session],
) -> Mapping[str, str]:
    from synergy.acro import service as acro
    from synergy.core.config import Settings
    from synergy.records.service import arrest_event_payload
    from tests.records.factories import make_person, record_arrest

    with session_factory() as session:
        person = make_person(session, place_of_birth=None)
        arrest = record_arrest(session, person)
        request = acro.create_for_arrest(session, Settings(), arrest_event_payload(person, arrest))
        assert request is not None
        session.commit()
        return {"request_id": str(request.id)}


PAGES: dict[str, Example] = {
    # Platform (synergy/core)
    "/": Example(role=Role.OFFICER),
    "/api-reference": Example(role=None),
    "/accessibility": Example(role=None),
    "/privacy": Example(role=None),
    # Identity
    "/login": Example(role=None),
    # Administration
    "/admin": Example(role=Role.ADMINISTRATOR),
    "/admin/users": Example(role=Role.ADMINISTRATOR),
    "/admin/users/new": Example(role=Role.ADMINISTRATOR),
    "/admin/audit": Example(role=Role.SUPERVISOR),
    # Contact (101 web chat and the staff queue)
    "/contact-us": Example(role=None),
    # Without its conversation cookie the chat page offers to start one.
    "/contact-us/chat": Example(role=None),
    "/contact": Example(role=Role.CONTACT_AGENT, setup=_a_waiting_call),
    "/contact/calls/{call_id}": Example(role=Role.SUPERVISOR, setup=_a_waiting_call),
    "/contact/call-online": Example(role=None),
    # CCTV evidence portal
    "/evidence": Example(role=Role.INVESTIGATOR, setup=an_upload_request),
    "/evidence/requests/new": Example(role=Role.INVESTIGATOR),
    "/evidence/requests/{public_id}": Example(role=Role.SUPERVISOR, setup=an_upload_request),
    "/evidence/upload/{token}": Example(role=None, setup=a_new_link),
    "/evidence/upload/{token}/files": Example(role=None, setup=an_upload_request),
    "/evidence/upload-complete": Example(role=None),
    # Records
    "/records": Example(
        role=Role.RECORDS_OFFICER, url="/records?q=Kowalski", setup=_a_person_with_an_arrest
    ),
    "/records/persons/new": Example(role=Role.RECORDS_OFFICER),
    "/records/persons/{person_id}": Example(
        role=Role.RECORDS_OFFICER, setup=_a_person_with_an_arrest
    ),
    "/records/persons/{person_id}/arrests/new": Example(
        role=Role.RECORDS_OFFICER, setup=_a_person_with_an_arrest
    ),
    # ACRO requests
    "/acro": Example(role=Role.SUPERVISOR, setup=_an_acro_request_missing_details),
    "/acro/work-queue": Example(role=Role.RECORDS_OFFICER, setup=_an_acro_request_missing_details),
    "/acro/dead-letters": Example(role=Role.RECORDS_OFFICER),
    "/acro/requests/{request_id}": Example(
        role=Role.RECORDS_OFFICER, setup=_an_acro_request_missing_details
    ),
    # Command and control
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
    "/healthz": "liveness probe for monitoring (JSON)",
    "/readyz": "readiness probe for monitoring (JSON)",
    "/metrics": "Prometheus metrics (plain text)",
    "/evidence/files/{public_id}/content": "evidence video bytes for playback and download",
    "/evidence/requests/{public_id}/export": "zip of evidence files and their hash manifest",
    "/evidence/assets/{name}": "JavaScript for the public upload page",
    "/contact/call-online/call-online.js": "JavaScript for the call 101 online page",
    "/cad/board/events": "server-sent events stream feeding the live incident board",
    "/cad/assets/{name}": "script and styles for the command and control pages",
}
