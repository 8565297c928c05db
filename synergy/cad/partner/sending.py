"""Sending our incidents to partner control rooms, through the outbox.

`share_change()` runs for every `cad.incident_*` event (once per event: the outbox keeps a
receipt). For each partner that should see the incident it builds the message once, from the
incident as it is now, with the next Version for that partner, stores it and publishes
`cad_partner.message_due`. `send_due_message()` sends it: a receipt (accept or reject) ends
it; a refusal, timeout or unreadable answer schedules another attempt with backoff, with the
same bytes and message id, until `max_attempts`, then it is a dead letter a supervisor can
send again. Incidents that came from a partner are never sent on to another partner; the
changes we make to one (a controller's update, log entry or closure) go back to the partner
it came from as `update` and `close` messages about their reference, with Versions of our
own for that incident. Changes that applied the partner's own messages are not sent back (no
echo, no loops).

Messages to one partner may overtake each other when one is retried; that is safe, because
each carries the whole incident and receivers apply only a higher Version.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.cad import service as cad
from synergy.cad.partner import messages as m
from synergy.cad.partner.client import PartnerClient, PartnerUnavailable
from synergy.cad.partner.models import (
    ACCEPTED,
    DEAD,
    QUEUED,
    REJECTED,
    OutgoingMessage,
    SharedIncident,
)
from synergy.cad.partner.receiving import actor_for
from synergy.cad.partner.settings import Partner, PartnerSettings
from synergy.core import audit, events
from synergy.core.db import utcnow
from synergy.core.errors import Conflict, NotFound
from synergy.core.events import backoff_seconds

MESSAGE_DUE = "cad_partner.message_due"
# A message must stay well under receivers' size limit (ours is 256 KiB): a long incident
# sends its latest log entries, at most 500 and about 150,000 characters of them.
MAX_REMARKS = 500
MAX_REMARK_CHARACTERS = 150_000
# Log entries that record what a partner sent (receiving.py), besides those it authored:
# never sent back to it.
PARTNER_ENTRY_KINDS = frozenset({"opened", "partner_remark"})
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$")


def _should_share(partner: Partner, payload: dict[str, Any], shared: SharedIncident | None) -> bool:
    if shared is not None:
        return not shared.closed
    return int(payload["grade"]) in partner.share_grades and payload["status"] == "open"


def share_change(
    session: Session, settings: PartnerSettings, payload: dict[str, Any]
) -> list[OutgoingMessage]:
    """Queue a message to each partner that should hear about this change to an incident."""
    if payload.get("originating_agency"):
        return _answer_originator(session, settings, payload)
    queued = []
    for partner in settings.partners:
        shared = _locked_shared(session, partner, int(payload["incident_id"]))
        if not _should_share(partner, payload, shared):
            continue
        if shared is None:
            shared = _new_shared(session, partner, payload, reference=str(payload["log_number"]))
        queued.append(_queue(session, settings, partner, shared))
    return queued


def _answer_originator(
    session: Session, settings: PartnerSettings, payload: dict[str, Any]
) -> list[OutgoingMessage]:
    """A change we made to an incident a partner sent us goes back to that partner (and to no
    other). Changes that applied the partner's own messages are not echoed."""
    partner = settings.partner(str(payload["originating_agency"]))
    if partner is None or payload.get("actor") == actor_for(partner):
        return []
    if "opened" in payload.get("changed", ()):
        return []
    shared = _locked_shared(session, partner, int(payload["incident_id"]))
    if shared is not None and shared.closed:
        return []
    if shared is None:
        reference = str(payload["external_reference"])
        shared = _new_shared(session, partner, payload, reference=reference)
    return [_queue(session, settings, partner, shared)]


def _locked_shared(session: Session, partner: Partner, incident_id: int) -> SharedIncident | None:
    query = (
        select(SharedIncident)
        .where(SharedIncident.partner == partner.code, SharedIncident.incident_id == incident_id)
        .with_for_update()
    )
    return session.execute(query).scalar_one_or_none()


def _new_shared(
    session: Session, partner: Partner, payload: dict[str, Any], *, reference: str
) -> SharedIncident:
    shared = SharedIncident(
        partner=partner.code,
        incident_id=int(payload["incident_id"]),
        reference=reference,
        version=0,
        closed=False,
    )
    session.add(shared)
    return shared


def _queue(
    session: Session, settings: PartnerSettings, partner: Partner, shared: SharedIncident
) -> OutgoingMessage:
    incident = snapshot(session, settings, incident_id=shared.incident_id)
    shared.version += 1
    incident = replace(incident, version=shared.version)
    theirs = incident.originating_agency != settings.agency_code
    # About the partner's own incident we only ever send updates and closure.
    kind: m.MessageType = "create" if shared.version == 1 and not theirs else "update"
    if incident.closed_at is not None:
        kind = "close"
        shared.closed = True
    header = m.Header.new(sender=settings.agency_code, recipient=partner.code)
    body = m.build_incident_message(m.IncidentMessage(header, kind, incident))
    row = OutgoingMessage(
        message_id=header.message_id,
        partner=partner.code,
        incident_id=shared.incident_id,
        reference=incident.reference,
        version=incident.version,
        message_type=kind,
        body=body.decode(),
        status=QUEUED,
        attempts=0,
    )
    session.add(row)
    session.flush()
    _schedule(session, row, delay_seconds=0)
    return row


