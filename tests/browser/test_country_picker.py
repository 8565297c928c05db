"""The country picker: typing part of a name finds the country; without JavaScript it is a
plain select that still submits the country."""

from __future__ import annotations

import pytest

from synergy.core.deps import SESSION_COOKIE
from synergy.core.roles import Role
from tests.browser.conftest import start_staff_session

pytestmark = pytest.mark.browser


def _fill_person(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("Family name").fill("Popescu")
    page.get_by_label("Given names", exact=True).fill("Ion")


def test_typing_part_of_a_country_name_picks_it(page, sign_in_as) -> None:  # type: ignore[no-untyped-def]
    sign_in_as(Role.RECORDS_OFFICER)
    page.goto("/records/persons/new")
    _fill_person(page)
    picker = page.locator("input#nationality-1")  # the autocomplete replaces the select
    picker.fill("Roma")
    page.get_by_role("option", name="Romania").click()
    page.get_by_role("button", name="Add person").click()
    page.wait_for_url("**/records/persons/*")
    assert "Romania" in page.locator("main").inner_text()


def test_without_javascript_the_plain_select_works(  # type: ignore[no-untyped-def]
    browser, live_server, session_factory
) -> None:
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    try:
        token = start_staff_session(session_factory, Role.RECORDS_OFFICER)
        context.add_cookies([{"name": SESSION_COOKIE, "value": token, "url": live_server}])
        page = context.new_page()
        page.goto("/records/persons/new")
        _fill_person(page)
        page.get_by_label("Nationality (if known)").select_option(label="Romania")
        page.get_by_role("button", name="Add person").click()
        page.wait_for_url("**/records/persons/*")
        assert "Romania" in page.locator("main").inner_text()
    finally:
        context.close()
