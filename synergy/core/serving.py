"""How `synergy run` serves the app: uvicorn on httptools and uvloop, with a larger body buffer.

uvicorn stops reading a connection as soon as 64 KiB of request body wait for the app, and
starts again when the app takes them. For a large upload that means stopping and restarting
the socket for every read (about every 256 KiB on Linux), which more than doubled the server's
CPU per byte of a tus PATCH (bench/evidence_upload.py). `BufferedHttpToolsProtocol` lets up to
`BODY_BUFFER` bytes wait instead: memory per connection stays bounded, and it is the same flow
control, only with a larger high-water mark.
"""

from __future__ import annotations

from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

BODY_BUFFER = 2 << 20  # bytes of request body a connection holds before reading pauses


class BufferedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, pausing reads at `BODY_BUFFER` bytes instead of 64 KiB."""

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
