"""Page examples for the browser tests (see tests/browser/examples.py)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session, sessionmaker

from synergy.core.roles import Role
from tests.browser.page_example import Example


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


PAGES: dict[str, Example] = {
    "/contact-us": Example(role=None),
    # Without its conversation cookie the chat page offers to start one.
    "/contact-us/chat": Example(role=None),
    "/contact": Example(role=Role.CONTACT_AGENT, setup=_a_waiting_call),
    "/contact/calls/{call_id}": Example(role=Role.SUPERVISOR, setup=_a_waiting_call),
    "/contact/call-online": Example(role=None),
}

NOT_PAGES: dict[str, str] = {
    "/contact/call-online/call-online.js": "JavaScript for the call 101 online page",
}
