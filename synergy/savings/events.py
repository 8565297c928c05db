"""What the savings register reacts to, and what it publishes.

Counted as automation savings (one unit per event, safe to deliver twice: the event's key is
stored UNIQUE with the unit):
- `acro.request_accepted` (acro): an ACRO request the platform sent by itself.
- `evidence.link_created` (evidence): an investigator made a CCTV upload link themselves
  instead of asking Force Contact for one.
- `contact.call_resolved` (contact): a 101 call the assistant finished without a person.

Published (see `renewals.py`): `savings.renewal_alert` — `contract_id`, `reference`,
`application`, `supplier`, `owner`, `notice_date`, `renewal_date`, `threshold_days`,
`days_left`; one per contract, threshold and notice date.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from synergy.core.config import Settings
from synergy.core.events import Event, Subscription
from synergy.savings import automation

COUNTED_TOPICS = {
    "acro.request_accepted": (automation.ACRO_REQUEST, "accepted_at"),
    "evidence.link_created": (automation.CCTV_LINK, "created_at"),
    "contact.call_resolved": (automation.CALL_RESOLVED, "ended_at"),
}


def _occurred_at(event: Event, field: str) -> dt.datetime:
    text = event.payload.get(field)
    if isinstance(text, str):
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            return event.created_at
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return event.created_at


def count_unit(session: Session, event: Event) -> None:
    kind, field = COUNTED_TOPICS[event.topic]
    automation.record_unit(
        session,
        kind=kind,
        source_key=f"{event.topic}:{event.idempotency_key}"[:200],
        occurred_at=_occurred_at(event, field),
    )


def subscriptions(settings: Settings) -> list[Subscription]:
    return [
        Subscription(topic, f"savings.count_{kind}", count_unit)
        for topic, (kind, _) in COUNTED_TOPICS.items()
    ]
