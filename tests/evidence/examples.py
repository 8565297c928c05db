"""Example data for the browser checks of the evidence pages (see tests/browser/examples.py)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session, sessionmaker

from synergy.evidence import service
from tests.conftest import TEST_SECRET

STATEMENT = service.Statement(
    name="Sam Jones",
    contact="sam@example.com",
    recorded_when="25 November 2026, 10pm",
    recorded_where="12 High Street",
    clock_offset="5 minutes fast",
    details="",
    consent=True,
)


def _request(session_factory: sessionmaker[Session], *, statement: bool) -> Mapping[str, str]:
    with session_factory() as session:
        request, token = service.create_request(
            session,
            secret=TEST_SECRET.encode(),
            actor="ivy",
            form=service.NewRequest(
                reference="20/123456/24", description="Front door camera", email="sam@example.com"
            ),
        )
        if statement:
            service.record_statement(session, request=request, statement=STATEMENT, source_ip=None)
        session.commit()
        return {"public_id": request.public_id, "token": token.value}


def an_upload_request(session_factory: sessionmaker[Session]) -> Mapping[str, str]:
    return _request(session_factory, statement=True)


def a_new_link(session_factory: sessionmaker[Session]) -> Mapping[str, str]:
    return _request(session_factory, statement=False)


def on_the_case_team(session_factory: sessionmaker[Session]) -> Mapping[str, tuple[str, str]]:
    """Put the member of staff the browser check has just signed in as (the newest account)
    on the case team of every request, so they may open its team page; sets no cookies."""
    from sqlalchemy import select

    from synergy.evidence.models import TeamMember, UploadRequest
    from synergy.identity.models import User

    with session_factory() as session:
        newest = session.execute(select(User).order_by(User.id.desc()).limit(1)).scalar_one()
        for request in session.execute(select(UploadRequest)).scalars():
            session.add(TeamMember(request=request, username=newest.username, added_by="ivy"))
        session.commit()
    return {}
