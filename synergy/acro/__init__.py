"""Automatic requests to ACRO (the UK Criminal Records Office) for convictions held overseas,
one for every arrest of a person with a non-UK nationality. Reacts to
`records.arrest_recorded`; never reads the records tables."""

from synergy.core.roles import Role
from synergy.core.services import Service, ServiceInfo

SERVICE = Service(
    name="acro",
    tile=ServiceInfo(
        name="ACRO requests",
        description="Overseas conviction requests: status, deadlines, work queue and dead letters.",
        url="/acro",
        roles=frozenset({Role.RECORDS_OFFICER, Role.SUPERVISOR}),
    ),
    routers=("synergy.acro.pages:router", "synergy.acro.routes:router"),
    models=("synergy.acro.models",),
    subscriptions=("synergy.acro.events:subscriptions",),
    commands=("synergy.acro.cli:app",),
    settings=("synergy.acro.settings:AcroSettings",),
    startup=("synergy.acro.deps:show_checks_on_person_pages",),
    page_examples=("tests.acro.page_examples",),
)
