"""The digital pocket notebook: each officer's numbered, hash-chained, encrypted entries
(free text, sketches, signatures, photos), corrections that strike through, PDF extracts,
encrypted backups, retention and the offline app."""

from synergy.core.roles import Role
from synergy.core.services import ServiceInfo

SERVICE = ServiceInfo(
    name="Pocket notebook",
    description="Write notes, sketches and signatures that cannot be lost or changed unseen.",
    url="/notebook",
    roles=frozenset({Role.OFFICER, Role.SUPERVISOR}),
)
