"""The notebook's scripts and styles, the offline app's service worker and manifest.

Served by routes rather than the platform's static mount so that the service worker can
live at /notebook/sw.js: a worker controls only pages under its own folder.
"""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import FileResponse, Response

from synergy.core.deps import public
from synergy.core.errors import NotFound

router = APIRouter()
STATIC = FilePath(__file__).resolve().parent / "static"
Anyone = public("scripts and styles, no data")
TYPES = {".js": "text/javascript", ".css": "text/css"}


@router.get("/notebook/assets/{name}", summary="Notebook scripts and styles", dependencies=[Anyone])
def asset(name: Annotated[str, Path(pattern=r"^[a-z-]+\.(js|css)$")]) -> Response:
    path = STATIC / name
    if not path.is_file():
        raise NotFound("No such file")
    return FileResponse(path, media_type=TYPES[path.suffix], headers={"Cache-Control": "no-cache"})


@router.get("/notebook/sw.js", summary="Offline notebook service worker", dependencies=[Anyone])
def service_worker() -> Response:
    return FileResponse(
        STATIC / "sw.js",
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/notebook/"},
    )


@router.get(
    "/notebook/manifest.webmanifest", summary="Offline notebook manifest", dependencies=[Anyone]
)
def manifest() -> Response:
    return FileResponse(STATIC / "manifest.webmanifest", media_type="application/manifest+json")
