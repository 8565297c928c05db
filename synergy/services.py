"""The installed services, one line each. The app, the `synergy` command, the event worker,
the demo and the browser tests all find services here and nowhere else.

Adding a service: its package under `synergy/` with `SERVICE = Service(...)` in its
`__init__.py`, one line below, and its migration branch (docs/architecture.md,
"How to add a service").
"""

from __future__ import annotations

from collections.abc import Iterable

from synergy.core.config import ServiceSettings
from synergy.core.services import Service, declaration_of

SERVICES: tuple[str, ...] = (
    "identity",
    "admin",
    "evidence",
    "records",
    "acro",
    "contact",
    "cad",
    "notebook",
    "savings",
)


def declared_services(names: Iterable[str] = SERVICES) -> list[Service]:
    """The declarations of the named services (all installed ones by default), in order."""
    return [declaration_of(name) for name in names]


def settings_sections(services: Iterable[Service]) -> list[type[ServiceSettings]]:
    """The services' own settings classes, for `load_settings(sections=...)`."""
    return [section for service in services for section in service.load_settings_classes()]
