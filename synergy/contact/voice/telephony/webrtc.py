"""Browser calls ("call 101 online") over WebRTC, answered on the server with aiortc.

The page sends an SDP offer (with all its ICE candidates); `WebRTCGateway.answer` returns the
answer and from then on the call runs like a telephone call through a `VoiceSession`: the
caller's Opus audio is decoded, mixed to mono and resampled to 16 kHz for recognition, and the
reply audio is paced out in 20 ms frames. A data channel carries captions of both sides and
the page's "speak to a person" button (key 0). A caller who is handed over is put through to
the agent queue by SIP (`agentbridge.py`) when a transfer address is configured.
"""

from __future__ import annotations

import asyncio
import fractions
import ipaddress
import json
import logging
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from synergy.contact.voice.assistant import BUTTON_HINT
from synergy.contact.voice.audio import resample
from synergy.contact.voice.session import (
    SILENT_CALLER,
    SILENT_CALLER_TEXT,
    VoiceServices,
    VoiceSession,
    watch_line,
)
from synergy.contact.voice.telephony.agentbridge import AgentBridge
from synergy.contact.voice.telephony.sipconfig import SipConfig
from synergy.contact.voice.telephony.sipdial import AgentDialer, AgentOutcome

log = logging.getLogger(__name__)

WEB_RATE = 48000
FRAME_SAMPLES = 960  # 20 ms at 48 kHz
ASR_RATE = 16000


class TooManyCalls(RuntimeError):
    """No line for this call: all are busy, or this visitor or address has its share open.
    The message is for the caller."""


ALL_BUSY = "All our lines are busy. Please try again shortly, or call 101."
VISITOR_BUSY = "You already have a call open. End that call before starting another."
ADDRESS_BUSY = (
    "Too many calls are open from your network at the moment. Please try again shortly, "
    "or call 101."
)


class UnusableOffer(ValueError):
    """The browser's offer could not be negotiated; its call slot has been freed."""


def _require_aiortc() -> Any:
    try:
        import aiortc
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError(
            "Browser calls need the voice extra: pip install 'synergy[voice]' (aiortc)",
            name=exc.name,
        ) from exc
    return aiortc


def offer_host_addresses(addresses: list[str]) -> None:
    """Offer exactly these ICE host addresses (aioice leaves out 127.0.0.1 by default,
    which a machine answering only on loopback needs)."""
    import aioice.ice

    chosen = list(addresses)
    aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: chosen


def keep_candidates(sdp: str, addresses: list[str]) -> str:
    """The offer with only the ICE candidates on our own networks (e.g. loopback only)."""
    networks = [ipaddress.ip_network(address) for address in addresses]
    lines = []
    for line in sdp.splitlines():
        if line.startswith("a=candidate:"):
            parts = line.split()
            try:
                address = ipaddress.ip_address(parts[4])
            except (IndexError, ValueError):
                continue  # mDNS names and junk
            if not any(address in network for network in networks):
                continue
        lines.append(line)
    return "\r\n".join(lines) + "\r\n"


def _reply_track_class() -> type:
    aiortc = _require_aiortc()
    import av

    class ReplyTrack(aiortc.MediaStreamTrack):  # type: ignore[misc,name-defined]
        """What the caller hears (the assistant, then the agent): one 20 ms frame per call
        to `recv`, silence when quiet."""

        kind = "audio"

        def __init__(self, source: Callable[[int], bytes | None]) -> None:
            super().__init__()
            self.source = source
            self._start: float | None = None
            self._timestamp = 0

        async def recv(self) -> Any:
            if self._start is None:
                self._start = time.monotonic()
            else:
                self._timestamp += FRAME_SAMPLES
                wait = self._start + self._timestamp / WEB_RATE - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
            pcm = self.source(FRAME_SAMPLES) or bytes(2 * FRAME_SAMPLES)
            samples = np.frombuffer(pcm, dtype="<i2").reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(samples, format="s16", layout="mono")
            frame.sample_rate = WEB_RATE
            frame.pts = self._timestamp
            frame.time_base = fractions.Fraction(1, WEB_RATE)
            return frame

    return ReplyTrack


