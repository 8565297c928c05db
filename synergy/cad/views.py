"""What the incident pages and API show of an incident, gathered in one place.

Showing an incident shows its caller's details, so every call here writes an audit record
(`cad.caller_details_viewed`) naming who looked.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.cad import board, codes, resources
from synergy.cad import log as incident_log
from synergy.cad.clocks import age_text, is_overdue, target_at
from synergy.cad.models import ArrestRecord, Incident, Source, Unit, UnitStatus
from synergy.cad.settings import cad_settings
from synergy.core import audit
from synergy.core.db import utcnow
from synergy.core.principal import Principal as CurrentUser
from synergy.core.roles import Role


def source_for(user: CurrentUser) -> str:
    """Where a hand-raised incident came from, by the role of the person raising it."""
    if user.has_any(frozenset({Role.CONTROLLER, Role.SUPERVISOR})):
        return Source.CONTROLLER
    if Role.CONTACT_AGENT in user.roles:
        return Source.CONTACT_AGENT
    return Source.OFFICER


def audit_caller_read(
    session: Session, incident: Incident, actor: str, source_ip: str | None
) -> None:
    audit.record(
        session,
        action="cad.caller_details_viewed",
        actor=actor,
        target_type="cad_incident",
        target_id=incident.id,
        source_ip=source_ip,
        details={"log_number": incident.log_number},
    )


def incident_context(
    session: Session, incident: Incident, user: CurrentUser, *, source_ip: str | None
) -> dict[str, Any]:
    audit_caller_read(session, incident, user.username, source_ip)
    now, settings = utcnow(), cad_settings()
    entries = incident_log.entries(session, incident.id)
    open_incidents = board.open_incidents(session) if incident.status == "open" else []
    duplicates = board.possible_duplicates(open_incidents, settings).get(incident.id, [])
    on_it = session.execute(select(Unit).where(Unit.incident_id == incident.id)).scalars()
    return {
        "title": f"Incident {incident.log_number}",
        "incident": incident,
        "classification": codes.label_of(incident.opening_code),
        "closing": codes.label_of(incident.closing_code),
        "entries": entries,
        "corrected": {e.corrects_seq for e in entries if e.corrects_seq},
        "check": incident_log.verify_log(session, incident.id),
        "target": target_at(incident, settings),
        "overdue": is_overdue(incident, settings, now),
        "age": age_text(incident.opened_at, now),
        "units_on": list(on_it),
        "available_units": [
            u for u in resources.units(session) if u.status == UnitStatus.AVAILABLE
        ],
        "previous": board.previous_at_address(session, incident),
        "duplicates": duplicates,
        "links": board.links(session, incident.id),
        "arrests": list(
            session.execute(
                select(ArrestRecord).where(ArrestRecord.incident_id == incident.id)
            ).scalars()
        ),
        "can_run_board": user.has_any(frozenset({Role.CONTROLLER, Role.SUPERVISOR})),
        "can_see_transcript": user.has_any(frozenset({Role.CONTACT_AGENT, Role.SUPERVISOR})),
        "user": user,
    }
