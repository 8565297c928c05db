"""Receiving a partner's message: authenticate, validate, apply, answer with a receipt.

A partner's incident becomes exactly one incident here, keyed by (agency, their reference):
the first message about it opens it, whatever its type, because every message carries the
whole incident. After that a message is applied only if its Version is higher than the one
applied, so repeats and late arrivals change nothing; they are still accepted (reason
"superseded"). A repeated message id gets back the very receipt it got the first time. A
message that is valid XML but cannot be applied (say a postcode command and control refuses)
gets a reject receipt with the reason, and nothing it carried is kept.

Everything received is audited; the receipt is stored with it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from synergy.cad import service as cad
from synergy.cad.partner import messages as m
from synergy.cad.partner.models import PartnerIncident, ReceivedMessage
from synergy.cad.partner.settings import Partner, PartnerSettings
from synergy.cad.partner.signatures import is_valid
from synergy.cad.schemas import Caller, Location
from synergy.core import audit
from synergy.core.db import utcnow
from synergy.core.errors import SynergyError

# synergy.cad.models.Source.PARTNER: the source command and control records for our incidents.
log = logging.getLogger(__name__)
PARTNER_SOURCE = "partner_control_room"
XML = "application/xml"


@dataclass(frozen=True)
class Answer:
    status_code: int
    body: bytes
    media_type: str = XML


@dataclass(frozen=True)
class Applied:
    reason_code: str
    incident_id: int
    log_number: str
    version: int


def actor_for(partner: Partner) -> str:
    return f"partner:{partner.code}"


def receive_message(
    session: Session,
    settings: PartnerSettings,
    *,
    body: bytes,
    agency: str,
    timestamp: str,
    signature: str,
    source_ip: str | None = None,
) -> Answer:
    """Handle one POSTed message; the answer is what goes back over HTTP."""
    partner = settings.partner(agency)
    if partner is None or not is_valid(partner.secret_bytes(), agency, timestamp, signature, body):
        audit.record(
            session,
            action="cad_partner.message_refused",
            source_ip=source_ip,
            details={"agency": agency[:40], "why": "unknown agency or signature not valid"},
        )
        return Answer(
            401, b'{"error": "unknown agency or signature not valid"}', "application/json"
        )
    try:
        message = m.parse_incident_message(body)
    except m.MessageError as exc:
        return _refuse_unreadable(session, settings, partner, body, exc, source_ip)
    repeat = session.execute(
        select(ReceivedMessage).where(
            ReceivedMessage.agency == partner.code,
            ReceivedMessage.message_id == message.header.message_id,
        )
    ).scalar_one_or_none()
    if repeat is not None:
        return Answer(_status(repeat.outcome), repeat.receipt.encode())
    problem = _addressing_problem(settings, partner, message)
    if problem is not None:
        return _answer(session, settings, partner, message, None, problem, source_ip)
    try:
        applied = _apply_once_more_if_raced(session, settings, partner, message)
    except SynergyError as exc:  # command and control refused a value
        return _answer(
            session, settings, partner, message, None, ("invalid-message", str(exc)), source_ip
        )
    return _answer(session, settings, partner, message, applied, None, source_ip)


def _apply_once_more_if_raced(
    session: Session, settings: PartnerSettings, partner: Partner, message: m.IncidentMessage
) -> Applied:
    """Apply the message in a savepoint. If another request opened the same new incident at
    the same moment, ours loses on the unique (agency, reference) and that incident is
    committed by then, so applying again finds it. Any other conflict is a fault: it is
    raised (a 500, logged with its cause), never answered as "busy" for the partner to send
    again and again."""
    try:
        with session.begin_nested():
            return _apply(session, settings, partner, message.incident)
    except IntegrityError as exc:
        log.info(
            "message %s raced another about %s: %s",
            message.header.message_id,
            message.incident.reference,
            exc.orig,
        )
    with session.begin_nested():
        return _apply(session, settings, partner, message.incident)


def _status(outcome: str) -> int:
    return 200 if outcome == "accepted" else 422


def _addressing_problem(
    settings: PartnerSettings, partner: Partner, message: m.IncidentMessage
) -> tuple[str, str] | None:
    header, incident = message.header, message.incident
    if header.sender != partner.code:
        return "unknown-agency", f"signed by {partner.code} but sent as {header.sender}"
    if header.recipient != settings.agency_code:
        return "wrong-recipient", f"this is {settings.agency_code}, not {header.recipient}"
    if incident.originating_agency != partner.code:
        return "unknown-agency", "only the originating agency may send its incidents"
    return None


def _receipt(
    settings: PartnerSettings, partner: Partner, in_reply_to: str, **values: object
) -> bytes:
    header = m.Header.new(sender=settings.agency_code, recipient=partner.code)
    return m.build_acknowledgement(
        m.Acknowledgement(header=header, in_reply_to=in_reply_to, **values)  # type: ignore[arg-type]
    )


def _refuse_unreadable(
    session: Session,
    settings: PartnerSettings,
    partner: Partner,
    body: bytes,
    error: m.MessageError,
    source_ip: str | None,
) -> Answer:
    message_id = m.message_id_of(body)
    audit.record(
        session,
        action="cad_partner.message_rejected",
        source_ip=source_ip,
        details={
            "agency": partner.code,
            "message_id": message_id,
            "reason_code": error.code,
            "reason": error.reason[:500],
        },
    )
    if message_id is None:
        return Answer(400, b'{"error": "not a readable exchange message"}', "application/json")
    receipt = _receipt(
        settings,
        partner,
        message_id,
        outcome="rejected",
        reason_code=error.code,
        reason=error.reason,
    )
    return Answer(422, receipt)


def _answer(
    session: Session,
    settings: PartnerSettings,
    partner: Partner,
    message: m.IncidentMessage,
    applied: Applied | None,
    problem: tuple[str, str] | None,
    source_ip: str | None,
) -> Answer:
    incident = message.incident
    outcome: m.Outcome = "accepted" if applied is not None else "rejected"
    code, reason = (applied.reason_code, None) if applied is not None else problem or ("", None)
    receipt = _receipt(
        settings,
        partner,
        message.header.message_id,
        incident_reference=incident.reference,
        originating_agency=incident.originating_agency,
        outcome=outcome,
        reason_code=code,
        reason=reason,
        receiver_reference=applied.log_number if applied else None,
        applied_version=applied.version if applied else None,
    )
    row = ReceivedMessage(
        agency=partner.code,
        message_id=message.header.message_id,
        message_type=message.type,
        reference=incident.reference,
        version=incident.version,
        outcome=outcome,
        reason_code=code,
        reason=reason,
        incident_id=applied.incident_id if applied else None,
        receipt=receipt.decode(),
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        action=f"cad_partner.message_{outcome}",
        actor=actor_for(partner),
        target_type="cad_incident" if applied else None,
        target_id=applied.incident_id if applied else None,
        source_ip=source_ip,
        details={
            "agency": partner.code,
            "reference": incident.reference,
            "message_id": message.header.message_id,
            "type": message.type,
            "version": incident.version,
            "reason_code": code,
            "reason": (reason or "")[:500],
        },
    )
    return Answer(_status(outcome), receipt)


# --- applying an incident ---------------------------------------------------------------------


def _location(location: m.Location) -> Location:
    address = location.description
    if location.address and location.address not in address:
        address = f"{address}, {location.address}"
    return Location(
        address=address[:300],
        postcode=location.postcode or "",
        latitude=float(location.latitude) if location.latitude is not None else None,
        longitude=float(location.longitude) if location.longitude is not None else None,
    )


def _summary(partner: Partner, incident: m.Incident) -> str:
    kind = incident.type_code + (
        f" ({incident.type_description})" if incident.type_description else ""
    )
    return (
        f"From {partner.name} ({partner.code} {incident.reference}), their type {kind}, "
        f"opened there at {incident.opened_at:%H:%M %d/%m/%Y} UTC. {incident.summary}"
    )


def _remark_lines(remarks: Sequence[m.Remark]) -> str:
    return "\n".join(f"{r.recorded_at:%H:%M %d/%m/%Y} {r.author}: {r.text}" for r in remarks)


def _open(
    session: Session, settings: PartnerSettings, partner: Partner, incident: m.Incident
) -> PartnerIncident:
    # What the partner had logged so far opens the incident with it (one log entry, not one
    # per remark); later remarks arrive as entries of their own.
    remarks = sorted(incident.remarks, key=lambda r: r.sequence)
    text = _summary(partner, incident)
    if remarks:
        text += "\nTheir log so far:\n" + _remark_lines(remarks)
    opened = cad.open_incident(
        session,
        source=PARTNER_SOURCE,
        caller=Caller(name=f"{partner.name} control room"),
        location=_location(incident.location),
        opening_code=settings.opening_code_for(incident.type_code),
        grade=incident.priority,
        remarks=text[:10_000],
        actor=actor_for(partner),
        external_reference=incident.reference,
        originating_agency=partner.code,
    )
    link = PartnerIncident(
        agency=partner.code,
        reference=incident.reference,
        incident_id=opened.id,
        applied_version=0,
        remarks_applied=remarks[-1].sequence if remarks else 0,
        closed=False,
    )
    session.add(link)
    session.flush()
    return link


def _apply(
    session: Session, settings: PartnerSettings, partner: Partner, incident: m.Incident
) -> Applied:
    link = session.execute(
        select(PartnerIncident)
        .where(
            PartnerIncident.agency == partner.code, PartnerIncident.reference == incident.reference
        )
        .with_for_update()
    ).scalar_one_or_none()
    is_new = link is None
    if link is None:
        link = _open(session, settings, partner, incident)
    here = cad.get_incident(session, incident_id=link.incident_id)
    state = cad.incident_event_payload(here, actor=actor_for(partner), changed=[])
    if incident.version <= link.applied_version:
        return Applied("superseded", link.incident_id, state["log_number"], link.applied_version)
    actor = actor_for(partner)
    if not is_new and state["status"] == "open":
        location = _location(incident.location)
        where = state["location"]
        moved = (location.address, location.latitude, location.longitude) != (
            where["address"],
            where["latitude"],
            where["longitude"],
        )
        cad.update_incident(
            session,
            incident_id=link.incident_id,
            actor=actor,
            grade=incident.priority,
            opening_code=settings.opening_code_for(incident.type_code),
            location=location if moved else None,
            reason=f"version {incident.version} from {partner.code}",
        )
    new = sorted(
        (r for r in incident.remarks if r.sequence > link.remarks_applied), key=lambda r: r.sequence
    )
    if new:
        # One log entry per message, however many remarks it brings: the log reads as what
        # arrived when, and a long remark list does not cost a hash-chained entry each.
        cad.add_log_entry(
            session,
            incident_id=link.incident_id,
            author=f"{partner.name} ({partner.code})"[:200],
            text=_remark_lines(new),
            kind="partner_remark",
            details={"agency": partner.code, "remarks": [r.sequence for r in new]},
            publish=False,
        )
        link.remarks_applied = new[-1].sequence
    if incident.closed_at is not None and not link.closed:
        if state["status"] == "open":
            cad.close_incident(
                session,
                incident_id=link.incident_id,
                actor=actor,
                closing_code=settings.closing_code,
                reason=f"Closed by {partner.name}: {incident.closing_code}",
            )
        link.closed = True
    link.applied_version = incident.version
    link.updated_at = utcnow()
    session.flush()
    return Applied("applied", link.incident_id, state["log_number"], incident.version)
