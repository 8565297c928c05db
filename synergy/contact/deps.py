"""Contact's role aliases and the request dependencies its routes and pages share."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path

from synergy.contact import service
from synergy.core.deps import RecordId, SettingsDep, allow, public
from synergy.core.principal import Principal
from synergy.core.roles import Role

ContactStaff = Annotated[Principal, allow(Role.CONTACT_AGENT, Role.SUPERVISOR)]
Caller = Annotated[
    Principal | None,
    public("members of the public contact us; each conversation is keyed by its secret token"),
]
Visitor = Annotated[
    Principal | None, public("the public web chat for non-emergency contact with the police")
]
OnlineCaller = Annotated[
    Principal | None, public("members of the public call the police non-emergency line")
]

CallId = RecordId
Token = Annotated[str, Path(min_length=16, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]


async def conversation_limits(settings: SettingsDep) -> service.Limits:  # never waits
    return service.Limits.from_settings(settings)


LimitsDep = Annotated[service.Limits, Depends(conversation_limits)]
