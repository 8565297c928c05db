"""Command and control: incidents (graded, classified, THRIVE-assessed, with an append-only
log), units and their assignments, the controllers' live board, the crime-recording queue and
officers' tasks. Fed by the 101 assistant, contact agents, officers, the pocket notebook,
records' arrests and partner control rooms; publishes `cad.incident_*` events."""

from synergy.core.roles import Role
from synergy.core.services import ServiceInfo

SERVICE = ServiceInfo(
    name="Command and control",
    description="The incident board, incidents, units, crime recording and officers' tasks.",
    url="/cad",
    roles=frozenset({Role.CONTROLLER, Role.SUPERVISOR, Role.OFFICER, Role.CONTACT_AGENT}),
)
