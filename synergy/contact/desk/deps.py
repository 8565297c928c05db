"""Who may use the desk's pages: contact agents and supervisors; the live view is supervisors'."""

from __future__ import annotations

from typing import Annotated

from synergy.core.deps import allow
from synergy.core.principal import Principal
from synergy.core.roles import Role

DeskStaff = Annotated[Principal, allow(Role.CONTACT_AGENT, Role.SUPERVISOR)]
Supervisor = Annotated[Principal, allow(Role.SUPERVISOR)]
