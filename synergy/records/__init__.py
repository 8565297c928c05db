"""Records: people in custody (names, aliases, birth details, nationalities, identity
documents) and their arrests. Recording an arrest publishes `records.arrest_recorded`."""

from synergy.core.roles import Role
from synergy.core.services import Service, ServiceInfo

SERVICE = Service(
    name="records",
    tile=ServiceInfo(
        name="Records",
        description="Find and record people and their arrests; see overseas conviction checks.",
        url="/records",
        roles=frozenset({Role.RECORDS_OFFICER, Role.SUPERVISOR}),
    ),
    routers=("synergy.records.pages:router", "synergy.records.routes:router"),
    models=("synergy.records.models",),
    demo=("synergy.records.demo:create_demo_people",),
    page_examples=("tests.records.page_examples",),
)
