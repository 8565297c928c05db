"""Walk every route the app serves, including those of included routers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute


def _walk(routes: Iterable[BaseRoute]) -> Iterator[BaseRoute]:
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            # An included router: its routes already carry their full paths.
            yield from _walk(included.routes)
        else:
            yield route


def iter_routes(app: FastAPI) -> Iterator[BaseRoute]:
    """Every route (API routes, plain routes and mounts), flattened."""
    return _walk(app.router.routes)


def iter_api_routes(app: FastAPI) -> Iterator[APIRoute]:
    return (route for route in iter_routes(app) if isinstance(route, APIRoute))
