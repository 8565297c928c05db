"""CCTV evidence portal: investigators' upload links and resumable uploads from the public."""

from synergy.core.roles import Role
from synergy.core.services import ServiceInfo

SERVICE = ServiceInfo(
    name="CCTV evidence",
    description="Send a member of the public a link to upload CCTV footage, then review it.",
    url="/evidence",
    roles=frozenset({Role.INVESTIGATOR, Role.SUPERVISOR}),
)