def snapshot(session: Session, settings: PartnerSettings, *, incident_id: int) -> m.Incident:
    """The incident as the exchange describes it (Version 1; the caller sets the real one).

    Ours go under our log number. One a partner sent us goes under its reference and agency,
    with our log entries only: the remarks they sent are theirs already."""
    here = cad.get_incident(session, incident_id=incident_id)
    state = cad.incident_event_payload(here, actor="", changed=[])
    where = state["location"]
    postcode = where["postcode"] or None
    entries = cad.incident_entries(session, incident_id=incident_id)
    agency, reference = settings.agency_code, state["log_number"]
    if state["originating_agency"]:
        agency, reference = state["originating_agency"], state["external_reference"]
        theirs = f"partner:{agency}"
        entries = [e for e in entries if e.kind not in PARTNER_ENTRY_KINDS and e.author != theirs]
    entries = _latest_that_fit(entries)
    closed = state["status"] == "closed" and state["closed_at"]
    return m.Incident(
        reference=reference,
        originating_agency=agency,
        version=1,
        opened_at=dt.datetime.fromisoformat(state["opened_at"]),
        type_code=state["opening_code"],
        type_description=str(state["opening_category"]).replace("_", " "),
        priority=int(state["grade"]),
        summary=(state["remarks"] or f"Incident {state['log_number']}")[:4000],
        location=m.Location(
            description=(where["address"] or "Location not given")[:200],
            postcode=postcode if postcode and _POSTCODE.match(postcode) else None,
            latitude=Decimal(str(where["latitude"])) if where["latitude"] is not None else None,
            longitude=Decimal(str(where["longitude"])) if where["longitude"] is not None else None,
        ),
        remarks=tuple(
            m.Remark(e.seq, e.at, (e.author or "unknown")[:200], (e.text or "-")[:4000])
            for e in entries
        ),
        closed_at=dt.datetime.fromisoformat(state["closed_at"]) if closed else None,
        closing_code=state["closing_code"] if closed else None,
    )


def _latest_that_fit(entries: Sequence[Any]) -> list[Any]:
    kept: list[Any] = []
    size = 0
    for entry in reversed(entries[-MAX_REMARKS:]):
        size += len(entry.text or "") + len(entry.author or "") + 100
        if kept and size > MAX_REMARK_CHARACTERS:
            break
        kept.append(entry)
    return kept[::-1]


def _schedule(session: Session, row: OutgoingMessage, *, delay_seconds: float) -> None:
    events.publish(
        session,
        MESSAGE_DUE,
        {"outgoing_id": row.id, "attempt": row.attempts},
        key=f"cad-partner-{row.message_id}-{row.attempts}",
        not_before=utcnow() + dt.timedelta(seconds=delay_seconds),
    )


def send_due_message(
    session: Session,
    settings: PartnerSettings,
    client: PartnerClient,
    *,
    outgoing_id: int,
    attempt: int,
) -> None:
    """Send one queued message. A stale event (an older attempt) or a message already answered
    is ignored, so delivering the same event twice sends at most once more, unchanged."""
    row = session.get(OutgoingMessage, outgoing_id, with_for_update=True)
    if row is None or row.status != QUEUED or row.attempts != attempt:
        return
    partner = settings.partner(row.partner)
    if partner is None:
        _failed(session, settings, row, "the partner is no longer configured", retry=False)
        return
    try:
        ack = client.send(partner, row.body.encode(), message_id=row.message_id)
    except PartnerUnavailable as exc:
        _failed(session, settings, row, str(exc), retry=True)
        return
    row.status = ACCEPTED if ack.accepted else REJECTED
    row.attempts += 1
    row.reason_code = ack.reason_code
    row.reason = ack.reason
    row.receiver_reference = ack.receiver_reference
    row.answered_at = utcnow()
    row.last_error = None
    _audit_sent(session, row, outcome=row.status)
    session.flush()


def _audit_sent(session: Session, row: OutgoingMessage, *, outcome: str) -> None:
    """What was disclosed, to whom and with what answer (one record per message)."""
    audit.record(
        session,
        action=f"cad_partner.message_sent_{outcome}",
        target_type="cad_incident",
        target_id=row.incident_id,
        details={
            "partner": row.partner,
            "message_id": row.message_id,
            "type": row.message_type,
            "version": row.version,
            "attempts": row.attempts,
            "reason_code": row.reason_code,
            "reason": (row.reason or row.last_error or "")[:500],
        },
    )


def _failed(
    session: Session, settings: PartnerSettings, row: OutgoingMessage, error: str, *, retry: bool
) -> None:
    row.attempts += 1
    row.last_error = error[:2000]
    if retry and row.attempts < settings.max_attempts:
        delay = backoff_seconds(
            row.attempts - 1, base=settings.retry_base_seconds, cap=settings.retry_cap_seconds
        )
        _schedule(session, row, delay_seconds=delay)
        session.flush()
        return
    row.status = DEAD
    _audit_sent(session, row, outcome=DEAD)
    session.flush()


def resend(session: Session, *, outgoing_id: int, actor: str, source_ip: str | None = None) -> None:
    """A supervisor sends a dead letter again: fresh attempts, the same message id and bytes."""
    row = session.get(OutgoingMessage, outgoing_id, with_for_update=True)
    if row is None:
        raise NotFound(f"There is no outgoing partner message {outgoing_id}")
    if row.status != DEAD:
        raise Conflict("Only messages that could not be delivered can be sent again")
    row.status = QUEUED
    row.attempts = 0
    row.last_error = None
    session.flush()
    _schedule(session, row, delay_seconds=0)
    audit.record(
        session,
        action="cad_partner.message_resend",
        actor=actor,
        source_ip=source_ip,
        target_type="cad_incident",
        target_id=row.incident_id,
        details={"partner": row.partner, "message_id": row.message_id},
    )
