"""Contact: the 101 non-emergency line — understanding what callers say and routing them."""

from synergy.core.roles import Role
from synergy.core.services import ServiceInfo

SERVICE = ServiceInfo(
    name="Contact",
    description="Calls and web chats handed over by the 101 assistant, most urgent first, "
    "with what the caller has already said.",
    url="/contact",
    roles=frozenset({Role.CONTACT_AGENT, Role.SUPERVISOR}),
)
