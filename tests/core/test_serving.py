"""The server `synergy run` starts: request bodies arrive whole and in order, and a client that
sends faster than the app takes the bytes never makes a connection hold more than about
BODY_BUFFER of them."""

from __future__ import annotations

import asyncio
import hashlib
import os
import socket
import threading
import time
from typing import Any

import uvicorn

from synergy.core.serving import BODY_BUFFER, server_options

SIZE = 24 << 20
READ_SLACK = 1 << 20  # one socket read can land on top of a full buffer


class StallingApp:
    """Takes the first piece of the body, waits a second (a slow disk), then reads the rest."""

    def __init__(self) -> None:
        self.sizes: list[int] = []
        self.digest = hashlib.sha256()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while (message := await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        more = True
        while more:
            message = await receive()
            body = message.get("body", b"")
            self.sizes.append(len(body))
            self.digest.update(body)
            more = message.get("more_body", False)
            if len(self.sizes) == 1:
                await asyncio.sleep(1.0)
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_fast_client_is_held_back_at_the_body_buffer_and_every_byte_arrives() -> None:
    app = StallingApp()
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, **server_options())
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    body = os.urandom(SIZE)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=60) as client:
            client.sendall(
                b"PUT /upload HTTP/1.1\r\nHost: test\r\nContent-Length: %d\r\n\r\n" % SIZE
            )
            client.sendall(body)
            reply = client.recv(1024)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
    assert reply.startswith(b"HTTP/1.1 204")
    assert sum(app.sizes) == SIZE
    assert app.digest.digest() == hashlib.sha256(body).digest()
    # While the app stalled, reading paused once about BODY_BUFFER bytes were waiting.
    assert max(app.sizes) <= BODY_BUFFER + READ_SLACK
    assert max(app.sizes) > 64 << 10  # more than uvicorn's own 64 KiB mark was let in
