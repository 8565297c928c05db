"""Events the contact service publishes, and those it listens to (none yet).

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
- `contact.incident_linked` — an agent linked the call to an existing incident: `call_id`,
  `log_number`, `agent` (no subscriber yet).
- `contact.call_resolved` — the assistant finished the call without a person: `call_id`,
  `decision`, `ended_at` (counted by the savings register).
"""

from __future__ import annotations

from synergy.contact.dialogue.flows import (
    CRIME_REPORT_DRAFTED,
    HANDOVER_REQUESTED,
    INCIDENT_REQUESTED,
    UPDATE_REQUESTED,
)
from synergy.core.config import Settings
from synergy.core.events import Subscription

PUBLISHED_TOPICS = (
    CRIME_REPORT_DRAFTED,
    INCIDENT_REQUESTED,
    UPDATE_REQUESTED,
    HANDOVER_REQUESTED,
)


def subscriptions(settings: Settings) -> list[Subscription]:
    """Contact reacts to no other service's events yet."""
    return []
