"""`Example`: how the browser tests open one page. Each service's page examples module (named in
its declaration, `Service(page_examples=...)`) holds `PAGES` built from it; examples.py says how."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from synergy.core.roles import Role

Setup = Callable[[sessionmaker[Session]], Mapping[str, str]]


@dataclass(frozen=True)
class Example:
    """How to open one page: as whom, at which address, after creating which data."""

    role: Role | None
    url: str | None = None
    setup: Setup | None = None

    def address(self, path_template: str, parameters: Mapping[str, str]) -> str:
        return (self.url or path_template).format(**parameters)
