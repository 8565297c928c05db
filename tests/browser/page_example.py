"""`Example`: how the browser tests open one page. Each service's page examples module (named in
its declaration, `Service(page_examples=...)`) holds `PAGES` built from it; examples.py says how."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from fastapi import FastAPI
from sqlalchemy.orm import Session, sessionmaker

from synergy.core.roles import Role

Setup = Callable[[sessionmaker[Session]], Mapping[str, str]]


@dataclass(frozen=True)
class Viewer:
    """Who opens the page, given to `Example.viewer_setup` once they are signed in, with the
    app under test (for data only its own settings can make, such as entries encrypted
    under its keys)."""

    username: str
    app: FastAPI
    session_factory: sessionmaker[Session]


ViewerSetup = Callable[[Viewer], Mapping[str, str]]


@dataclass(frozen=True)
class Example:
    """How to open one page: as whom, at which address, after creating which data."""

    role: Role | None
    url: str | None = None
    setup: Setup | None = None
    # Cookies the page needs besides a session (name -> (path, value)), made after `setup`.
    cookies: Callable[[sessionmaker[Session]], Mapping[str, tuple[str, str]]] | None = None
    # For a page that shows the viewer's own data: made after they sign in, with their name.
    viewer_setup: ViewerSetup | None = None

    def address(self, path_template: str, parameters: Mapping[str, str]) -> str:
        return (self.url or path_template).format(**parameters)
