"""What the records API accepts and returns (kept apart from the tables)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Name = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]
Stripped = Annotated[str, StringConstraints(strip_whitespace=True)]
CountryCode = Annotated[
    str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{2}$")
]


class PersonCheck(BaseModel):
    """A check another service holds about a person, shown on the person's page (ACRO's
    overseas conviction requests); `url` is that service's page for it."""

    custody_number: str
    status: str
    result: str
    url: str


class Alias(BaseModel):
    family_name: Name
    given_names: Name = ""


class IdentityDocument(BaseModel):
    kind: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
    number: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    issuing_country: CountryCode


class PersonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    family_name: Name
    given_names: Name
    aliases: list[Alias] = Field(default_factory=list, max_length=20)
    date_of_birth: dt.date | None = None
    place_of_birth: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None
    ) = None
    gender: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None = None
    nationalities: list[CountryCode] = Field(default_factory=list, max_length=10)
    identity_documents: list[IdentityDocument] = Field(default_factory=list, max_length=20)


class PersonOut(PersonIn):
    model_config = ConfigDict(from_attributes=True)

    id: int
    created_at: dt.datetime


class ArrestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    custody_number: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)]
    arrested_at: dt.datetime
    offences: list[Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]] = (
        Field(min_length=1, max_length=30)
    )
    arresting_officer: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]
    station: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]
    incident_log_number: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None
    ) = None


class ArrestOut(ArrestIn):
    model_config = ConfigDict(from_attributes=True)

    incident_log_number: str | None = Field(
        default=None, description="The incident the arrest came from, when the officer gave it"
    )

    id: int
    person_id: int
    recorded_at: dt.datetime


class VehicleIn(BaseModel):
    """A vehicle to find or add: the registration in any spacing; details may be blank.
    Lengths are checked by `record_vehicle()`, which says which field is too long."""

    model_config = ConfigDict(extra="forbid")

    registration: Stripped
    make: Stripped = ""
    model: Stripped = ""
    colour: Stripped = ""


class VehicleOut(VehicleIn):
    model_config = ConfigDict(from_attributes=True)

    id: int
    created_at: dt.datetime


class PlaceIn(BaseModel):
    """A place to find or add: the address, the postcode, or both."""

    model_config = ConfigDict(extra="forbid")

    address: Stripped = ""
    postcode: Stripped = ""


class PlaceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    address: str
    postcode: str | None
    created_at: dt.datetime


class SubjectLink(BaseModel):
    """Something another service holds that names a person, vehicle or place (a notebook
    entry), listed on its records page: a reference, who made the link, and when (UK time)."""

    reference: str
    linked_by: str
    linked_at: str
