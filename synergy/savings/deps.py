"""Who may use the savings register (finance staff and administrators), and its form reader."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from synergy.core.deps import RecordId, allow
from synergy.core.principal import Principal
from synergy.core.roles import Role

REGISTER_ROLES = (Role.FINANCE, Role.ADMINISTRATOR)
FinanceUser = Annotated[Principal, allow(*REGISTER_ROLES)]
ContractId = RecordId


async def _form(request: Request) -> dict[str, str]:
    # Read here so the route itself can be synchronous: database work must not run on the
    # event loop.
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


FormFields = Annotated[dict[str, str], Depends(_form)]
