"""Attendance targets come from the `[cad]` settings, and the board's clocks follow them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from synergy.app import create_app
from synergy.cad import board
from synergy.cad import settings as cad_settings_module
from synergy.cad.display import hhmm
from synergy.cad.schemas import Location
from synergy.cad.settings import CadSettings, use_settings
from synergy.core.config import CONFIG_FILE_VARIABLE, Settings
from synergy.core.roles import Role
from tests.cad.factories import open_incident
from tests.conftest import sign_in

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _restore_installed_settings() -> Iterator[None]:
    before = list(cad_settings_module._installed)
    yield
    cad_settings_module._installed[:] = before


def _clear_cad_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CONFIG_FILE_VARIABLE, raising=False)
    for name in (
        "GRADE1_URBAN_MINUTES",
        "GRADE1_RURAL_MINUTES",
        "GRADE2_MINUTES",
        "GRADE3_MINUTES",
        "GRADE4_MINUTES",
    ):
        monkeypatch.delenv(f"SYNERGY_CAD_{name}", raising=False)


def test_default_targets_are_15_minutes_urban_20_rural_for_grade_1_and_an_hour_for_grade_2(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _clear_cad_environment(monkeypatch)
    targets = CadSettings()
    assert targets.target_minutes(1, rural=False) == 15
    assert targets.target_minutes(1, rural=True) == 20
    assert targets.target_minutes(2, rural=True) == 60
    assert targets.target_minutes(3, rural=False) is None
    assert targets.target_minutes(4, rural=False) is None


def test_targets_are_read_from_the_settings_file_and_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _clear_cad_environment(monkeypatch)
    config = tmp_path / "synergy.toml"
    config.write_text("[cad]\ngrade2_minutes = 45\ngrade3_minutes = 1440\n")
    monkeypatch.setenv(CONFIG_FILE_VARIABLE, str(config))
    monkeypatch.setenv("SYNERGY_CAD_GRADE1_URBAN_MINUTES", "10")
    targets = CadSettings()
    assert targets.target_minutes(1, rural=False) == 10
    assert targets.target_minutes(2, rural=False) == 45
    assert targets.target_minutes(3, rural=False) == 1440


def test_the_board_clock_follows_the_installed_targets(db: Session, settings: Settings) -> None:
    urban = open_incident(db, grade=1, opened_at=T0 - dt.timedelta(minutes=17))
    rural = open_incident(
        db,
        grade=1,
        opened_at=T0 - dt.timedelta(minutes=17),
        location=Location(address="Hill Farm, Upper Lane", rural=True),
    )
    grade2 = open_incident(
        db,
        grade=2,
        opened_at=T0 - dt.timedelta(minutes=40),
        location=Location(address="2 Station Road"),
    )

    def overdue_and_due() -> dict[int, tuple[bool, dt.datetime | None]]:
        return {r.incident.id: (r.overdue, r.target) for r in board.board(db, now=T0)}

    use_settings(settings.with_sections(CadSettings()))
    found = overdue_and_due()
    assert found[urban.id] == (True, T0 + dt.timedelta(minutes=-2))
    assert found[rural.id] == (False, T0 + dt.timedelta(minutes=3))
    assert found[grade2.id] == (False, T0 + dt.timedelta(minutes=20))

    use_settings(settings.with_sections(CadSettings(grade1_urban_minutes=30, grade2_minutes=30)))
    found = overdue_and_due()
    assert found[urban.id][0] is False
    assert found[grade2.id] == (True, T0 - dt.timedelta(minutes=10))


def test_the_board_page_shows_age_due_time_and_overdue_from_the_settings(
    settings: Settings, engine: Any, make_user: Any, session_factory: Any
) -> None:
    now = dt.datetime.now(dt.UTC)
    with session_factory() as session:
        open_incident(session, grade=2, opened_at=now - dt.timedelta(minutes=40))
        session.commit()
    for grade2_minutes, overdue in ((60, False), (30, True)):
        app = create_app(
            settings.with_sections(CadSettings(grade2_minutes=grade2_minutes)), engine=engine
        )
        with TestClient(app, base_url="http://testserver", follow_redirects=False) as client:
            make_user(f"controller{grade2_minutes}", Role.CONTROLLER)
            sign_in(client, f"controller{grade2_minutes}")
            page = client.get("/cad")
        assert page.status_code == 200
        assert "40 min" in page.text
        due = now - dt.timedelta(minutes=40) + dt.timedelta(minutes=grade2_minutes)
        assert f"Due {hhmm(due)}" in page.text
        assert ('govuk-tag--red">Overdue' in page.text) is overdue
