"""How `synergy run` serves the app: uvicorn on httptools and uvloop, with a larger body buffer,
from one process or from several that each listen on their own SO_REUSEPORT socket and keep
their shares of the open connections even.

uvicorn stops reading a connection as soon as 64 KiB of request body wait for the app, and
starts again when the app takes them. For a large upload that means stopping and restarting
the socket for every read (about every 256 KiB on Linux), which more than doubled the server's
CPU per byte of a tus PATCH (bench/evidence_upload.py). `BufferedHttpToolsProtocol` lets up to
`BODY_BUFFER` bytes wait instead: memory per connection stays bounded, and it is the same flow
control, only with a larger high-water mark.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.process
import os
import signal
import socket
import threading
import time
from typing import Any

import uvicorn
from uvicorn.importer import import_from_string
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from synergy.core.memory import settle_for_serving

BODY_BUFFER = 2 << 20  # bytes of request body a connection holds before reading pauses
QUICK_DEATH_SECONDS = 10.0  # a web process that ends sooner than this after starting...
QUICK_DEATHS_ALLOWED = 3  # ...this many times in a row stops the server
SHUTDOWN_SECONDS = 30.0  # a web process's time to finish its requests after SIGTERM

logger = logging.getLogger(__name__)


class ConnectionShares:
    """How many connections each web process holds, in memory the processes share.

    The kernel gives each new connection to a process by a hash of its addresses, so a few
    long-lived keep-alive connections are seldom shared evenly: 20 clients were split 13 to 7
    between two processes, and the 13 waited about twice as long for every answer. A process
    holding more than an even share answers its next request on a connection with "Connection:
    close"; the client connects again and the kernel places it afresh, until the shares are
    even. Each process writes only its own count; a read of the others' that is a moment old
    does no harm."""

    def __init__(self, counts: Any, index: int) -> None:
        self.counts = counts
        self.index = index

    def opened(self) -> None:
        self.counts[self.index] += 1

    def closed(self) -> None:
        self.counts[self.index] -= 1

    def over_share(self) -> bool:
        processes = len(self.counts)
        if processes < 2:
            return False
        even = -(-sum(self.counts) // processes)  # rounded up
        return bool(self.counts[self.index] > even)


_shares: ConnectionShares | None = None  # set in each web process of several


class BufferedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, pausing reads at `BODY_BUFFER` bytes instead of 64 KiB,
    and, in one of several web processes, keeping its share of the connections even."""

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)
        if _shares is not None:
            _shares.opened()

    def connection_lost(self, exc: Exception | None) -> None:
        if _shares is not None:
            _shares.closed()
        super().connection_lost(exc)

    def on_headers_complete(self) -> None:
        super().on_headers_complete()
        if _shares is not None and self.cycle is not None and _shares.over_share():
            self.cycle.keep_alive = False  # answered with "Connection: close"

    def on_body(self, body: bytes) -> None:
        cycle = self.cycle
        if cycle.response_complete or (self.parser.should_upgrade() and self._should_upgrade()):
            return
        cycle.body += body
        if len(cycle.body) > BODY_BUFFER:
            self.flow.pause_reading()
        cycle.message_event.set()


def server_options() -> dict[str, Any]:
    """Keyword arguments for `uvicorn.run`/`uvicorn.Config` shared by every way we serve."""
    return {"http": BufferedHttpToolsProtocol}


class PortInUse(RuntimeError):
    """The address `synergy run` was asked to listen on is taken."""


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def claim_port(host: str, port: int) -> int:
    """Check that nothing listens on `host:port` (port 0: pick a free one) and return the port.

    The check binds without SO_REUSEPORT, so it fails while any socket holds the port, including
    the processes of another `synergy run`: without it a second server on the same port would
    silently share its connections with the first.
    """
    with socket.socket(_family(host)) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise PortInUse(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        return int(probe.getsockname()[1])


def reuse_port_socket(host: str, port: int) -> socket.socket:
    """A socket bound to `host:port` with SO_REUSEPORT, one per web process.

    Each process listens on its own socket and the kernel spreads new connections among them.
    With one socket shared by every process, the first process to wake takes every connection
    waiting (asyncio accepts up to the backlog at a time), so a burst of keep-alive clients can
    all land on one process while the others stay idle.
    """
    sock = socket.socket(_family(host))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def _serve_one(app_factory: str, options: dict[str, Any], counts: Any, index: int) -> None:
    """One web process: its own listening socket, its own app built by the factory."""
    global _shares
    counts[index] = 0  # a process started again holds nothing yet
    _shares = ConnectionShares(counts, index)
    sock = reuse_port_socket(options["host"], options["port"])
    app = import_from_string(app_factory)()
    settle_for_serving()
    uvicorn.Server(uvicorn.Config(app, **options)).run(sockets=[sock])


def serve_in_processes(
    app_factory: str, *, processes: int, host: str, port: int, **options: Any
) -> int:
    """Serve `app_factory` ("module:function") from `processes` processes until SIGINT or
    SIGTERM, restarting a process that dies. Returns the exit status for the command.

    A process that keeps dying within seconds of starting (a broken configuration, say) stops
    the whole server rather than being restarted for ever.
    """
    port = claim_port(host, port)
    config = dict(host=host, port=port, **options)
    spawn = multiprocessing.get_context("spawn")
    stopping = threading.Event()
    counts = spawn.RawArray("i", processes)  # connections held by each web process

    def start(index: int) -> multiprocessing.process.BaseProcess:
        child = spawn.Process(
            target=_serve_one, args=(app_factory, config, counts, index), name="synergy-web"
        )
        child.start()
        return child

    previous = {
        number: signal.signal(number, lambda *_: stopping.set())
        for number in (signal.SIGINT, signal.SIGTERM)
    }
    children = [start(index) for index in range(processes)]
    started = [time.monotonic()] * processes
    quick_deaths = 0
    status = 0
    try:
        while not stopping.wait(0.5):
            for index, child in enumerate(children):
                if child.is_alive():
                    continue
                lived = time.monotonic() - started[index]
                quick_deaths = quick_deaths + 1 if lived < QUICK_DEATH_SECONDS else 0
                logger.warning(
                    "web process %s ended (exit %s) after %.0f s", child.pid, child.exitcode, lived
                )
                if quick_deaths >= QUICK_DEATHS_ALLOWED:
                    logger.error("web processes keep ending as they start: stopping the server")
                    status = 1
                    stopping.set()
                    break
                children[index] = start(index)
                started[index] = time.monotonic()
    finally:
        for child in children:
            if child.is_alive() and child.pid is not None:
                os.kill(child.pid, signal.SIGTERM)
        for child in children:
            child.join(SHUTDOWN_SECONDS)
            if child.is_alive():
                child.kill()
                child.join()
        for number, handler in previous.items():
            signal.signal(number, handler)
    return status
