"""Staff accounts, roles and signed-in sessions. Other modules use `service` and
`synergy.core.deps`, never these tables."""

from synergy.core.services import Service

SERVICE = Service(
    name="identity",
    routers=("synergy.identity.pages:router",),
    models=("synergy.identity.models",),
    startup=("synergy.identity.deps:plug_in_sign_in",),
    demo=("synergy.identity.demo:create_demo_users",),
    page_examples=("tests.identity.page_examples",),
)
