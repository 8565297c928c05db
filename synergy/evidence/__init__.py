"""CCTV evidence portal: investigators' upload links and resumable uploads from the public."""

from synergy.core.roles import Role
from synergy.core.services import Service, ServiceInfo

SERVICE = Service(
    name="evidence",
    tile=ServiceInfo(
        name="CCTV evidence",
        description="Send a member of the public a link to upload CCTV footage, then review it.",
        url="/evidence",
        roles=frozenset({Role.INVESTIGATOR, Role.SUPERVISOR}),
    ),
    routers=("synergy.evidence.pages:router", "synergy.evidence.routes:router"),
    models=("synergy.evidence.models",),
    settings=("synergy.evidence.settings:EvidenceSettings",),
    subscriptions=("synergy.evidence.events:subscriptions",),
    commands=("synergy.evidence.cli:app",),
    startup=("synergy.evidence.log_redaction:redact_upload_tokens_in_server_logs",),
    demo=("synergy.evidence.demo:create_demo_upload_request",),
    page_examples=("tests.evidence.page_examples",),
)
