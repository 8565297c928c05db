"""Callbacks (booked, queued, attempts recorded) and the supervisor's live view."""

from __future__ import annotations

import csv
import io
from typing import Any

from fastapi.testclient import TestClient

from synergy.core.roles import Role
from tests.conftest import csrf_for
from tests.contact.desk.helpers import handed_over_call


def post(client: TestClient, url: str, **fields: str) -> Any:
    return client.post(url, data={**fields, "csrf_token": csrf_for(client)})


def test_a_callback_is_queued_and_each_attempt_recorded(
    client: TestClient, signed_in: Any, session_factory: Any
) -> None:
    call_id = handed_over_call(session_factory)
    signed_in(Role.CONTACT_AGENT)
    post(client, f"/contact/calls/{call_id}/take")
    bad = post(client, f"/contact/calls/{call_id}/callbacks", phone="call me", **{"due-in": "30"})
    assert bad.status_code == 422 and "Enter a phone number" in bad.text
    booked = post(
        client,
        f"/contact/calls/{call_id}/callbacks",
        phone="01632 960 001",
        reason="Wants to add details",
        **{"due-in": "15"},
    )
    assert booked.status_code == 303
    queue = client.get("/contact/callbacks").text
    assert "Wants to add details" in queue
    callback_id = int(queue.split('href="/contact/callbacks/')[1].split('"')[0])

    no_choice = post(client, f"/contact/callbacks/{callback_id}/attempts")
    assert no_choice.status_code == 422 and "Choose what happened" in no_choice.text
    for _ in range(3):
        assert (
            post(
                client, f"/contact/callbacks/{callback_id}/attempts", result="no_answer"
            ).status_code
            == 303
        )
    page = client.get(f"/contact/callbacks/{callback_id}").text
    assert page.count("No answer") == 3 and "gave up" in page
    assert "No callbacks are due" in client.get("/contact/callbacks").text


def test_supervisor_sees_figures_charts_with_tables_and_can_export(
    client: TestClient, signed_in: Any, session_factory: Any
) -> None:
    taken = handed_over_call(session_factory, "I want to report a crime", "he said he'll kill me")
    handed_over_call(session_factory)
    signed_in(Role.CONTACT_AGENT)
    post(client, f"/contact/calls/{taken}/take")
    signed_in(Role.SUPERVISOR)
    page = client.get("/contact/supervisor")
    assert page.status_code == 200
    assert page.text.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 3
    assert "Calls handled per agent" in page.text and "user0-contact-agent" in page.text
    assert "2 waiting now" not in page.text and ">1</span> waiting now" in page.text
    assert "1 vulnerable callers handed over" in page.text

    export = client.get("/contact/supervisor/export")
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.text)))
    totals = next(row for row in rows if row[0] == "all")
    assert totals[2:7] == ["1", str(totals[3]), "2", "1", totals[6]]
    assert ["user0-contact-agent", "1"] in rows


def test_supervisor_view_refuses_a_bad_period_and_agents(
    client: TestClient, signed_in: Any
) -> None:
    signed_in(Role.CONTACT_AGENT)
    assert client.get("/contact/supervisor").status_code == 403
    signed_in(Role.SUPERVISOR)
    bad = client.get("/contact/supervisor?start=2026-12-05&end=2026-12-01")
    assert bad.status_code == 422 and "on or after the start date" in bad.text
    assert client.get("/contact/supervisor/export?start=yesterday").status_code == 422


def test_demo_data_shows_a_live_queue_and_a_callback_due(session_factory: Any) -> None:
    from synergy.contact.demo import create_demo_chats
    from synergy.contact.desk import callbacks
    from synergy.contact.service import waiting_calls
    from synergy.core.db import utcnow

    with session_factory() as db:
        lines = create_demo_chats(db, None)  # type: ignore[arg-type]
        db.commit()
        assert len(waiting_calls(db)) >= 2 and "1 callback due" in lines[0]
        (due,) = callbacks.due_callbacks(db)
        assert due.due_at <= utcnow()
