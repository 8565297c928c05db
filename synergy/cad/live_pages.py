"""The board's live feed (server-sent events) and its script and styles.

The feed holds no database session: the access check's session closes before the stream
starts, and each change arrives already rendered as a board row (see synergy/cad/live.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import FileResponse, Response, StreamingResponse

from synergy.cad.deps import Controller, IncidentReader
from synergy.cad.live import hub_for
from synergy.core.errors import InvalidRequest, NotFound

router = APIRouter(prefix="/cad")
STATIC = FilePath(__file__).resolve().parent / "static"
ASSETS = {"board.js": "text/javascript", "cad.css": "text/css"}
KEEPALIVE_SECONDS = 15.0
LISTEN_WAIT_SECONDS = 5.0


@router.get("/board/events", summary="Live board changes (server-sent events)")
async def board_events(request: Request, _: Controller) -> Response:
    if request.query_params:
        # The stream takes no options; refusing them keeps a mistyped address from hanging.
        raise InvalidRequest("The board's event stream takes no query parameters")
    hub = hub_for(request.app.state.engine)
    queue = hub.subscribe()

    async def stream() -> AsyncIterator[str]:
        try:
            # Say "connected" only once changes made anywhere will reach this board.
            await asyncio.to_thread(hub.wait_until_listening, LISTEN_WAIT_SECONDS)
            yield "retry: 2000\n: connected\n\n"
            while True:
                try:
                    row = await asyncio.wait_for(queue.get(), timeout=KEEPALIVE_SECONDS)
                except TimeoutError:
                    if await request.is_disconnected():
                        return
                    yield ": keep-alive\n\n"
                    continue
                yield f"event: incident\ndata: {row}\n\n"
        finally:
            hub.unsubscribe(queue)

    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)


@router.get("/assets/{name}", summary="Script and styles for the command and control pages")
def asset(_: IncidentReader, name: Annotated[str, Path(max_length=40)]) -> Response:
    if name not in ASSETS:
        raise NotFound("No such file")
    return FileResponse(
        STATIC / name, media_type=ASSETS[name], headers={"Cache-Control": "private, max-age=300"}
    )
