"""Staff sign in and out with the keyboard alone (every page's Tab walk: test_accessibility)."""

from __future__ import annotations

import re

import pyotp
import pytest

from synergy.core.roles import Role
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


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
    # Supervisors set up an authenticator app at their first sign-in, by keyboard too.
    assert "/login/set-up-code" in page.url
    key = page.locator(".synergy-key").inner_text().replace(" ", "")
    _tab_until(page, "() => document.activeElement.id === 'code'")
    page.keyboard.type(pyotp.TOTP(key).now())
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/")
    assert page.locator("h1").inner_text() == "Your services"
    services = page.get_by_role("navigation", name="Services")
    assert services.get_by_role("link", name="Administration").is_visible()
    assert page.get_by_role("heading", name="Administration").is_visible()
    assert "Signed in as Kim.Supervisor" in page.inner_text("body")

    _tab_until(page, "() => document.activeElement.textContent.trim() === 'Sign out'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/login?signed_out=1")
    assert "You have signed out." in page.inner_text("body")
    page.goto("/")
    assert "/login" in page.url, "still signed in after signing out"
