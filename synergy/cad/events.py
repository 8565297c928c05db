"""What command and control reacts to (each an outbox subscription, safe to run twice).

- `contact.crime_report_drafted` -> a report in the crime-recording queue.
- `contact.incident_requested` -> an incident (or a log line on the call's incident).
- `contact.handover_requested` -> an incident with the risk evidence and THRIVE pre-filled,
  linked to the call's transcript; or a log line if the call already has one.
- `contact.incident_linked` -> a log line on the named incident naming the call, who linked it
  and its transcript; answered with `cad.call_linked` or `cad.call_link_refused`
  (synergy/cad/call_links.py).
- `contact.update_requested` -> a task for the officer in charge of the reference.
  Payloads: synergy/contact/events.py.
- `records.arrest_recorded` -> the arrest linked to its incident (contract:
  synergy.records.service.arrest_event_payload).
- `notebook.entry_attached` -> a line on the incident's log; payload `incident_log` (log
  number), `entry_reference`, `officer` (user name), `entry_hash`.

Published: `cad.incident_opened`, `cad.incident_updated`, `cad.incident_closed` (see
synergy/cad/service.py for the payload); for contact, `cad.incident_opened_for_call`,
`cad.call_linked` and `cad.call_link_refused` (see synergy/cad/call_links.py).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from synergy.cad import call_links, crime_recording, intake, tasks
from synergy.cad.settings import use_settings
from synergy.core.config import Settings
from synergy.core.events import Event, Subscription

CRIME_REPORT_DRAFTED = "contact.crime_report_drafted"
INCIDENT_REQUESTED = "contact.incident_requested"
HANDOVER_REQUESTED = "contact.handover_requested"
UPDATE_REQUESTED = "contact.update_requested"
INCIDENT_LINKED = "contact.incident_linked"
ARREST_RECORDED = "records.arrest_recorded"
NOTEBOOK_ENTRY_ATTACHED = "notebook.entry_attached"


def queue_crime_report(session: Session, event: Event) -> None:
    crime_recording.queue_report(session, source_key=event.idempotency_key, payload=event.payload)


def raise_requested_incident(session: Session, event: Event) -> None:
    intake.incident_from_contact(
        session, event.payload, handover=False, source_key=event.idempotency_key
    )


def raise_handover_incident(session: Session, event: Event) -> None:
    intake.incident_from_contact(
        session, event.payload, handover=True, source_key=event.idempotency_key
    )


def link_contact_call(session: Session, event: Event) -> None:
    call_links.link_contact_call(session, event.payload, source_key=event.idempotency_key)


def create_update_task(session: Session, event: Event) -> None:
    details = event.payload.get("details") or {}
    tasks.create_update_task(
        session,
        source_key=event.idempotency_key,
        reference=str(details.get("reference") or ""),
        name=str(details.get("name") or ""),
        phone=str(details.get("phone") or ""),
        message=str(details.get("message") or ""),
    )


def link_arrest(session: Session, event: Event) -> None:
    intake.link_arrest(session, event.payload)


def attach_notebook_entry(session: Session, event: Event) -> None:
    intake.attach_notebook_entry(session, event.payload)


def subscriptions(settings: Settings) -> list[Subscription]:
    use_settings(settings)
    return [
        Subscription(CRIME_REPORT_DRAFTED, "cad.queue_crime_report", queue_crime_report),
        Subscription(INCIDENT_REQUESTED, "cad.raise_requested_incident", raise_requested_incident),
        Subscription(HANDOVER_REQUESTED, "cad.raise_handover_incident", raise_handover_incident),
        Subscription(INCIDENT_LINKED, "cad.link_contact_call", link_contact_call),
        Subscription(UPDATE_REQUESTED, "cad.create_update_task", create_update_task),
        Subscription(ARREST_RECORDED, "cad.link_arrest", link_arrest),
        Subscription(NOTEBOOK_ENTRY_ATTACHED, "cad.attach_notebook_entry", attach_notebook_entry),
    ]
