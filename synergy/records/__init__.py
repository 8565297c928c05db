"""Records: people in custody (names, aliases, birth details, nationalities, identity
documents) and their arrests. Recording an arrest publishes `records.arrest_recorded`."""

from synergy.core.roles import Role
from synergy.core.services import ServiceInfo

SERVICE = ServiceInfo(
    name="Records",
    description="Find and record people and their arrests; see overseas conviction checks.",
    url="/records",
    roles=frozenset({Role.RECORDS_OFFICER, Role.SUPERVISOR}),
)
