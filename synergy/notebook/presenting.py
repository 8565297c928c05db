"""How an entry is shown: UK local time on the 24-hour clock, linked and escaped text,
drawings with their words beside them."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from synergy.notebook.drawing import svg
from synergy.notebook.links import linkify
from synergy.notebook.service import DEVICE_CLOCK_TOLERANCE, EntryView
from synergy.notebook.settings import NotebookSettings

UK_TIME = ZoneInfo("Europe/London")


def uk_time(when: dt.datetime) -> str:
    """'3 December 2026, 14:05' in UK local time (GMT or BST)."""
    local = when.astimezone(UK_TIME)
    return f"{local.day} {local:%B %Y}, {local:%H:%M}"


def entry_context(view: EntryView, settings: NotebookSettings) -> dict[str, Any]:
    content = view.content
    values: dict[str, Any] = {
        "seq": view.seq,
        "reference": view.reference,
        "device_time": uk_time(view.device_time),
        "server_time": uk_time(view.server_time),
        "from_device": view.from_device,
        "clock_ahead": view.device_time > view.server_time + DEVICE_CLOCK_TOLERANCE,
        "corrects_seq": view.corrects_seq,
        "corrected_by": view.corrected_by,
        "struck": view.struck_through,
        "entry_hash": view.entry_hash,
        "incidents": view.incidents,
        "disposed": content is None,
    }
    if content is None:
        return values
    values.update(
        text_html=linkify(content.text, map_url_template=settings.map_url_template),
        reason=content.correction_reason,
        sketch=(
            {"svg": svg(content.sketch.drawing), "description": content.sketch.description}
            if content.sketch
            else None
        ),
        signatures=[
            {"svg": svg(s.drawing) if s.drawing else None, "name": s.name, "role": s.role.value}
            for s in content.signatures
        ],
        photos=[
            {"src": f"data:{p.media_type};base64,{p.data}", "description": p.description}
            for p in content.photos
        ],
        location=content.location,
    )
    return values
