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


def _a_due_callback(session_factory: sessionmaker[Session]) -> Mapping[str, str]:
    from synergy.contact import service
    from synergy.contact.desk import callbacks

    call_id = int(_a_waiting_call(session_factory)["call_id"])
    with session_factory() as session:
        service.take_call(session, call_id=call_id, actor="demo-agent", source_ip=None)
        callback = callbacks.book(
            session, call_id=call_id, agent="demo-agent", phone="01632 960 001",
            due_in_minutes=15, reason="Caller wants to add details",
        )  # fmt: skip
        session.commit()
        return {"callback_id": str(callback.id)}


def _a_call_with_incidents(session_factory: sessionmaker[Session]) -> Mapping[str, str]:
    """A taken call whose handover raised an incident, with one link confirmed and one refused."""
    from synergy.contact import service
    from synergy.contact.desk import desktop, incidents

    call_id = int(_a_waiting_call(session_factory)["call_id"])
    with session_factory() as session:
        service.take_call(session, call_id=call_id, actor="demo-agent", source_ip=None)
        incidents.record_incident_opened(
            session, {"call_id": call_id, "log_number": "LOG 0001-01012026", "incident_id": 1}
        )
        for number, answer in (("LOG 0002-01012026", True), ("LOG 0003-01012026", False)):
            link = desktop.link_incident(
                session, call_id=call_id, agent="demo-agent", log_number=number
            )
            reply = {"call_id": call_id, "log_number": number, "link_entry": link.id}
            if answer:
                incidents.record_link_confirmed(session, {**reply, "incident_status": "open"})
            else:
                incidents.record_link_refused(session, {**reply, "reason": "No such incident"})
        session.commit()
        return {"call_id": str(call_id)}


PAGES: dict[str, Example] = {
    "/contact-us": Example(role=None),
    # Without its conversation cookie the chat page offers to start one.
    "/contact-us/chat": Example(role=None),
    "/contact": Example(role=Role.CONTACT_AGENT, setup=_a_waiting_call),
    "/contact/calls/{call_id}": Example(role=Role.SUPERVISOR, setup=_a_call_with_incidents),
    "/contact/call-online": Example(role=None),
    "/contact/my-calls": Example(role=Role.CONTACT_AGENT),
    "/contact/callbacks": Example(role=Role.CONTACT_AGENT, setup=_a_due_callback),
    "/contact/callbacks/{callback_id}": Example(role=Role.CONTACT_AGENT, setup=_a_due_callback),
    "/contact/skills": Example(role=Role.CONTACT_AGENT),
    "/contact/supervisor": Example(role=Role.SUPERVISOR, setup=_a_due_callback),
}

NOT_PAGES: dict[str, str] = {
    "/contact/call-online/call-online.js": "JavaScript for the call 101 online page",
    "/contact/queue/rows": "the queue table alone, fetched by the live queue page",
    "/contact/calls/{call_id}/transcript": "the transcript alone, fetched by the live desktop",
    "/contact/queue/events": "server-sent events stream feeding the live queue",
    "/contact/calls/{call_id}/events": "server-sent events stream feeding the agent desktop",
    "/contact-us/chat/events": "server-sent events stream feeding the caller's chat page",
    "/contact-us/chat/messages": "the messages alone, fetched by the caller's live chat page",
    "/contact-us/live.js": "JavaScript keeping the queue, desktop and chat pages current",
    "/contact/supervisor/export": "CSV download of the supervisor's figures",
}
