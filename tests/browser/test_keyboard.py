"""Every page works with a keyboard alone: Tab reaches everything, visibly, without traps."""

from __future__ import annotations

import re

import pytest

from synergy.core.roles import Role
from tests.browser.checks import keyboard_problems
from tests.browser.examples import PAGES
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", sorted(PAGES))
def test_tab_reaches_every_control_visibly(open_example, path: str) -> None:  # type: ignore[no-untyped-def]
    page = open_example(path)
    problems = keyboard_problems(page)
    assert not problems, f"keyboard use of {page.url}:\n" + "\n".join(problems)


def _tab_until(page, matches, limit: int = 40) -> None:  # type: ignore[no-untyped-def]
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(matches):
            return
    raise AssertionError(f"Tab never reached the element ({matches})")


def test_staff_sign_in_and_out_with_the_keyboard_alone(page, make_user) -> None:  # type: ignore[no-untyped-def]
    make_user("kim.supervisor", Role.SUPERVISOR)
    page.goto("/")
    assert re.search(r"/login\?next=", page.url)
    _tab_until(page, "() => document.activeElement.id === 'username'")
    page.keyboard.type("kim.supervisor")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "password"
    page.keyboard.type(TEST_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/")
    assert page.locator("h1").inner_text() == "Your services"
    assert page.get_by_role("link", name="Administration").count() >= 1
    assert "Signed in as Kim.Supervisor" in page.inner_text("body")

    _tab_until(page, "() => document.activeElement.textContent.trim() === 'Sign out'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/login?signed_out=1")
    assert "You have signed out." in page.inner_text("body")
    page.goto("/")
    assert "/login" in page.url, "still signed in after signing out"
