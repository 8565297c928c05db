"""Which of the app's routes are HTML pages that people open in a browser.

The rule: a route is a page if it answers GET and
  * declares `response_class=HTMLResponse` (wherever it lives), or
  * is outside /api/ and is not listed in `examples.NOT_PAGES` (with the reason it is not a page).
Defaulting everything outside /api/ to "page" means a new screen cannot slip past the checks by
forgetting its response class; a download or probe opts out explicitly. Mounted static files and
FastAPI's own /api/docs are not `APIRoute`s and are not pages of ours.

Routes are read with `synergy.core.routing.iter_api_routes`: `app.routes` holds one wrapper per
included router, so a plain loop over it finds no endpoints at all.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute

from synergy.core.routing import iter_api_routes
from tests.browser.examples import NOT_PAGES


def _declares_html(route: APIRoute) -> bool:
    response_class = getattr(route.response_class, "value", route.response_class)
    return isinstance(response_class, type) and issubclass(response_class, HTMLResponse)


def _get_routes(app: FastAPI) -> list[APIRoute]:
    return [route for route in iter_api_routes(app) if "GET" in (route.methods or ())]


def is_page(route: APIRoute) -> bool:
    if _declares_html(route):
        return True
    return not route.path.startswith("/api/") and route.path not in NOT_PAGES


def page_paths(app: FastAPI) -> set[str]:
    """The path template of every HTML page route, e.g. "/admin/users/{username}"."""
    return {route.path for route in _get_routes(app) if is_page(route)}


def get_paths(app: FastAPI) -> set[str]:
    """Every GET route's path template, pages or not."""
    return {route.path for route in _get_routes(app)}
