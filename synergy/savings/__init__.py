"""The savings register: contracts reviewed and what they saved (signed off, with evidence),
headline reports that reconcile with the items, renewal alerts, and automation savings counted
from the platform's own events. Reacts to acro, evidence and contact events; never reads
their tables. Only finance staff and administrators see or change it."""

from synergy.core.roles import Role
from synergy.core.services import Service, ServiceInfo

SERVICE = Service(
    name="savings",
    tile=ServiceInfo(
        name="Savings register",
        description="Contracts and their savings, renewal alerts, the headline report and "
        "automation savings.",
        url="/savings",
        roles=frozenset({Role.FINANCE, Role.ADMINISTRATOR}),
        notices="synergy.savings.renewals:home_notices",
    ),
    routers=("synergy.savings.pages:router", "synergy.savings.routes:router"),
    models=("synergy.savings.models",),
    subscriptions=("synergy.savings.events:subscriptions",),
    commands=("synergy.savings.cli:app",),
    settings=("synergy.savings.settings:SavingsSettings",),
    demo=("synergy.savings.demo:load_seed_register",),
    page_examples=("tests.savings.page_examples",),
)