def to_mono_16k(frame: Any) -> bytes:
    """An aiortc audio frame (any layout and rate) as 16 kHz mono 16-bit PCM."""
    samples = frame.to_ndarray()
    channels = len(frame.layout.channels)
    if frame.format.is_planar:
        mono = samples.astype(np.float32).mean(axis=0)
    else:
        mono = samples.reshape(-1, channels).astype(np.float32).mean(axis=1)
    if frame.format.name.startswith("flt"):
        mono = mono * 32767
    pcm = np.clip(mono, -32768, 32767).astype("<i2").tobytes()
    return resample(pcm, frame.sample_rate, ASR_RATE)


class BrowserCall:
    def __init__(
        self, gateway: WebRTCGateway, pc: Any, source: str | None, visitor: str | None = None
    ) -> None:
        self.gateway = gateway
        self.pc = pc
        self.source = source
        self.visitor = visitor
        self.connected = asyncio.Event()
        self.last_frame_at = time.monotonic()  # the caller's audio, for the media timeout
        self.ended_because = ""
        self.session = VoiceSession(
            gateway.services, line_rate=WEB_RATE, source=source, hint=BUTTON_HINT
        )
        self.session.on_event = self._event
        self.channel: Any = None
        self.bridge: AgentBridge | None = None
        self._putting_through: asyncio.Future[AgentOutcome] | None = None
        self._events: list[dict[str, Any]] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self.closed = asyncio.Event()

    def _event(self, event: dict[str, Any]) -> None:
        self._events.append(event)
        self._flush()

    def _flush(self) -> None:
        if self.channel is None or self.channel.readyState != "open":
            return
        while self._events:
            self.channel.send(json.dumps(self._events.pop(0)))

    def spawn(self, work: Any) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def listen(self, track: Any) -> None:
        from aiortc.mediastreams import MediaStreamError

        while True:
            try:
                frame = await track.recv()
            except MediaStreamError:
                break
            self.last_frame_at = time.monotonic()
            pcm = to_mono_16k(frame)
            if not self.session.finished.is_set():
                await self.session.hear(pcm, ASR_RATE)
            elif self.bridge is not None:
                self.bridge.hear(pcm, ASR_RATE)
        await self.close()

    def reply_audio(self, samples: int) -> bytes | None:
        """The assistant's words; while put through, the ringing tone, then the agent's voice."""
        played = self.session.playback.read(samples)
        if played is None and self.bridge is not None:
            return self.bridge.caller_audio(samples)
        return played

    async def watch(self, connect_seconds: float) -> None:
        """The call's life: connect within `connect_seconds` or free the line; talk to the
        assistant; then, if handed over, be put through. Throughout, a line nobody uses
        (no audio at all, a silent caller, the longest call) is ended."""
        try:
            await asyncio.wait_for(self.connected.wait(), connect_seconds)
        except TimeoutError:
            self.ended_because = "never connected"
            log.info("browser call from %s never connected; line freed", self.source)
            await self.close()
            return
        await self.session.start()  # stores the call and starts the greeting
        self.last_frame_at = time.monotonic()
        line = asyncio.ensure_future(watch_line(self.session, lambda: self.last_frame_at))
        rest = asyncio.ensure_future(self._after_greeting())
        try:
            await asyncio.wait({line, rest}, return_when=asyncio.FIRST_COMPLETED)
            if line.done():
                self.ended_because = line.result()
                log.info("browser call from %s ended: %s", self.source, self.ended_because)
                if self.ended_because == SILENT_CALLER:
                    await self.session.say(SILENT_CALLER_TEXT)
                    await self.session.play_out(limit=20.0)
                    self._event({"event": "ended"})
                    await asyncio.sleep(0.5)
        finally:
            line.cancel()
            if not rest.done():
                rest.cancel()
        await self.close()

    async def _after_greeting(self) -> None:
        """Once the assistant has finished and its last words have played: close, or put a
        handed-over caller through to a person and stay until one side hangs up."""
        await self.session.finished.wait()
        await self._play_out()
        if self.session.log.handover is not None:
            self.bridge = AgentBridge(self.gateway.dialer, self.session, self._event,
                                      caller_rate=WEB_RATE)  # fmt: skip
            # Not one of this call's tasks: if the caller hangs up while the agent's phone
            # rings, it must still CANCEL and record what happened.
            self._putting_through = asyncio.ensure_future(self.bridge.put_through())
            outcome = await asyncio.shield(self._putting_through)
            if outcome is AgentOutcome.CONNECTED:
                await self.bridge.wait_for_agent_to_leave()
                if not self.closed.is_set():
                    self._event({"event": "agent", "state": "ended"})
            await self._play_out()
            self._event({"event": "ended"})
        await asyncio.sleep(0.5)

    async def _play_out(self) -> None:
        for _ in range(1200):
            if not self.session.playback.playing:
                break
            await asyncio.sleep(0.05)

    def on_message(self, message: Any) -> None:
        try:
            data = json.loads(message)
        except (TypeError, ValueError):
            return
        key = data.get("key") if isinstance(data, dict) else None
        if isinstance(key, str) and len(key) == 1 and key in "0123456789*#":
            self.spawn(self.session.key(key))

    async def close(self) -> None:
        if self.closed.is_set():
            return
        self.closed.set()
        self.gateway.calls.discard(self)
        for task in list(self._tasks):
            if task is not asyncio.current_task():
                task.cancel()
        if self.bridge is not None:
            await self.bridge.hang_up()
        if self._putting_through is not None:
            await asyncio.wait({self._putting_through}, timeout=15.0)  # CANCEL, then record
        await self.session.close()
        await self.pc.close()


