"""The offline notebook: a page that keeps working without signal (see static/offline.js).
It writes the same entries as the online page: note, sketch, signature and photo."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from synergy.core.web import render
from synergy.notebook.deps import ContextDep, Officer
from synergy.notebook.forms import CANVAS_HEIGHT, CANVAS_WIDTH, SIGNATURE_HEIGHT
from synergy.notebook.permissions import LOCATION_ALLOWED

router = APIRouter()


@router.get("/notebook/offline", response_class=HTMLResponse, summary="Offline notebook")
def offline(request: Request, context: ContextDep, _: Officer) -> Response:
    response = render(
        request,
        "notebook/offline.html",
        {
            "title": "Offline notebook",
            "max_photo_bytes": context.settings.max_photo_bytes,
            "canvas": {
                "width": CANVAS_WIDTH,
                "height": CANVAS_HEIGHT,
                "signature": SIGNATURE_HEIGHT,
            },
        },
    )
    # Positioning works without signal; only a ticked box adds it (the browser asks first).
    response.headers["Permissions-Policy"] = LOCATION_ALLOWED
    return response
