"""What callers of the command and control service pass in (kept apart from the tables)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

THRIVE_PARTS = ("threat", "harm", "risk", "investigation", "vulnerability", "engagement")


class Caller(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=40)
    email: str = Field(default="", max_length=320)


class Location(BaseModel):
    """`area` defaults to the postcode's outward code; `rural` picks the grade 1 target."""

    model_config = ConfigDict(frozen=True)

    address: str = Field(default="", max_length=300)
    postcode: str = Field(default="", max_length=10)
    latitude: float | None = None
    longitude: float | None = None
    area: str = Field(default="", max_length=60)
    rural: bool = False


class Thrive(BaseModel):
    """The THRIVE assessment: one short judgement for each of its six parts."""

    model_config = ConfigDict(frozen=True)

    threat: str = Field(default="", max_length=1000)
    harm: str = Field(default="", max_length=1000)
    risk: str = Field(default="", max_length=1000)
    investigation: str = Field(default="", max_length=1000)
    vulnerability: str = Field(default="", max_length=1000)
    engagement: str = Field(default="", max_length=1000)


class IncidentIn(BaseModel):
    """A new incident as an API client sends it."""

    caller: Caller = Caller()
    location: Location
    opening_code: str = Field(max_length=40)
    grade: int = Field(ge=1, le=4)
    remarks: str = Field(default="", max_length=10_000)
    thrive: Thrive = Thrive()
    qualifiers: list[str] = Field(default_factory=list, max_length=10)
    people: list[str] = Field(default_factory=list, max_length=20)


class IncidentChange(BaseModel):
    grade: int | None = Field(default=None, ge=1, le=4)
    opening_code: str | None = Field(default=None, max_length=40)
    location: Location | None = None
    reason: str = Field(default="", max_length=1000)


class LogEntryIn(BaseModel):
    text: str = Field(max_length=10_000)
    corrects_seq: int | None = Field(default=None, ge=1)


class CloseIn(BaseModel):
    closing_code: str = Field(max_length=40)
    reason: str = Field(default="", max_length=2000)
