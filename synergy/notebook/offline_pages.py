"""The offline notebook: a page that keeps working without signal (see static/offline.js)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from synergy.core.web import render
from synergy.notebook.deps import Officer

router = APIRouter()


@router.get("/notebook/offline", response_class=HTMLResponse, summary="Offline notebook")
def offline(request: Request, _: Officer) -> Response:
    return render(request, "notebook/offline.html", {"title": "Offline notebook"})
