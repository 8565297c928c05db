"""What each service tells the platform about itself, for the home page and the docs."""

from __future__ import annotations

from dataclasses import dataclass

from synergy.core.roles import Role


@dataclass(frozen=True)
class ServiceInfo:
    name: str
    description: str
    url: str
    roles: frozenset[Role]

    def open_to(self, roles: frozenset[Role]) -> bool:
        return bool(self.roles & roles)
