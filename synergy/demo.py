"""Demo data for trying the platform: each installed service's demo steps, in the order of
the service list (staff accounts first, then a little content in each service).

Content is made only through each service's own functions, as a member of the public or of
staff would make it, so it behaves like real data: the foreign national's arrest publishes the
event the ACRO automation acts on when `synergy run` starts the worker. Every step skips what
it already made, so running the demo twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from synergy.core.config import Settings
from synergy.core.services import DemoContext, Service


def load_demo(db: Session, *, settings: Settings, services: Iterable[Service]) -> list[str]:
    """Run every service's demo steps in one transaction; returns the lines to print."""
    context = DemoContext(settings=settings, secret=settings.secret())
    lines: list[str] = []
    for service in services:
        lines.extend(service.run_demo(db, context))
    return lines
