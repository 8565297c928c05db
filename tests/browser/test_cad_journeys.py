"""Command and control journeys in Chromium, by keyboard: a controller raises an incident,
assigns a unit and sees the board change live; the officer sent marks arrival."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from synergy.cad import resources, service
from synergy.core.deps import SESSION_COOKIE
from synergy.core.roles import Role
from synergy.identity import service as identity
from tests.cad.factories import make_unit, open_incident

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("SYNERGY_SCREENSHOTS")  # a folder to keep screenshots in, if set


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _session_for(session_factory, username: str, role: Role) -> str:  # type: ignore[no-untyped-def]
    with session_factory() as session:
        identity.create_user(
            session,
            username=username,
            display_name=username.title(),
            password="a browser test password",
            roles=frozenset({role}),
        )  # noqa: S106
        account = identity.get_by_username(session, username=username)
        assert account is not None
        token = identity.start_session(session, user=account, source_ip="127.0.0.1")
        session.commit()
    return token


def _press_until_focused(page, key: str, matches: str, limit: int = 60) -> None:  # type: ignore[no-untyped-def]
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(matches):
            return
    raise AssertionError(f"{key} never reached the element ({matches})")


def test_controller_raises_assigns_and_watches_the_board_by_keyboard(
    page,
    context,
    live_server,
    session_factory,  # type: ignore[no-untyped-def]
) -> None:
    with session_factory() as session:
        make_unit(session, call_sign="BW21", officers=("pc-olu",))
        session.commit()
    token = _session_for(session_factory, "cal-controller", Role.CONTROLLER)
    context.add_cookies([{"name": SESSION_COOKIE, "value": token, "url": live_server}])
    page.goto("/cad")
    page.wait_for_selector("#live-status[data-live='on']")
    page.keyboard.press("n")
    page.wait_for_url("**/cad/incidents/new")
    page.keyboard.press("Tab")  # skip link first: walk to the classification
    _press_until_focused(page, "Tab", "() => document.activeElement.id === 'opening_code'")
    page.keyboard.type("Concern")  # typing selects the matching option
    _press_until_focused(page, "Tab", "() => document.activeElement.id === 'grade'")
    page.keyboard.press("Space")
    _press_until_focused(page, "Tab", "() => document.activeElement.id === 'address'")
    page.keyboard.type("Canal towpath by Gas Street Basin, Birmingham")
    page.keyboard.press("Tab")
    page.keyboard.type("B1 2JT")
    _press_until_focused(page, "Tab", "() => document.activeElement.id === 'remarks'")
    page.keyboard.type("Man seen going into the water")
    _press_until_focused(
        page, "Tab", "() => document.activeElement.textContent.trim() === 'Raise incident'"
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text().startswith("Incident LOG ")
    _shot(page, "cad-incident")

    page.keyboard.press("a")
    assert page.evaluate("() => document.activeElement.id") == "unit_id"
    page.keyboard.type("BW21")
    _press_until_focused(
        page, "Tab", "() => document.activeElement.textContent.trim() === 'Assign unit'"
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "BW21 assigned" in page.inner_text(".cad-log")

    page.keyboard.press("b")
    page.wait_for_url("**/cad")
    page.wait_for_selector("#live-status[data-live='on']")
    with session_factory() as session:
        other = open_incident(session, grade=1, remarks="Raised elsewhere while the board is open")
        session.commit()
        other_log = other.log_number
    row = page.wait_for_selector(f"text={other_log}")
    assert row is not None
    page.keyboard.press("j")
    assert "cad-row-link" in page.evaluate("() => document.activeElement.className")
    _shot(page, "cad-board")


def test_officer_sees_the_incident_and_marks_arrival_by_keyboard(
    page,
    context,
    live_server,
    session_factory,  # type: ignore[no-untyped-def]
) -> None:
    token = _session_for(session_factory, "pc-olu", Role.OFFICER)
    with session_factory() as session:
        incident = open_incident(session, grade=1)
        unit = make_unit(session, call_sign="BW21", officers=("pc-olu",))
        resources.assign(session, incident_id=incident.id, unit_id=unit.id, actor="controller")
        session.commit()
        log_number, incident_id = incident.log_number, incident.id
    context.add_cookies([{"name": SESSION_COOKIE, "value": token, "url": live_server}])
    page.goto("/cad/my-incidents")
    assert log_number in page.inner_text("main")
    _shot(page, "cad-my-incidents")
    _press_until_focused(
        page, "Tab", "() => document.activeElement.textContent.trim() === 'BW21 at scene'"
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "at scene" in page.inner_text("main")
    with session_factory() as session:
        found = service.get_incident(session, incident_id=incident_id)
        assert found.first_arrived_at is not None
