"""Administration pages: staff accounts and the audit log, for administrators and supervisors."""

from synergy.core.roles import Role
from synergy.core.services import Service, ServiceInfo

SERVICE = Service(
    name="admin",
    tile=ServiceInfo(
        name="Administration",
        description="Manage staff accounts and check the tamper-evident audit log.",
        url="/admin",
        roles=frozenset({Role.ADMINISTRATOR, Role.SUPERVISOR}),
    ),
    routers=("synergy.admin.pages:router",),
    page_examples=("tests.admin.page_examples",),
)
