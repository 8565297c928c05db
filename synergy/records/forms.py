"""Reading the records pages' forms into the API's schemas, with errors for the summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError

from synergy.core import form_errors
from synergy.core.form_errors import FormErrors, InvalidForm
from synergy.core.formatting import country_code
from synergy.records.schemas import Alias, ArrestIn, PersonIn

LOCAL_TIME = ZoneInfo("Europe/London")
NATIONALITY_FIELDS = ("nationality-1", "nationality-2")

Errors = list[dict[str, str]]
T = TypeVar("T")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _parts(line: str) -> list[str]:
    return [part.strip() for part in line.split(",")]


def _date(day: str, month: str, year: str, field: str = "dob-day") -> dt.date | None:
    if not (day.strip() or month.strip() or year.strip()):
        return None
    try:
        return dt.date(int(year), int(month), int(day))
    except (ValueError, OverflowError):  # "²", or a year of twenty digits
        raise FormProblem("Enter a real date, like 27 3 1990", field) from None


def _country(text: str, field: str) -> str:
    code = country_code(text)
    if code is None:
        raise FormProblem(f"'{text.strip()}' is not a country: choose one from the list", field)
    return code


class FormProblem(Exception):
    def __init__(self, text: str, field: str) -> None:
        super().__init__(text)
        self.text = text
        self.field = field


_PLAIN = {
    "missing": "Enter the {label}",
    "string_too_short": "Enter the {label}",
    "too_short": "Enter at least one {label}",
    "string_too_long": "The {label} is too long",
    "too_long": "Too many {label}",
    "string_pattern_mismatch": "Check the {label}",
}


def _validate(
    model: type[BaseModel], values: dict[str, Any], errors: FormErrors
) -> tuple[Any, Errors]:
    """The schema's object, or every problem (with ours first) in plain English."""
    try:
        found = model.model_validate(values)
    except ValidationError as exc:
        found = None
        for item in exc.errors():
            field = str(item["loc"][0]) if item["loc"] else "form"
            label = field.replace("_", " ")
            errors.add(field, _PLAIN.get(item["type"], "Check the {label}").format(label=label))
    if errors.problems:
        return None, form_errors.summary(InvalidForm(errors.problems))
    return found, []


def _read(errors: FormErrors, field: str, read: Callable[[], T]) -> T | None:
    try:
        return read()
    except FormProblem as exc:
        errors.add(exc.field, exc.text)
    except (ValidationError, ValueError, OverflowError):
        errors.add(field, FIELD_HELP[field])
    return None


FIELD_HELP = {
    "aliases": "Write each alias as: family name, given names",
    "arrested-day": "Enter the arrest date and a time like 14:30",
}


def _aliases(text: str) -> list[dict[str, str]]:
    return [
        Alias(family_name=p[0], given_names=p[1] if len(p) > 1 else "").model_dump()
        for p in map(_parts, _lines(text))
    ]


def _documents(text: str) -> list[dict[str, str]]:
    documents = []
    for parts in map(_parts, _lines(text)):
        if len(parts) != 3:
            raise FormProblem(
                "Write each identity document as: kind, number, issuing country",
                "identity_documents",
            )
        country = _country(parts[2], "identity_documents")
        documents.append({"kind": parts[0], "number": parts[1], "issuing_country": country})
    return documents


def person_from_form(form: dict[str, str]) -> tuple[PersonIn | None, Errors]:
    """The person, or every problem with the form (each linked to its field)."""
    errors = FormErrors()
    for field, label in (("family_name", "family name"), ("given_names", "given names")):
        if not form.get(field, "").strip():
            errors.add(field, f"Enter the {label}")
    dob = _read(
        errors,
        "dob-day",
        lambda: _date(form.get("dob-day", ""), form.get("dob-month", ""), form.get("dob-year", "")),
    )
    aliases = _read(errors, "aliases", lambda: _aliases(form.get("aliases", "")))
    documents = _read(
        errors, "identity_documents", lambda: _documents(form.get("identity_documents", ""))
    )
    nationalities = [
        _read(errors, name, lambda name=name: _country(form[name], name))  # type: ignore[misc]
        for name in NATIONALITY_FIELDS
        if form.get(name, "").strip()
    ]
    values = {
        "family_name": form.get("family_name", ""),
        "given_names": form.get("given_names", ""),
        "aliases": aliases or [],
        "date_of_birth": dob,
        "place_of_birth": form.get("place_of_birth", "") or None,
        "gender": form.get("gender", "") or None,
        "nationalities": sorted({code for code in nationalities if code}),
        "identity_documents": documents or [],
    }
    return _validate(PersonIn, values, errors)


def _arrest_time(form: dict[str, str]) -> dt.datetime:
    day = _date(
        form.get("arrested-day", ""),
        form.get("arrested-month", ""),
        form.get("arrested-year", ""),
        "arrested-day",
    )
    hours, minutes = (int(x) for x in form.get("arrested_time", "").split(":"))
    if day is None:
        raise ValueError("no date")
    return dt.datetime.combine(day, dt.time(hours, minutes), tzinfo=LOCAL_TIME)


def arrest_from_form(form: dict[str, str]) -> tuple[ArrestIn | None, Errors]:
    """The arrest, or every problem with the form (each linked to its field)."""
    errors = FormErrors()
    arrested_at = _read(errors, "arrested-day", lambda: _arrest_time(form))
    if arrested_at is None and "arrested-day" not in {f for f, _ in errors.problems}:
        errors.add("arrested-day", FIELD_HELP["arrested-day"])
    values = {
        "custody_number": form.get("custody_number", ""),
        "arrested_at": arrested_at or dt.datetime(2000, 1, 1, tzinfo=LOCAL_TIME),
        "offences": _lines(form.get("offences", "")),
        "arresting_officer": form.get("arresting_officer", ""),
        "station": form.get("station", ""),
        "incident_log_number": form.get("incident_log_number", "") or None,
    }
    return _validate(ArrestIn, values, errors)
