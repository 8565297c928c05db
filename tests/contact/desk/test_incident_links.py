"""The desktop shows the log number of the call's incident, and says "linked" only once command
and control has confirmed the link (or says why it could not): all by events, worker driven."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.contact.desk import incidents
from synergy.contact.desk.models import DeskEntry
from synergy.core.config import Settings
from synergy.core.events import OutboxWorker
from synergy.worker import all_subscriptions
from tests.contact.desk.test_desktop import post, taken_call

LOG_NUMBER = re.compile(r"LOG \d{4}-\d{8}")


def deliver(session_factory: Any, settings: Settings) -> None:
    OutboxWorker(session_factory, all_subscriptions(settings)).drain()


def incidents_section(client: TestClient, call_id: int) -> str:
    page = client.get(f"/contact/calls/{call_id}")
    assert page.status_code == 200, page.text
    return page.text.split('id="incidents"', 1)[1].split("</ul>", 1)[0]


def raised_log_number(client: TestClient, call_id: int) -> str:
    section = incidents_section(client, call_id)
    assert "raised for this call" in section, section
    found = LOG_NUMBER.search(section)
    assert found is not None
    return found.group()


def test_the_desktop_shows_the_log_number_of_the_incident_the_handover_raised(
    client: TestClient, signed_in: Any, session_factory: Any, settings: Settings
) -> None:
    call_id = taken_call(client, signed_in, session_factory)
    assert "No incident yet" in client.get(f"/contact/calls/{call_id}").text
    deliver(session_factory, settings)
    log_number = raised_log_number(client, call_id)
    assert log_number in client.get("/contact/my-calls").text


def test_a_link_says_linked_only_once_command_and_control_confirms_it(
    client: TestClient, signed_in: Any, session_factory: Any, settings: Settings
) -> None:
    first = taken_call(client, signed_in, session_factory)
    deliver(session_factory, settings)
    log_number = raised_log_number(client, first)
    second = taken_call(
        client, signed_in, session_factory, "I want to speak to a person, it's about the same thing"
    )
    deliver(session_factory, settings)  # the second call's own handover incident
    linked = post(client, f"/contact/calls/{second}/incident-link", **{"log-number": log_number})
    assert linked.status_code == 303
    waiting = incidents_section(client, second)
    assert f"{log_number}</strong>: waiting for command and control" in waiting
    assert "confirmed" not in waiting
    deliver(session_factory, settings)
    done = incidents_section(client, second)
    assert f"{log_number}</strong>: linked (command and control confirmed it)" in done
    assert "waiting for command and control" not in done


def test_an_unknown_log_number_comes_back_to_the_agent_as_not_linked(
    client: TestClient, signed_in: Any, session_factory: Any, settings: Settings
) -> None:
    call_id = taken_call(client, signed_in, session_factory)
    post(client, f"/contact/calls/{call_id}/incident-link", **{"log-number": "LOG 9999-01012026"})
    deliver(session_factory, settings)
    section = incidents_section(client, call_id)
    assert "LOG 9999-01012026</strong>: not linked" in section
    assert "Command and control has no incident with the log number" in section
    assert "raise an incident" in section


def test_an_answer_delivered_twice_is_kept_once(
    client: TestClient, signed_in: Any, session_factory: Any, db: Session
) -> None:
    call_id = taken_call(client, signed_in, session_factory)
    answer = {"call_id": call_id, "log_number": "LOG 0001-01012026", "link_entry": 3}
    opened = {"call_id": call_id, "log_number": "LOG 0002-01012026", "incident_id": 1}
    with session_factory() as session:
        for _ in range(2):
            incidents.record_link_refused(session, {**answer, "reason": "No such incident"})
            incidents.record_incident_opened(session, opened)
        assert incidents.record_link_confirmed(session, {**answer, "call_id": 10**9}) is None
        session.commit()
    kinds = db.execute(select(DeskEntry.kind).where(DeskEntry.call_id == call_id)).scalars()
    assert sorted(k for k in kinds if k != "incident_linked") == ["incident_opened", "link_refused"]
