"""Live pages: server-sent events saying "something changed", and the pieces pages fetch then.

Each stream holds no database session: every `POLL_SECONDS` it opens a short read-only session
to compute a fingerprint of what its page shows (the queue, or one conversation), and sends
`changed` when that differs. The page says which fingerprint it was drawn from (`?since=`, and on
a reconnect the browser's `Last-Event-ID`), so a change made between drawing the page and the
stream starting is still sent. Reading the database rather than an in-process hub means a change
made by any web process reaches every page, on SQLite and PostgreSQL alike. A stream ends after
`STREAM_SECONDS` and the browser reconnects (`retry`), so no connection lives for ever.

Without JavaScript nothing here is used: the pages have a refresh link and work by reloading.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path as FilePath

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response, StreamingResponse
from sqlalchemy.orm import Session, sessionmaker

from synergy.contact import service
from synergy.contact.deps import CallId, Visitor
from synergy.contact.desk import queue
from synergy.contact.desk.deps import DeskStaff
from synergy.contact.pages import CHAT_COOKIE
from synergy.core.deps import SessionDep, SettingsDep
from synergy.core.security import token_digest

router = APIRouter()
STATIC = FilePath(__file__).resolve().parent / "static"
POLL_SECONDS = 2.0
STREAM_SECONDS = 300.0
MAX_FINGERPRINT = 100
HEADERS = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}


async def changes(
    fingerprint: Callable[[], Awaitable[str | None]],
    *,
    is_disconnected: Callable[[], Awaitable[bool]],
    since: str | None = None,
    poll_seconds: float = POLL_SECONDS,
    stream_seconds: float = STREAM_SECONDS,
) -> AsyncIterator[str]:
    """Server-sent events: `changed` each time `fingerprint()` differs from the last one seen,
    starting from `since` (what the page shows) when given; the stream ends when the page goes,
    when what it watches is gone (None), or after `stream_seconds`. Each event's id is the
    fingerprint, so a reconnecting browser says what it last saw."""
    last = await fingerprint()
    yield f"retry: 3000\nid: {last or ''}\n: connected\n\n"
    if since and since != last:
        yield f"event: changed\nid: {last or ''}\ndata: {last or 'gone'}\n\n"
    waited = 0.0
    while waited < stream_seconds and last is not None:
        await asyncio.sleep(poll_seconds)
        waited += poll_seconds
        if await is_disconnected():
            return
        now = await fingerprint()
        if now != last:
            last = now
            yield f"event: changed\nid: {now or ''}\ndata: {now or 'gone'}\n\n"
        else:
            yield ": still here\n\n"


def _reader(
    factory: sessionmaker[Session], read: Callable[[Session], str | None]
) -> Callable[[], Awaitable[str | None]]:
    def once() -> str | None:
        with factory() as session:
            return read(session)

    async def fingerprint() -> str | None:
        return await asyncio.to_thread(once)

    return fingerprint


def _since(request: Request) -> str | None:
    """The fingerprint the page was drawn from, or the last one this browser was sent."""
    given = request.query_params.get("since") or request.headers.get("last-event-id") or ""
    return given[:MAX_FINGERPRINT] if given.isascii() and given.isprintable() else None


def _stream(request: Request, read: Callable[[Session], str | None]) -> StreamingResponse:
    fingerprint = _reader(request.app.state.session_factory, read)
    events = changes(fingerprint, is_disconnected=request.is_disconnected, since=_since(request))
    return StreamingResponse(events, media_type="text/event-stream", headers=HEADERS)


@router.get("/contact/queue/events", summary="Live queue changes (server-sent events)")
def queue_events(request: Request, _: DeskStaff) -> Response:
    return _stream(request, queue.fingerprint)


@router.get(
    "/contact/calls/{call_id}/events", summary="Live changes to a call (server-sent events)"
)
def call_events(request: Request, db: SessionDep, user: DeskStaff, call_id: CallId) -> Response:
    service.view_call(db, call_id=call_id, actor=user.username, source_ip=None)  # access check
    return _stream(request, lambda session: service.call_fingerprint(session, call_id=call_id))


@router.get("/contact-us/chat/events", summary="Web chat: live changes (server-sent events)")
def chat_events(request: Request, _: Visitor) -> Response:
    digest = token_digest(request.cookies.get(CHAT_COOKIE, "")[: service.MAX_TOKEN_LENGTH])
    return _stream(request, lambda session: service.chat_fingerprint(session, digest=digest))


@router.get("/contact-us/live.js", summary="Script that keeps the chat and queue pages current")
def live_script(_: Visitor, settings: SettingsDep) -> Response:
    return FileResponse(
        STATIC / "live.js",
        media_type="text/javascript",
        headers={"Cache-Control": "public, max-age=300"},
    )
