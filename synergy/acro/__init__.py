"""Automatic requests to ACRO (the UK Criminal Records Office) for convictions held overseas,
one for every arrest of a person with a non-UK nationality. Reacts to
`records.arrest_recorded`; never reads the records tables."""

from synergy.core.roles import Role
from synergy.core.services import ServiceInfo

SERVICE = ServiceInfo(
    name="ACRO requests",
    description="Overseas conviction requests: status, deadlines, work queue and dead letters.",
    url="/acro",
    roles=frozenset({Role.RECORDS_OFFICER, Role.SUPERVISOR}),
)
