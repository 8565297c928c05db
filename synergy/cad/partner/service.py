"""The partner exchange's operations (each takes a Session, flushes, never commits).

- `receive_message(...)` -> Answer: one message POSTed by a partner, answered with a receipt
  (synergy/cad/partner/receiving.py).
- `share_change(...)`, `send_due_message(...)`, `resend(...)`: our incidents going out
  through the outbox (synergy/cad/partner/sending.py).
- `get_outgoing(...)`, `list_outgoing(...)`, `list_received(...)`: what was exchanged, newest first.
- `incident_for(...)`: our incident id for a partner's incident, if it has reached us.

Events: publishes `cad_partner.message_due` (its own work queue; payload `outgoing_id`,
`attempt`). It consumes `cad.incident_opened/updated/closed` (synergy/cad/partner/events.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.cad.partner.models import OutgoingMessage, PartnerIncident, ReceivedMessage
from synergy.cad.partner.receiving import Answer, receive_message
from synergy.cad.partner.sending import MESSAGE_DUE, resend, send_due_message, share_change
from synergy.core.errors import NotFound

__all__ = [
    "MESSAGE_DUE",
    "Answer",
    "get_outgoing",
    "incident_for",
    "list_outgoing",
    "list_received",
    "receive_message",
    "resend",
    "send_due_message",
    "share_change",
]


def get_outgoing(session: Session, *, outgoing_id: int) -> OutgoingMessage:
    row = session.get(OutgoingMessage, outgoing_id)
    if row is None:
        raise NotFound(f"There is no outgoing partner message {outgoing_id}")
    return row


def list_outgoing(
    session: Session, *, status: str | None = None, limit: int = 100
) -> Sequence[OutgoingMessage]:
    query = select(OutgoingMessage).order_by(OutgoingMessage.id.desc()).limit(limit)
    if status is not None:
        query = query.where(OutgoingMessage.status == status)
    return session.execute(query).scalars().all()


def list_received(
    session: Session, *, outcome: str | None = None, limit: int = 100
) -> Sequence[ReceivedMessage]:
    query = select(ReceivedMessage).order_by(ReceivedMessage.id.desc()).limit(limit)
    if outcome is not None:
        query = query.where(ReceivedMessage.outcome == outcome)
    return session.execute(query).scalars().all()


def incident_for(session: Session, *, agency: str, reference: str) -> int | None:
    return session.execute(
        select(PartnerIncident.incident_id).where(
            PartnerIncident.agency == agency, PartnerIncident.reference == reference
        )
    ).scalar_one_or_none()
