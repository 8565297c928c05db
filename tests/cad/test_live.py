"""Live board updates reach connected boards once the change is committed."""

from __future__ import annotations

import queue
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from synergy.cad import live, service
from synergy.core.roles import Role
from tests.cad.factories import open_incident
from tests.cad.servers import BoardListener, app_in_thread, signed_in_client, web_process

INCIDENT = {
    "location": {"address": "New Street Station, Birmingham", "postcode": "B2 4QA"},
    "opening_code": "PSW-CONCERN",
    "grade": 2,
    "remarks": "Person on the tracks",
}


def test_a_committed_change_reaches_an_open_board(
    app: Any, make_user: Any, session_factory: sessionmaker[Session]
) -> None:
    make_user("controller1", Role.CONTROLLER)
    with app_in_thread(app) as base, signed_in_client(base, "controller1") as client:
        board = BoardListener(client)
        with session_factory() as session:
            incident = open_incident(session, grade=1)
            session.commit()
        row = board.next_row()
        assert row["log_number"] == incident.log_number and row["grade"] == 1
        with session_factory() as session:
            service.update_incident(session, incident_id=incident.id, actor="c1", grade=2)
            session.commit()
        assert board.next_row()["grade"] == 2


def test_a_rolled_back_change_is_never_shown(
    app: Any, make_user: Any, session_factory: sessionmaker[Session]
) -> None:
    make_user("controller1", Role.CONTROLLER)
    with app_in_thread(app) as base, signed_in_client(base, "controller1") as client:
        board = BoardListener(client)
        with session_factory() as session:
            open_incident(session, remarks="never committed")
            session.rollback()
        with session_factory() as session:
            kept = open_incident(session, remarks="committed")
            session.commit()
        assert board.next_row()["log_number"] == kept.log_number
        with pytest.raises(queue.Empty):
            board.next_row(within=0.5)


def test_board_in_one_web_process_sees_a_change_made_through_another(
    database_url: str, engine: Any, make_user: Any, tmp_path: Path
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("Several web processes share changes through PostgreSQL's LISTEN/NOTIFY")
    make_user("controller1", Role.CONTROLLER)
    with (
        web_process(database_url, tmp_path / "a") as first,
        web_process(database_url, tmp_path / "b") as second,
        signed_in_client(first, "controller1") as watching,
        signed_in_client(second, "controller1") as acting,
    ):
        board = BoardListener(watching)
        created = acting.post("/api/cad/incidents", json=INCIDENT)
        assert created.status_code == 201, created.text
        row = board.next_row()
        assert row["log_number"] == created.json()["log_number"]
        assert row["remarks"] == "Person on the tracks"


def test_notify_payloads_stay_under_the_postgresql_limit() -> None:
    class Recorder:
        info: dict[str, Any] = {}

        def get_bind(self) -> Any:
            class Bind:
                class dialect:  # noqa: N801 - mimics SQLAlchemy's attribute
                    name = "sqlite"

            return Bind()

    session = Recorder()
    live.note_change(session, {"id": 1, "remarks": "x" * 20_000})  # type: ignore[arg-type]
    (sent,) = session.info[live._PENDING]
    assert len(sent.encode()) < 8000
