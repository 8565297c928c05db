"""Administration's role aliases and path parameters."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

from synergy.core.deps import allow
from synergy.core.principal import Principal
from synergy.core.roles import Role

Admin = Annotated[Principal, allow(Role.ADMINISTRATOR)]
Overseer = Annotated[Principal, allow(Role.ADMINISTRATOR, Role.SUPERVISOR)]
Username = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9._-]{1,62}$")]
