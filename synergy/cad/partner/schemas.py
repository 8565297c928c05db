"""What the partner exchange's JSON API returns (kept apart from the tables)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict


class OutgoingOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    message_id: str
    partner: str
    incident_id: int
    reference: str
    version: int
    message_type: str
    status: str
    attempts: int
    last_error: str | None
    reason_code: str | None
    reason: str | None
    receiver_reference: str | None
    created_at: dt.datetime
    answered_at: dt.datetime | None


class ReceivedOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    agency: str
    message_id: str
    message_type: str
    reference: str
    version: int
    outcome: str
    reason_code: str
    reason: str | None
    incident_id: int | None
    received_at: dt.datetime
