"""What every SIP endpoint of ours shares: one UDP socket, requests handed to a subclass,
responses matched to the transaction waiting for them, and non-INVITE requests retransmitted
(RFC 3261 17.1.2) until a final response comes.

`SipUserAgent` (answering the 101 line) and `AgentDialer` (calling the agent queue for a
browser caller) are both built on it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import cast

from synergy.contact.voice.telephony.sipmessage import (
    SipMessage,
    SipParseError,
    parse_message,
    response_to,
)

log = logging.getLogger(__name__)

T1 = 0.5  # RFC 3261 retransmission timer
MAX_RETRANSMITS = 6
USER_AGENT = "Synergy-101/0.1"


def _log_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("SIP request failed", exc_info=task.exception())


class SipEndpoint(asyncio.DatagramProtocol):
    def __init__(self) -> None:
        self.transport: asyncio.DatagramTransport | None = None
        self.port = 0
        self._pending: dict[tuple[str, int, str], asyncio.Future[SipMessage]] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    async def bind(self, host: str, port: int) -> int:
        loop = asyncio.get_running_loop()
        await loop.create_datagram_endpoint(lambda: self, local_addr=(host, port))
        assert self.transport is not None
        self.port = self.transport.get_extra_info("sockname")[1]
        return self.port

    def close_endpoint(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self.transport is not None:
            self.transport.close()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.DatagramTransport, transport)

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        if data.strip() == b"":
            return  # keep-alive
        try:
            message = parse_message(data)
        except SipParseError as exc:
            # Debug only: a flood of junk must not flood the log as well.
            log.debug("ignored unreadable SIP from %s: %s", addr, exc)
            return
        if message.is_request:
            self._spawn(self._request(message, addr))
        else:
            self._response(message)

    async def _request(self, request: SipMessage, addr: tuple[str, int]) -> None:
        raise NotImplementedError

    def _response(self, response: SipMessage) -> None:
        """A response: completes the transaction waiting for it, if it is final."""
        key = (response.call_id, response.cseq[0], response.cseq[1])
        future = self._pending.get(key)
        if future is not None and not future.done() and response.status >= 200:
            future.set_result(response)

    def _spawn(self, work: object) -> None:
        task = asyncio.ensure_future(work)  # type: ignore[call-overload]
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(_log_failure)

    def _send(self, message: SipMessage, addr: tuple[str, int]) -> None:
        if self.transport is not None:
            self.transport.sendto(message.encode(), addr)

    def _reply(self, request: SipMessage, addr: tuple[str, int], status: int, reason: str,
               **kwargs: object) -> SipMessage:  # fmt: skip
        response = response_to(request, status, reason, **kwargs)  # type: ignore[arg-type]
        response.headers.append(("User-Agent", USER_AGENT))
        self._send(response, addr)
        return response

    async def _transact(self, request: SipMessage, addr: tuple[str, int]) -> SipMessage | None:
        """Send with retransmission; the final response, or None after about 8 s."""
        key = (request.call_id, request.cseq[0], request.cseq[1])
        future: asyncio.Future[SipMessage] = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        interval = T1
        try:
            for _ in range(MAX_RETRANSMITS):
                self._send(request, addr)
                try:
                    return await asyncio.wait_for(asyncio.shield(future), interval)
                except TimeoutError:
                    interval = min(interval * 2, 4.0)
            return None
        finally:
            self._pending.pop(key, None)
