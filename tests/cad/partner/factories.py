"""Exchange messages for tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from synergy.cad import service as cad
from synergy.cad.partner import messages as m

OPENED = dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC)


def incident(reference: str = "SIMFS/000123", version: int = 1, **changes: object) -> m.Incident:
    remarks = tuple(
        m.Remark(n, OPENED + dt.timedelta(minutes=n), "Fire control", f"Remark {n}")
        for n in range(1, version + 1)
    )
    values: dict[str, object] = {
        "reference": reference,
        "originating_agency": "SIMFS",
        "version": version,
        "opened_at": OPENED,
        "type_code": "RTC",
        "type_description": "Road traffic collision",
        "priority": 1,
        "summary": "Two cars in collision, one on its roof; police needed for traffic",
        "location": m.Location(
            "A38 Bristol Road near Priory Road",
            address="Bristol Road, Birmingham",
            postcode="B5 7SA",
            latitude=Decimal("52.459"),
            longitude=Decimal("-1.919"),
        ),
        "remarks": remarks,
    }
    values.update(changes)
    return m.Incident(**values)  # type: ignore[arg-type]


def message_bytes(
    kind: m.MessageType = "create",
    *,
    sender: str = "SIMFS",
    recipient: str = "WMP",
    message_id: str | None = None,
    **incident_changes: object,
) -> bytes:
    header = m.Header.new(sender=sender, recipient=recipient)
    if message_id is not None:
        header = m.Header(message_id, header.sent_at, sender, recipient)
    return m.build_incident_message(m.IncidentMessage(header, kind, incident(**incident_changes)))


def partner_log_lines(db: Session, incident_id: int) -> list[str]:
    """The partner's remarks as they stand on our log ('HH:MM date author: text'): those it had
    when the incident reached us open it, later ones are entries of their own."""
    lines: list[str] = []
    for entry in cad.incident_entries(db, incident_id=incident_id):
        if entry.kind == "opened" and "Their log so far:\n" in entry.text:
            lines += entry.text.split("Their log so far:\n", 1)[1].splitlines()
        elif entry.kind == "partner_remark":
            lines += entry.text.splitlines()
    return lines
