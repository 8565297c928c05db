"""Small helpers templates call to show times and codes the same way on every page."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse

from synergy.cad import codes
from synergy.core.web import render

UK_TIME = ZoneInfo("Europe/London")


def hhmm(moment: dt.datetime | None) -> str:
    """'14:05' today (UK time), '14:05 on 2 Dec' on another day."""
    if moment is None:
        return ""
    local = moment.astimezone(UK_TIME)
    today = dt.datetime.now(UK_TIME).date()
    return f"{local:%H:%M}" if local.date() == today else f"{local:%H:%M} on {local.day} {local:%b}"


def full_time(moment: dt.datetime | None) -> str:
    return "" if moment is None else f"{moment.astimezone(UK_TIME):%d/%m/%Y %H:%M:%S}"


HELPERS: dict[str, Any] = {"hhmm": hhmm, "full_time": full_time, "label": codes.label_of}


def page(
    request: Request, template: str, context: dict[str, Any], *, status_code: int = 200
) -> HTMLResponse:
    """`render` with the helpers above available to the template."""
    return render(request, template, {**HELPERS, **context}, status_code=status_code)
