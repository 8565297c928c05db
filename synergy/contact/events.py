"""Events the contact service publishes, and those it listens to.

Published through the outbox by `synergy.contact.service` when a conversation acts; each
payload carries `call_id`, the `flow`, the caller's `details` and `risk`/`vulnerabilities`:

- `contact.crime_report_drafted` — a crime report for the crime recording team to review;
  `reference` is the incident log number the caller was given.
- `contact.incident_requested` — an incident for command and control (antisocial behaviour,
  road traffic, information); also with the caller's `reference`.
- `contact.update_requested` — a message for the officer in the case of `details.reference`,
  after the reference format was checked and the caller gave a name and phone number; the
  subscriber must still check the caller is linked to that case before replying.
- `contact.handover_requested` — a person is needed: `queue`, `summary`, `language`.
- `contact.incident_requested` is also published from the agent desktop, with `raised_by` (the
  agent) and the agent's note in `details.what` and `summary`.
- `contact.incident_linked` — an agent asked to link the call to an existing incident:
  `call_id`, `log_number`, `agent`, `entry_id` (the desk entry, echoed in the answer).
- `contact.call_resolved` — the assistant finished the call without a person: `call_id`,
  `decision`, `ended_at` (counted by the savings register).

Listened to (command and control's answers about a call's incidents, kept as desk entries by
synergy/contact/desk/incidents.py): `cad.incident_opened_for_call`, `cad.call_linked`,
`cad.call_link_refused`.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from synergy.contact.desk import incidents
from synergy.contact.dialogue.flows import (
    CRIME_REPORT_DRAFTED,
    HANDOVER_REQUESTED,
    INCIDENT_REQUESTED,
    UPDATE_REQUESTED,
)
from synergy.core.config import Settings
from synergy.core.events import Event, Subscription

PUBLISHED_TOPICS = (
    CRIME_REPORT_DRAFTED,
    INCIDENT_REQUESTED,
    UPDATE_REQUESTED,
    HANDOVER_REQUESTED,
)


def record_incident_opened(session: Session, event: Event) -> None:
    incidents.record_incident_opened(session, event.payload)


def record_link_confirmed(session: Session, event: Event) -> None:
    incidents.record_link_confirmed(session, event.payload)


def record_link_refused(session: Session, event: Event) -> None:
    incidents.record_link_refused(session, event.payload)


def subscriptions(settings: Settings) -> list[Subscription]:
    return [
        Subscription(
            incidents.INCIDENT_OPENED_FOR_CALL,
            "contact.record_incident_opened",
            record_incident_opened,
        ),
        Subscription(incidents.CALL_LINKED, "contact.record_link_confirmed", record_link_confirmed),
        Subscription(
            incidents.CALL_LINK_REFUSED, "contact.record_link_refused", record_link_refused
        ),
    ]
