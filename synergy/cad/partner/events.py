"""What the partner exchange reacts to.

- `cad.incident_opened`, `cad.incident_updated`, `cad.incident_closed` (published by command
  and control; payload contract at the top of synergy/cad/service.py): queue a message to each
  partner that should hear about it (sending.share_change).
- `cad_partner.message_due` (published here): send one queued message.
"""

from __future__ import annotations

from functools import cached_property

from sqlalchemy.orm import Session

from synergy.cad import service as cad
from synergy.cad.partner import sending
from synergy.cad.partner.client import PartnerClient
from synergy.cad.partner.settings import PartnerSettings
from synergy.core.config import Settings
from synergy.core.events import Event, Subscription


class PartnerSubscriber:
    """Holds the exchange settings and one HTTP client for the worker's lifetime."""

    def __init__(self, settings: PartnerSettings, *, client: PartnerClient | None = None) -> None:
        self.settings = settings
        if client is not None:
            self.client = client

    @cached_property
    def client(self) -> PartnerClient:
        return PartnerClient.over_network(
            agency_code=self.settings.agency_code, timeout_seconds=self.settings.timeout_seconds
        )

    def subscriptions(self) -> list[Subscription]:
        return [
            Subscription(cad.INCIDENT_OPENED, "cad_partner.share_opened", self.share),
            Subscription(cad.INCIDENT_UPDATED, "cad_partner.share_updated", self.share),
            Subscription(cad.INCIDENT_CLOSED, "cad_partner.share_closed", self.share),
            Subscription(sending.MESSAGE_DUE, "cad_partner.send_message", self.send),
        ]

    def share(self, session: Session, event: Event) -> None:
        sending.share_change(session, self.settings, event.payload)

    def send(self, session: Session, event: Event) -> None:
        sending.send_due_message(
            session,
            self.settings,
            self.client,
            outgoing_id=int(event.payload["outgoing_id"]),
            attempt=int(event.payload["attempt"]),
        )


def subscriptions(settings: Settings) -> list[Subscription]:
    return PartnerSubscriber(settings.section(PartnerSettings)).subscriptions()
