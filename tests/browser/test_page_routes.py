"""Every HTML page route has an example in examples.py, so the browser checks reach it."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from tests.browser.examples import NOT_PAGES, PAGES
from tests.browser.page_routes import get_paths, page_paths

pytestmark = pytest.mark.browser


def test_pages_are_found_behind_included_routers(app: FastAPI) -> None:
    # Guards the checks below against passing vacuously if route enumeration finds nothing.
    assert {"/", "/login", "/admin/users"} <= page_paths(app)
    assert "/healthz" not in page_paths(app)
    assert "/logout" not in page_paths(app), "POST-only routes are not pages"


def test_every_page_route_has_an_example(app: FastAPI) -> None:
    missing = sorted(page_paths(app) - set(PAGES))
    assert not missing, (
        f"pages without an example in tests/browser/examples.py: {missing} "
        "(add one to PAGES, as the file's header explains)"
    )


def test_every_example_names_a_page_route(app: FastAPI) -> None:
    stale = sorted(set(PAGES) - page_paths(app))
    assert not stale, f"examples for routes that are not HTML pages (renamed?): {stale}"


def test_routes_listed_as_not_pages_exist_and_do_not_declare_html(app: FastAPI) -> None:
    gets = get_paths(app)
    assert not set(NOT_PAGES) - gets, "NOT_PAGES names routes that no longer exist"
    assert not set(NOT_PAGES) & page_paths(app), "NOT_PAGES names routes that declare HTML"
