"""Command and control: incidents (graded, classified, THRIVE-assessed, with an append-only
log), units and their assignments, the controllers' live board, the crime-recording queue and
officers' tasks. Fed by the 101 assistant, contact agents, officers, the pocket notebook,
records' arrests and partner control rooms; publishes `cad.incident_*` events."""

from synergy.core.roles import Role
from synergy.core.services import Service, ServiceInfo

SERVICE = Service(
    name="cad",
    tile=ServiceInfo(
        name="Command and control",
        description="The incident board, incidents, units, crime recording and officers' tasks.",
        url="/cad",
        roles=frozenset({Role.CONTROLLER, Role.SUPERVISOR, Role.OFFICER, Role.CONTACT_AGENT}),
    ),
    routers=(
        "synergy.cad.pages:router",
        "synergy.cad.work_pages:router",
        "synergy.cad.live_pages:router",
        "synergy.cad.routes:router",
        "synergy.cad.partner.routes:router",
    ),
    models=("synergy.cad.models", "synergy.cad.partner.models"),
    subscriptions=("synergy.cad.events:subscriptions", "synergy.cad.partner.events:subscriptions"),
    commands=("synergy.cad.partner.cli:app",),
    settings=("synergy.cad.settings:CadSettings",),
    startup=("synergy.cad.settings:use_app_settings", "synergy.cad.partner.settings:read_at_start"),
    demo=(
        "synergy.cad.demo:create_demo_incidents",
        "synergy.cad.partner.demo:receive_demo_incident",
    ),
    page_examples=("tests.cad.page_examples",),
)
