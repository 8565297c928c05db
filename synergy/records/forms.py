"""Reading the records pages' forms into the API's schemas, with errors for the summary."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError

from synergy.core.formatting import country_code
from synergy.records.schemas import Alias, ArrestIn, PersonIn

LOCAL_TIME = ZoneInfo("Europe/London")
NATIONALITY_FIELDS = ("nationality-1", "nationality-2")

Errors = list[dict[str, str]]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _parts(line: str) -> list[str]:
    return [part.strip() for part in line.split(",")]


def _date(day: str, month: str, year: str) -> dt.date | None:
    if not (day.strip() or month.strip() or year.strip()):
        return None
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise FormProblem("Enter a real date, like 27 3 1990", "dob-day") from None


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


def _validate(model: type[BaseModel], values: dict[str, Any]) -> tuple[Any, Errors]:
    try:
        return model.model_validate(values), []
    except ValidationError as exc:
        errors = []
        for item in exc.errors():
            field = str(item["loc"][0]) if item["loc"] else "form"
            label = field.replace("_", " ").capitalize()
            errors.append({"text": f"{label}: {item['msg']}", "href": f"#{field}"})
        return None, errors


def person_from_form(form: dict[str, str]) -> tuple[PersonIn | None, Errors]:
    try:
        dob = _date(form.get("dob-day", ""), form.get("dob-month", ""), form.get("dob-year", ""))
        aliases = [
            Alias(family_name=p[0], given_names=p[1] if len(p) > 1 else "")
            for p in map(_parts, _lines(form.get("aliases", "")))
        ]
        documents = []
        for parts in map(_parts, _lines(form.get("identity_documents", ""))):
            if len(parts) != 3:
                raise FormProblem(
                    "Write each identity document as: kind, number, issuing country code",
                    "identity_documents",
                )
            documents.append(
                {
                    "kind": parts[0],
                    "number": parts[1],
                    "issuing_country": _country(parts[2], "identity_documents"),
                }
            )
        nationalities = [
            _country(form[name], name) for name in NATIONALITY_FIELDS if form.get(name, "").strip()
        ]
    except (FormProblem, ValidationError) as exc:
        if isinstance(exc, FormProblem):
            return None, [{"text": exc.text, "href": f"#{exc.field}"}]
        return None, [{"text": "Write each alias as: family name, given names", "href": "#aliases"}]
    values = {
        "family_name": form.get("family_name", ""),
        "given_names": form.get("given_names", ""),
        "aliases": [a.model_dump() for a in aliases],
        "date_of_birth": dob,
        "place_of_birth": form.get("place_of_birth", "") or None,
        "gender": form.get("gender", "") or None,
        "nationalities": sorted(set(nationalities)),
        "identity_documents": documents,
    }
    return _validate(PersonIn, values)


def arrest_from_form(form: dict[str, str]) -> tuple[ArrestIn | None, Errors]:
    try:
        day = _date(
            form.get("arrested-day", ""),
            form.get("arrested-month", ""),
            form.get("arrested-year", ""),
        )
        hours, minutes = (int(x) for x in form.get("arrested_time", "").split(":"))
        if day is None:
            raise ValueError
        arrested_at = dt.datetime.combine(day, dt.time(hours, minutes), tzinfo=LOCAL_TIME)
    except (ValueError, FormProblem):
        return None, [
            {"text": "Enter the arrest date and a time like 14:30", "href": "#arrested-day"}
        ]
    values = {
        "custody_number": form.get("custody_number", ""),
        "arrested_at": arrested_at,
        "offences": _lines(form.get("offences", "")),
        "arresting_officer": form.get("arresting_officer", ""),
        "station": form.get("station", ""),
    }
    return _validate(ArrestIn, values)
