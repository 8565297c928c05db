"""The data the international exchange permits us to send, and nothing else.

`ExchangeRequest` is the whole message: the gateway client sends only a validated
`ExchangeRequest`, and the simulator refuses any message with other fields. `from_arrest_event`
picks the permitted fields out of a `records.arrest_recorded` payload by name, so a field
added to that payload later is never sent by accident.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

CRIMINAL_PROCEEDINGS = "criminal_proceedings"
OTHER_LAWFUL_PURPOSE = "other_lawful_purpose"
PURPOSES = {
    CRIMINAL_PROCEEDINGS: "Criminal proceedings",
    OTHER_LAWFUL_PURPOSE: "Another lawful purpose",
}

# What must be present before a request may be sent, with the words the work queue shows.
REQUIRED_FIELDS = {
    "family_name": "Family name",
    "given_names": "Given names",
    "date_of_birth": "Date of birth",
    "place_of_birth": "Place of birth",
    "nationalities": "Nationalities",
    "offences": "Offences",
    "arrest_date": "Arrest date",
    "custody_reference": "Custody reference",
    "purpose": "Purpose",
    "requesting_force": "Requesting force",
    "requesting_officer": "Requesting officer",
}


class Name(BaseModel):
    model_config = ConfigDict(extra="forbid")
    family_name: str = Field(max_length=100)
    given_names: str = Field(default="", max_length=200)


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: str = Field(max_length=40)
    number: str = Field(max_length=60)
    issuing_country: str = Field(pattern=r"^[A-Z]{2}$")


class ExchangeRequest(BaseModel):
    """The message sent to ACRO. Every field here is one the exchange permits."""

    model_config = ConfigDict(extra="forbid")

    family_name: str = Field(min_length=1, max_length=100)
    given_names: str = Field(min_length=1, max_length=200)
    aliases: list[Name] = Field(default_factory=list)
    date_of_birth: dt.date
    place_of_birth: str = Field(min_length=1, max_length=200)
    nationalities: list[str] = Field(min_length=1)
    identity_documents: list[Document] = Field(default_factory=list)
    offences: list[str] = Field(min_length=1)
    arrest_date: dt.date
    custody_reference: str = Field(min_length=1, max_length=40)
    purpose: Literal["criminal_proceedings", "other_lawful_purpose"]
    purpose_detail: str | None = Field(default=None, max_length=500)
    requesting_force: str = Field(min_length=1, max_length=100)
    requesting_officer: str = Field(min_length=1, max_length=100)


PERMITTED_FIELDS_IN_ORDER = tuple(ExchangeRequest.model_fields)
PERMITTED_FIELDS = frozenset(PERMITTED_FIELDS_IN_ORDER)


def from_arrest_event(
    event: dict[str, Any], *, purpose: str, requesting_force: str
) -> dict[str, Any]:
    """The permitted fields of an arrest, as JSON values; missing ones are None or empty."""
    person = event.get("person") or {}
    arrested_at = dt.datetime.fromisoformat(event["arrested_at"])
    return {
        "family_name": person.get("family_name") or None,
        "given_names": person.get("given_names") or None,
        "aliases": [
            {"family_name": a.get("family_name", ""), "given_names": a.get("given_names", "")}
            for a in person.get("aliases") or []
        ],
        "date_of_birth": person.get("date_of_birth") or None,
        "place_of_birth": person.get("place_of_birth") or None,
        "nationalities": sorted(set(person.get("nationalities") or [])),
        "identity_documents": [
            {"kind": d["kind"], "number": d["number"], "issuing_country": d["issuing_country"]}
            for d in person.get("identity_documents") or []
        ],
        "offences": list(event.get("offences") or []),
        "arrest_date": arrested_at.date().isoformat(),
        "custody_reference": event.get("custody_number") or None,
        "purpose": purpose,
        "purpose_detail": None,
        "requesting_force": requesting_force or None,
        "requesting_officer": event.get("arresting_officer") or None,
    }


def missing_fields(payload: dict[str, Any]) -> list[str]:
    """The required fields that are empty, in the order the work queue lists them."""
    return [name for name in REQUIRED_FIELDS if payload.get(name) in (None, "", [])]


def checked_value(name: str, value: Any) -> Any:
    """One field's value as the message needs it (JSON form), so that nothing of the wrong
    type is stored to break the request later; ValueError names the field in plain words."""
    field = ExchangeRequest.model_fields[name]
    annotation: Any = (
        Annotated[field.annotation, *field.metadata] if field.metadata else field.annotation
    )
    adapter: TypeAdapter[Any] = TypeAdapter(annotation)
    try:
        return adapter.dump_python(adapter.validate_python(value), mode="json")
    except ValidationError:
        label = REQUIRED_FIELDS.get(name, name.replace("_", " ").capitalize())
        raise ValueError(f"{label}: not in the right form") from None


def exchange_message(payload: dict[str, Any]) -> dict[str, Any]:
    """Validate a complete payload and return exactly the JSON that is sent.

    Raises `MessageProblem`, whose text is plain English (never the validation library's)."""
    try:
        return ExchangeRequest.model_validate(payload).model_dump(mode="json")
    except ValidationError as exc:
        raise MessageProblem(_problems(exc)) from None


class MessageProblem(ValueError):
    """A payload the exchange would refuse; `problems` is (field, plain-English text) pairs."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(text for _, text in problems))
        self.problems = problems


_LABELS = {**REQUIRED_FIELDS, "aliases": "Other names", "identity_documents": "Identity documents"}
_LABELS["purpose_detail"] = "Which lawful purpose"


def _problem_text(label: str, kind: str, context: dict[str, Any]) -> str:
    if kind in ("missing", "too_short"):
        return f"{label} must be filled in"
    if kind == "string_too_long":
        return f"{label} must be {context.get('max_length')} characters or fewer"
    if kind.startswith("date"):
        return f"{label} must be a real date, like 27/03/1990"
    if kind == "string_pattern_mismatch":
        return f"{label}: use two-letter country codes, like RO for Romania"
    if kind == "literal_error":
        return f"{label}: choose one of the options"
    return f"{label} is not in a form ACRO accepts"


def _problems(exc: ValidationError) -> list[tuple[str, str]]:
    problems = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else "form"
        label = _LABELS.get(field, field.replace("_", " ").capitalize())
        text = _problem_text(label, error["type"], dict(error.get("ctx") or {}))
        if (field, text) not in problems:
            problems.append((field, text))
    return problems
