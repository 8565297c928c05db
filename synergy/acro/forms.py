"""Reading the "fill in the missing details" form of an ACRO request."""

from __future__ import annotations

from typing import Any


def completion_values(missing_fields: list[str], form: dict[str, str]) -> dict[str, Any]:
    """The values typed for a request's missing fields: nationalities as a list of codes,
    offences one a line, other fields as text; blank fields are left out."""
    values: dict[str, Any] = {}
    for name in missing_fields:
        text = form.get(name, "").strip()
        if name == "nationalities":
            values[name] = [c.strip().upper() for c in text.split(",") if c.strip()]
        elif name == "offences":
            values[name] = [line.strip() for line in text.splitlines() if line.strip()]
        elif text:
            values[name] = text
    return values
