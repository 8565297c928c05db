"""What the ACRO JSON API returns (kept apart from the tables)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict


class AcroRequestOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    arrest_id: int
    person_id: int
    custody_number: str
    status: str
    purpose: str
    missing_fields: list[str]
    attempts: int
    last_error: str | None
    created_at: dt.datetime
    accepted_at: dt.datetime | None
    reply_due: dt.date | None
    overdue: bool = False
    acro_reference: str | None
    outcome: str | None
    minutes_saved: int


class CompletionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    values: dict[str, Any] = {}
    purpose: str | None = None
    purpose_detail: str | None = None


class CallbackAnswer(BaseModel):
    stored: bool
