"""What the ACRO service reacts to.

- `records.arrest_recorded` (published by records): create the request for that arrest and,
  if it is complete, send it straight away.
  The payload contract is in synergy.records.service.arrest_event_payload (docs/records.md).
- `acro.request_due` (published here): send one queued request through the gateway.
"""

from __future__ import annotations

from functools import cached_property

from sqlalchemy.orm import Session

from synergy.acro import service
from synergy.acro.gateway import AcroGateway, http_client
from synergy.acro.settings import AcroSettings
from synergy.core.config import Settings
from synergy.core.events import Event, Subscription

ARREST_RECORDED = "records.arrest_recorded"


class AcroSubscriber:
    """Holds the settings and one gateway client for the worker's lifetime."""

    def __init__(self, settings: Settings, *, gateway: AcroGateway | None = None) -> None:
        self.settings = settings
        self.policy = service.RetryPolicy.from_settings(settings)
        if gateway is not None:
            self.gateway = gateway

    @cached_property
    def gateway(self) -> AcroGateway:
        requesting_force = self.settings.section(AcroSettings).requesting_force
        return AcroGateway(http_client(self.settings), requesting_force=requesting_force)

    def subscriptions(self) -> list[Subscription]:
        return [
            Subscription(ARREST_RECORDED, "acro.create_request", self.create_request),
            Subscription(service.REQUEST_DUE, "acro.send_request", self.send_request),
        ]

    def create_request(self, session: Session, event: Event) -> None:
        service.create_for_arrest(
            session,
            self.settings,
            event.payload,
            send=lambda request: self._send(session, request.id, attempt=0),
        )

    def _send(self, session: Session, request_id: int, *, attempt: int) -> None:
        service.send_due_request(
            session,
            self.gateway,
            self.policy,
            self.settings,
            request_id=request_id,
            attempt=attempt,
        )

    def send_request(self, session: Session, event: Event) -> None:
        self._send(session, int(event.payload["request_id"]), attempt=int(event.payload["attempt"]))


def subscriptions(settings: Settings) -> list[Subscription]:
    return AcroSubscriber(settings).subscriptions()
