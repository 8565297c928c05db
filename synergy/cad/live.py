"""Live board updates: a change to an incident reaches every open board once it is committed.

The service calls `note_change(session, row)` in the transaction that changed the incident.
- PostgreSQL: `pg_notify` in that transaction. PostgreSQL delivers it only if the transaction
  commits, to every connection listening on the channel, so each web process runs one listener
  thread (`Hub` starts it with the first board) and every board in every process sees it.
- SQLite (one web process): the row waits in `session.info` and is handed to this process's hub
  after the commit; a rollback drops it.

A hub fans each change out to the boards connected to this process (server-sent events). It
carries the board row itself, so a change costs no extra query per board.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from typing import Any

from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

CHANNEL = "synergy_cad_board"
_PENDING = "cad_board_changes"
# pg_notify payloads must stay under 8000 bytes; a board row is far smaller unless the
# remarks are long, so those are cut before sending.
MAX_NOTIFY_BYTES = 7000


def note_change(session: Session, row: dict[str, Any]) -> None:
    """Send `row` (a board row) to every board once the caller's transaction commits."""
    text = json.dumps(row, separators=(",", ":"), default=str)
    if len(text.encode()) > MAX_NOTIFY_BYTES:
        text = json.dumps({**row, "remarks": str(row.get("remarks", ""))[:500]}, default=str)
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        session.execute(select(func.pg_notify(CHANNEL, text)))
    else:
        session.info.setdefault(_PENDING, []).append(text)


@event.listens_for(Session, "after_commit")
def _send_after_commit(session: Session) -> None:
    pending: list[str] = session.info.pop(_PENDING, [])
    if pending:
        hub_for(session.get_bind()).publish_many(pending)


@event.listens_for(Session, "after_rollback")
def _drop_after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)


class Hub:
    """The boards connected to this process, each an asyncio queue on its own event loop."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._boards: list[tuple[asyncio.AbstractEventLoop, asyncio.Queue[str]]] = []
        self._listener: threading.Thread | None = None
        self._stop = threading.Event()
        self._listening = threading.Event()

    def subscribe(self) -> asyncio.Queue[str]:
        queue: asyncio.Queue[str] = asyncio.Queue(maxsize=10_000)
        with self._lock:
            self._boards.append((asyncio.get_running_loop(), queue))
        if self.engine.dialect.name == "postgresql":
            self._start_listener()
        return queue

    def unsubscribe(self, queue: asyncio.Queue[str]) -> None:
        with self._lock:
            self._boards = [(loop, q) for loop, q in self._boards if q is not queue]

    def board_count(self) -> int:
        with self._lock:
            return len(self._boards)

    def publish_many(self, rows: list[str]) -> None:
        """Thread-safe: queue each row for every connected board."""
        with self._lock:
            boards = list(self._boards)
        for loop, queue in boards:
            for row in rows:
                try:
                    loop.call_soon_threadsafe(_offer, queue, row)
                except RuntimeError:  # that board's event loop has closed
                    self.unsubscribe(queue)

    def _start_listener(self) -> None:
        with self._lock:
            if self._listener is not None:
                return
            self._listener = threading.Thread(
                target=self._listen, name="cad-board-listener", daemon=True
            )
            self._listener.start()

    def _keep_listening(self) -> bool:
        # With no board left the listener ends (the next board starts a new one), so a process
        # holds a LISTEN connection only while someone is watching.
        with self._lock:
            if self._boards and not self._stop.is_set():
                return True
            self._listener = None
            self._listening.clear()
            return False

    def _listen(self) -> None:
        # A dedicated connection outside the pool: LISTEN lasts as long as the connection.
        while self._keep_listening():
            try:
                self._listen_once()
            except Exception:  # the database went away: wait, then listen again
                self._listening.clear()
                log.warning("board listener lost its connection; retrying", exc_info=True)
                self._stop.wait(1.0)

    def _listen_once(self) -> None:
        import psycopg

        url = self.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f"LISTEN {CHANNEL}")
            self._listening.set()
            while self.board_count() and not self._stop.is_set():
                for notice in connection.notifies(timeout=1.0):
                    self.publish_many([notice.payload])

    def wait_until_listening(self, timeout: float) -> bool:
        """True once changes from every process reach this one (at once on SQLite)."""
        if self.engine.dialect.name != "postgresql":
            return True
        return self._listening.wait(timeout)

    def stop(self) -> None:
        self._stop.set()


def _offer(queue: asyncio.Queue[str], row: str) -> None:
    if queue.full():  # a board that stopped reading loses old rows, not the process's memory
        queue.get_nowait()
    queue.put_nowait(row)


_hubs: dict[str, Hub] = {}
_hubs_lock = threading.Lock()


def hub_for(bind: Any) -> Hub:
    """The one hub for this process and database."""
    engine: Engine = bind.engine if hasattr(bind, "engine") else bind
    key = engine.url.render_as_string(hide_password=True)
    with _hubs_lock:
        hub = _hubs.get(key)
        if hub is None:
            hub = _hubs[key] = Hub(engine)
        return hub
