"""Who may use the savings register (finance staff and administrators)."""

from __future__ import annotations

from typing import Annotated

from synergy.core.deps import RecordId, allow
from synergy.core.principal import Principal
from synergy.core.roles import Role

REGISTER_ROLES = (Role.FINANCE, Role.ADMINISTRATOR)
FinanceUser = Annotated[Principal, allow(*REGISTER_ROLES)]
ContractId = RecordId