class WebRTCGateway:
    """All browser calls on this server; share one `VoiceServices`."""

    def __init__(
        self,
        services: VoiceServices,
        *,
        addresses: list[str] | None = None,
        max_calls: int = 10,
        per_visitor: int = 1,
        per_address: int = 3,
        connect_seconds: float = 10.0,
        sip: SipConfig | None = None,
    ) -> None:
        _require_aiortc()
        self.services = services
        # Handed-over callers are put through to the agent queue, when there is one.
        self.dialer = AgentDialer(sip) if sip is not None and sip.transfer_uri else None
        self.addresses = addresses or []
        self.max_calls = max_calls
        self.per_visitor = per_visitor
        self.per_address = per_address
        self.connect_seconds = connect_seconds
        self.calls: set[BrowserCall] = set()
        if self.addresses:
            offer_host_addresses(self.addresses)

    def check_line_free(self, source: str | None, visitor: str | None) -> None:
        """TooManyCalls unless this visitor and address may open another line, and one is free.
        Per visitor first, so one visitor cannot use up their neighbours' share."""
        if visitor and sum(call.visitor == visitor for call in self.calls) >= self.per_visitor:
            raise TooManyCalls(VISITOR_BUSY)
        if source and sum(call.source == source for call in self.calls) >= self.per_address:
            raise TooManyCalls(ADDRESS_BUSY)
        if len(self.calls) >= self.max_calls:
            raise TooManyCalls(ALL_BUSY)

    async def answer(
        self, offer_sdp: str, *, source: str | None = None, visitor: str | None = None
    ) -> tuple[BrowserCall, str]:
        from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription

        self.check_line_free(source, visitor)
        if self.addresses:
            offer_sdp = keep_candidates(offer_sdp, self.addresses)
        pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        call = BrowserCall(self, pc, source, visitor)
        self.calls.add(call)
        pc.addTrack(_reply_track_class()(call.reply_audio))

        @pc.on("track")
        def on_track(track: Any) -> None:
            if track.kind == "audio":
                call.spawn(call.listen(track))

        @pc.on("datachannel")
        def on_datachannel(channel: Any) -> None:
            call.channel = channel
            channel.on("message", call.on_message)
            channel.on("open", call._flush)
            call._flush()

        @pc.on("connectionstatechange")
        async def on_state() -> None:
            if pc.connectionState == "connected":
                call.connected.set()
            elif pc.connectionState in ("failed", "closed"):
                await call.close()

        try:
            await pc.setRemoteDescription(RTCSessionDescription(sdp=offer_sdp, type="offer"))
            await pc.setLocalDescription(await pc.createAnswer())
        except (ValueError, KeyError, IndexError) as exc:
            await call.close()
            raise UnusableOffer(str(exc) or type(exc).__name__) from None
        call.spawn(call.watch(self.connect_seconds))
        return call, pc.localDescription.sdp

    async def close(self) -> None:
        for call in list(self.calls):
            await call.close()
        if self.dialer is not None:
            self.dialer.close()
