"""Reading the command and control forms into the service's inputs, with errors for the page."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from synergy.cad.schemas import Caller, IncidentIn, Location, Thrive
from synergy.core.formatting import whole_number

Errors = list[dict[str, str]]
_FIELD_FOR = {"location": "address", "caller": "caller_name", "thrive": "threat"}
_MESSAGES = {
    "grade": "Choose a grade from 1 (emergency) to 4",
    "opening_code": "Choose a classification from the list",
}


def _errors(exc: ValidationError) -> Errors:
    found = []
    for error in exc.errors():
        where = [str(part) for part in error["loc"]]
        field = where[-1] if where else "address"
        if where and where[0] in _FIELD_FOR and field in ("location", "caller", "thrive"):
            field = _FIELD_FOR[where[0]]
        if field == "name" and where[:1] == ["caller"]:
            field = "caller_name"
        if field == "phone" and where[:1] == ["caller"]:
            field = "caller_phone"
        text = _MESSAGES.get(field, f"Check {field.replace('_', ' ')}: {error['msg']}")
        found.append({"text": text, "href": f"#{field}"})
    return found


def incident_from_form(form: dict[str, str]) -> tuple[IncidentIn | None, Errors]:
    grade = form.get("grade", "")
    data: dict[str, Any] = {
        "caller": Caller(name=form.get("caller_name", ""), phone=form.get("caller_phone", "")),
        "location": {
            "address": form.get("address", ""),
            "postcode": form.get("postcode", ""),
            "area": form.get("area", ""),
            "rural": form.get("rural") == "yes",
        },
        "opening_code": form.get("opening_code", ""),
        "grade": whole_number(grade) or 0,
        "remarks": form.get("remarks", ""),
        "thrive": {part: form.get(part, "") for part in Thrive.model_fields},
        "qualifiers": [q for q in form.get("qualifiers", "").split(",") if q],
        "people": [line for line in form.get("people", "").splitlines() if line.strip()],
    }
    try:
        return IncidentIn.model_validate(data), []
    except ValidationError as exc:
        return None, _errors(exc)


def location_from_form(form: dict[str, str]) -> Location:
    return Location(
        address=form.get("address", "")[:300],
        postcode=form.get("postcode", "")[:10],
        area=form.get("area", "")[:60],
        rural=form.get("rural") == "yes",
    )


def one_error(message: str, field: str | None, default: str) -> Errors:
    return [{"text": message, "href": f"#{field or default}"}]
