"""What a records officer reads for a request's message: each permitted field in plain English.

The payload is kept as the exchange's JSON; this turns it into label and text pairs (names,
country names, UK dates, purposes) so that no page shows raw JSON or internal codes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from synergy.acro import exchange
from synergy.core.formatting import country_name, date_text

# The optional fields: left out when empty rather than called missing.
_OPTIONAL = {"aliases": "Other names", "identity_documents": "Identity documents"}
_DATES = {"date_of_birth", "arrest_date"}


def _name(name: dict[str, Any]) -> str:
    return " ".join(p for p in (name.get("given_names"), name.get("family_name")) if p)


def _document(doc: dict[str, Any]) -> str:
    return f"{doc.get('kind', '').capitalize()} {doc.get('number', '')}, issued by " + country_name(
        str(doc.get("issuing_country", ""))
    )


def _date(value: Any) -> str:
    try:
        return date_text(dt.date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def value_lines(name: str, value: Any) -> list[str]:
    """The lines that show one field's value; an empty list when it has none."""
    if value in (None, "", []):
        return []
    if name in _DATES:
        return [_date(value)]
    if name == "nationalities":
        return [country_name(str(code)) for code in value]
    if name == "aliases":
        return [_name(alias) for alias in value]
    if name == "identity_documents":
        return [_document(doc) for doc in value]
    if name == "purpose":
        return [exchange.PURPOSES.get(str(value), str(value))]
    if isinstance(value, list):
        return [str(item) for item in value]
    return [str(value)]


def payload_rows(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Label and lines for every field the message carries, 'Missing' only for required ones."""
    rows: list[dict[str, Any]] = []
    for name in exchange.PERMITTED_FIELDS_IN_ORDER:
        lines = value_lines(name, payload.get(name))
        if name == "purpose_detail":
            if lines:
                rows.append({"label": "Which lawful purpose", "lines": lines})
            continue
        if name in _OPTIONAL:
            rows.append({"label": _OPTIONAL[name], "lines": lines or ["None recorded"]})
            continue
        label = exchange.REQUIRED_FIELDS.get(name, name.replace("_", " ").capitalize())
        rows.append({"label": label, "lines": lines, "missing": not lines})
    return rows


def conviction_text(conviction: dict[str, Any]) -> str:
    """'Romania, 4 May 2019: theft (fine)' from one conviction in a reply."""
    where = country_name(str(conviction.get("country") or "")) or "Country not given"
    when = _date(conviction.get("date")) if conviction.get("date") else "date not given"
    sentence = f" ({conviction['sentence']})" if conviction.get("sentence") else ""
    return f"{where}, {when}: {conviction.get('offence') or 'offence not given'}{sentence}"
