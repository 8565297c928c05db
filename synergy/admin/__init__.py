"""Administration pages: staff accounts and the audit log, for administrators and supervisors."""

from synergy.core.roles import Role
from synergy.core.services import Service, ServiceInfo

SERVICE = Service(
    name="admin",
    tile=ServiceInfo(
        name="Administration",
        # Read by supervisors too, who may see the audit log but not manage accounts.
        description=(
            "Check the tamper-evident audit log. Administrators also manage staff accounts."
        ),
        url="/admin",
        roles=frozenset({Role.ADMINISTRATOR, Role.SUPERVISOR}),
    ),
    routers=("synergy.admin.pages:router",),
    page_examples=("tests.admin.page_examples",),
)
