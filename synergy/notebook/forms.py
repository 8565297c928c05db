"""Reading the notebook's HTML forms into entry content, with errors for the summary.

Sketch and signature strokes arrive as JSON from the drawing script (a hidden field); a
drawing without its description (or a signature without a typed name) is refused, so every
mark has words beside it.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

from starlette.datastructures import FormData, UploadFile

from synergy.core.db import utcnow
from synergy.core.errors import InvalidRequest
from synergy.notebook.schemas import photo_media_type
from synergy.notebook.service import content_from

# Request bodies the notebook accepts: an entry with the largest photo the settings allow
# (20 MB) and its drawings; an upload from the offline app carries photos as base64 (a third
# larger), and the app sends about 6 MB of entries a request, or one larger entry alone.
ENTRY_FORM_LIMIT = 24 << 20
SYNC_UPLOAD_LIMIT = 32 << 20

CANVAS_WIDTH = 600
CANVAS_HEIGHT = 300
SIGNATURE_HEIGHT = 150


def _strokes(form: FormData, name: str) -> list[Any]:
    raw = form.get(name)
    if not isinstance(raw, str) or not raw.strip():
        return []
    try:
        strokes = json.loads(raw)
    except json.JSONDecodeError:
        raise InvalidRequest("The drawing could not be read; draw it again", field=name) from None
    if not isinstance(strokes, list):
        raise InvalidRequest("The drawing could not be read; draw it again", field=name)
    return strokes


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def device_time_from(form: FormData) -> dt.datetime:
    """The device's clock as the page's script read it; the server's when there is none."""
    raw = _text(form, "device_time")
    if not raw:
        return utcnow()
    try:
        when = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidRequest("The device time could not be read", field="text") from None
    if when.tzinfo is None:
        raise InvalidRequest("The device time has no time zone", field="text")
    return when


def _sketch(form: FormData) -> dict[str, Any] | None:
    strokes, description = _strokes(form, "sketch_strokes"), _text(form, "sketch_description")
    if not strokes and not description:
        return None
    if not description:
        raise InvalidRequest("Describe the sketch in words", field="sketch_description")
    drawing = {"width": CANVAS_WIDTH, "height": CANVAS_HEIGHT, "strokes": strokes}
    return {"description": description, "drawing": drawing}


def _signature(form: FormData) -> list[dict[str, Any]]:
    strokes, name = _strokes(form, "signature_strokes"), _text(form, "signature_name")
    if not strokes and not name:
        return []
    if not name:
        raise InvalidRequest("Type the name of the person signing", field="signature_name")
    drawing = (
        {"width": CANVAS_WIDTH, "height": SIGNATURE_HEIGHT, "strokes": strokes} if strokes else None
    )
    return [{"role": _text(form, "signature_role") or "officer", "name": name, "drawing": drawing}]


async def _photos(form: FormData, max_bytes: int) -> list[dict[str, str]]:
    upload = form.get("photo")
    if not isinstance(upload, UploadFile) or not upload.filename:
        if _text(form, "photo_description"):
            raise InvalidRequest("Choose the photo to go with its description", field="photo")
        return []
    data = await upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InvalidRequest(
            f"The photo must be smaller than {max_bytes // 1_000_000} MB", field="photo"
        )
    media_type = photo_media_type(data)
    if media_type is None:
        raise InvalidRequest("The photo must be a JPEG or PNG picture", field="photo")
    description = _text(form, "photo_description")
    if not description:
        raise InvalidRequest("Describe the photo in words", field="photo_description")
    return [
        {
            "media_type": media_type,
            "data": base64.b64encode(data).decode(),
            "description": description,
        }
    ]


def _location(form: FormData) -> dict[str, float] | None:
    latitude, longitude = _text(form, "latitude"), _text(form, "longitude")
    if not latitude or not longitude:
        return None
    try:
        return {"latitude": float(latitude), "longitude": float(longitude)}
    except ValueError:
        raise InvalidRequest("The location could not be read", field="text") from None


async def entry_values(form: FormData, *, max_photo_bytes: int) -> dict[str, Any]:
    return {
        "text": _text(form, "text"),
        "sketch": _sketch(form),
        "signatures": _signature(form),
        "photos": await _photos(form, max_photo_bytes),
        "location": _location(form),
    }


async def content_from_form(form: FormData, *, max_photo_bytes: int) -> Any:
    return content_from(await entry_values(form, max_photo_bytes=max_photo_bytes))
