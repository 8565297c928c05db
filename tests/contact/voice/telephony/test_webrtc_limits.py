"""The browser voice line cannot be held by one visitor: offers that never connect free their
line within seconds, each visitor and each address has a share of the lines, and lines whose
caller went silent or disappeared are freed. The server runs as in production (uvicorn); the
callers are aiortc peer connections, real WebRTC stacks, driven over HTTP."""

from __future__ import annotations

import asyncio
import re
import time

import httpx
import pytest

from synergy.contact.voice.session import LineLimits
from tests.browser.conftest import LiveServer

from ..conftest import ScriptedRecognizer, ToneSynthesizer, make_services

pytestmark = pytest.mark.slow
aiortc = pytest.importorskip("aiortc")

OFFERS = "/api/contact/voice/offers"


def _serve(app, session_factory, run, *, line=None, **limits):  # type: ignore[no-untyped-def]
    from synergy.contact.voice.telephony.webrtc import WebRTCGateway

    services = make_services(session_factory, ScriptedRecognizer(""), ToneSynthesizer())
    services.line = line or LineLimits()
    gateway = WebRTCGateway(services, addresses=["127.0.0.1"], **limits)
    app.state.voice_gateway = gateway
    server = LiveServer()
    server.start()
    try:
        with server.serving(app) as url:
            try:
                asyncio.run(asyncio.wait_for(run(url, gateway), 120))
            finally:
                server._run(gateway.close())
    finally:
        server.stop()
        services.worker.stop()


class Visitor:
    """One browser: its cookie and page token, calling from `address` (as a proxy says)."""

    def __init__(self, url: str, address: str) -> None:
        self.http = httpx.AsyncClient(base_url=url, timeout=30,
                                      headers={"X-Forwarded-For": address})  # fmt: skip
        self.token = ""
        self.peers: list[object] = []

    async def open_page(self) -> None:
        page = await self.http.get("/contact/call-online")
        match = re.search(r'data-csrf-token="([^"]+)"', page.text)
        assert match is not None
        self.token = match.group(1)

    async def offer(self, track=None):  # type: ignore[no-untyped-def]
        """POST a real WebRTC offer; the response and the peer connection that made it."""
        pc = aiortc.RTCPeerConnection(aiortc.RTCConfiguration(iceServers=[]))
        self.peers.append(pc)
        pc.addTrack(track or aiortc.mediastreams.AudioStreamTrack())
        pc.createDataChannel("events")
        await pc.setLocalDescription(await pc.createOffer())
        response = await self.http.post(OFFERS, json={"sdp": pc.localDescription.sdp,
                                                      "type": "offer"},
                                        headers={"X-CSRF-Token": self.token})  # fmt: skip
        return response, pc

    async def close(self) -> None:
        for pc in self.peers:
            await pc.close()  # type: ignore[attr-defined]
        await self.http.aclose()


async def _until(condition, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


def test_one_visitor_cannot_hold_the_lines_and_a_real_caller_still_gets_through(
    app, session_factory
):
    async def run(url, gateway):  # type: ignore[no-untyped-def]
        attacker = Visitor(url, "203.0.113.9")
        await attacker.open_page()
        first, _ = await attacker.offer()  # an offer whose answer is never used
        assert first.status_code == 200
        again, _ = await attacker.offer()
        assert again.status_code == 429 and "already have a call open" in again.text
        statuses = []
        for _ in range(3):  # a fresh cookie each time, from the same address
            attacker.http.cookies.clear()
            await attacker.open_page()
            response, _ = await attacker.offer()
            statuses.append(response.status_code)
        assert statuses == [200, 200, 429] and "from your network" in response.text
        accomplice = Visitor(url, "203.0.113.10")
        await accomplice.open_page()
        assert (await accomplice.offer())[0].status_code == 200
        caller = Visitor(url, "198.51.100.7")
        await caller.open_page()
        busy, _ = await caller.offer()  # all 4 lines taken, for now
        assert busy.status_code == 429 and "All our lines are busy" in busy.text
        await _until(lambda: not gateway.calls, timeout=30)  # never connected: freed
        response, pc = await caller.offer()
        assert response.status_code == 200
        await pc.setRemoteDescription(aiortc.RTCSessionDescription(**response.json()))
        await _until(lambda: pc.connectionState == "connected")
        await _until(lambda: any(call.session.assistant.token for call in list(gateway.calls)))
        for visitor in (attacker, accomplice, caller):
            await visitor.close()

    _serve(app, session_factory, run, max_calls=4, per_visitor=1, per_address=3,
           connect_seconds=3.0)  # fmt: skip


class StopsSending(aiortc.mediastreams.AudioStreamTrack):  # type: ignore[misc]
    """A microphone that works for a second, then nothing more arrives: the caller's
    computer went to sleep or lost its network."""

    def __init__(self) -> None:
        super().__init__()
        self.started = time.monotonic()

    async def recv(self):  # type: ignore[no-untyped-def]
        if time.monotonic() - self.started > 1.0:
            await asyncio.Event().wait()
        return await super().recv()


@pytest.mark.parametrize(("track", "why"), [
    (aiortc.mediastreams.AudioStreamTrack, "the caller said nothing"),
    (StopsSending, "no audio from the caller"),
])  # fmt: skip
def test_a_line_whose_caller_went_silent_or_disappeared_is_freed(app, session_factory, track, why):
    async def run(url, gateway):  # type: ignore[no-untyped-def]
        caller = Visitor(url, "198.51.100.8")
        await caller.open_page()
        response, pc = await caller.offer(track())
        assert response.status_code == 200
        await pc.setRemoteDescription(aiortc.RTCSessionDescription(**response.json()))
        await _until(lambda: pc.connectionState == "connected")
        call = next(iter(list(gateway.calls)))
        await _until(lambda: not gateway.calls, timeout=60)
        assert call.ended_because == why
        if why == "the caller said nothing":
            assert "I cannot hear anything" in call.session.log.spoken[-1]
        await caller.close()

    _serve(app, session_factory, run, line=LineLimits(media_seconds=3.0, silent_seconds=3.0))
