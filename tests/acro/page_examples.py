"""Page examples for the browser tests (see tests/browser/examples.py)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session, sessionmaker

from synergy.core.roles import Role
from tests.browser.page_example import Example


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
    "/acro": Example(role=Role.SUPERVISOR, setup=_an_acro_request_missing_details),
    "/acro/work-queue": Example(role=Role.RECORDS_OFFICER, setup=_an_acro_request_missing_details),
    "/acro/dead-letters": Example(role=Role.RECORDS_OFFICER),
    "/acro/requests/{request_id}": Example(
        role=Role.RECORDS_OFFICER, setup=_an_acro_request_missing_details
    ),
}
