"""Contact: the 101 non-emergency line — understanding what callers say and routing them."""

from synergy.core.roles import Role
from synergy.core.services import Service, ServiceInfo

SERVICE = Service(
    name="contact",
    tile=ServiceInfo(
        name="Contact",
        description="Calls and web chats handed over by the 101 assistant, most urgent first, "
        "with what the caller has already said.",
        url="/contact",
        roles=frozenset({Role.CONTACT_AGENT, Role.SUPERVISOR}),
    ),
    routers=(
        "synergy.contact.pages:router",
        "synergy.contact.desk.pages:router",
        "synergy.contact.desk.caller_pages:router",
        "synergy.contact.desk.supervisor_pages:router",
        "synergy.contact.desk.live:router",
        "synergy.contact.routes:router",
        "synergy.contact.voice.pages:router",
    ),
    models=("synergy.contact.models", "synergy.contact.desk.models"),
    subscriptions=("synergy.contact.events:subscriptions",),
    commands=(
        "synergy.contact.cli:app",
        "synergy.contact.voice.cli:app",
        "synergy.contact.twin.cli:app",
    ),
    settings=(
        "synergy.contact.settings:ContactSettings",
        "synergy.contact.voice.settings:VoiceSettings",
    ),
    startup=(
        "synergy.contact.understanding.engine:prepare_in_background",
        "synergy.contact.voice.loading:preload_if_configured",
    ),
    demo=("synergy.contact.demo:create_demo_chats",),
    page_examples=("tests.contact.page_examples",),
)
