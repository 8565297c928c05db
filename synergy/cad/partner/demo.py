"""Demo content: one incident received from the partner simulator (a fire control room),
through the same receiving code as the live endpoint, signed and validated. Safe to run twice:
the simulator's first incident has the same reference every time, and is received once."""

from __future__ import annotations

import secrets

from pydantic import SecretStr
from sqlalchemy.orm import Session

from synergy.cad.partner import messages as m
from synergy.cad.partner import service
from synergy.cad.partner.settings import Partner, PartnerSettings
from synergy.cad.partner.signatures import SIGNATURE_HEADER, TIMESTAMP_HEADER, signed_headers
from synergy.cad.partner.simulator import Simulator, SimulatorConfig
from synergy.core.services import DemoContext

DEMO_AGENCY = "SIMFS"


def receive_demo_incident(session: Session, context: DemoContext) -> list[str]:
    settings = context.settings.section(PartnerSettings)
    config = SimulatorConfig(agency_code=DEMO_AGENCY, peer_code=settings.agency_code, updates=0)
    config.close = False
    [body] = Simulator(config).versions_of(1)
    incident = m.parse_incident_message(body).incident
    if service.incident_for(session, agency=DEMO_AGENCY, reference=incident.reference):
        return []
    # The demo signs as the simulator: with its configured secret if the simulator is set up
    # as a partner, otherwise with a one-off secret known only to this step.
    configured = settings.partner(DEMO_AGENCY)
    partner = configured or Partner(
        code=DEMO_AGENCY,
        name="Simulated fire control room",
        url="http://127.0.0.1:8791/incident-exchange/messages",
        secret=SecretStr(secrets.token_urlsafe(32)),
    )
    demo_settings = settings
    if configured is None:
        demo_settings = settings.model_copy(update={"partners": (*settings.partners, partner)})
    headers = signed_headers(partner.secret_bytes(), DEMO_AGENCY, body)
    answer = service.receive_message(
        session,
        demo_settings,
        body=body,
        agency=DEMO_AGENCY,
        timestamp=headers[TIMESTAMP_HEADER],
        signature=headers[SIGNATURE_HEADER],
    )
    receipt = m.parse_acknowledgement(answer.body)
    return [
        f"partner incident {incident.reference} received from the simulated fire control "
        f"room: {receipt.outcome}, our log {receipt.receiver_reference}"
    ]
