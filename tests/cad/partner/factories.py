"""Exchange messages for tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

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
