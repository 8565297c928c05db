"""Who is signed in: the `Principal` every route sees, and how the platform finds it.

The core does not know how accounts are stored. The identity service plugs its lookup in
when the app starts (`use_principal_lookup`, called by its start-up hook); until one is
plugged in, nobody is signed in and every staff page asks the visitor to sign in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from synergy.core.roles import Role


@dataclass(frozen=True)
class Principal:
    """The signed-in member of staff as the rest of the platform sees them."""

    id: int
    username: str
    display_name: str
    roles: frozenset[Role]
    session_id: int | None = None

    def has_any(self, roles: frozenset[Role]) -> bool:
        return bool(self.roles & roles)


@dataclass(frozen=True)
class SessionLimits:
    """How long a sign-in session lasts: idle, and at most."""

    idle: dt.timedelta
    absolute: dt.timedelta


# (database session, the browser's session token, limits) -> the principal, or None.
PrincipalLookup = Callable[[Session, str, SessionLimits], "Principal | None"]


def use_principal_lookup(app: Any, lookup: PrincipalLookup) -> None:
    """Plug in how sign-in tokens become principals for this app."""
    app.state.principal_lookup = lookup


def principal_lookup(app: Any) -> PrincipalLookup | None:
    lookup: PrincipalLookup | None = getattr(app.state, "principal_lookup", None)
    return lookup
