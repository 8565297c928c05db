"""RTP for one call (RFC 3550): G.711 audio both ways, telephone-events (RFC 4733) in.

`RtpStream` receives on its own UDP port, decodes audio to 16-bit PCM for the call and turns
telephone-events into key presses (each key once, however many packets repeat it). Its sender
sends one 20 ms packet every 20 ms, of reply audio or of silence, keeping the clock steady.
"""

from __future__ import annotations

import asyncio
import random
import struct
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import cast

from synergy.contact.voice.telephony.dtmf import parse_telephone_event
from synergy.contact.voice.telephony.g711 import G711

PACKET_MS = 20
SAMPLES_PER_PACKET = 8000 * PACKET_MS // 1000
UNSPECIFIED = ("0.0.0.0", "::")  # noqa: S104 - compared with, never bound


@dataclass(frozen=True)
class RtpPacket:
    payload_type: int
    sequence: int
    timestamp: int
    ssrc: int
    payload: bytes
    marker: bool = False

    def encode(self) -> bytes:
        first = 0x80
        second = (0x80 if self.marker else 0) | (self.payload_type & 0x7F)
        header = struct.pack("!BBHII", first, second, self.sequence & 0xFFFF,
                             self.timestamp & 0xFFFFFFFF, self.ssrc)  # fmt: skip
        return header + self.payload

    @classmethod
    def decode(cls, data: bytes) -> RtpPacket | None:
        if len(data) < 12 or data[0] >> 6 != 2:
            return None
        first, second, sequence, timestamp, ssrc = struct.unpack("!BBHII", data[:12])
        offset = 12 + 4 * (first & 0x0F)
        if first & 0x10:  # header extension
            if len(data) < offset + 4:
                return None
            offset += 4 + 4 * struct.unpack("!H", data[offset + 2 : offset + 4])[0]
        payload = data[offset:]
        if first & 0x20 and payload:  # padding
            payload = payload[: -payload[-1]]
        return cls(second & 0x7F, sequence, timestamp, ssrc, payload, bool(second & 0x80))


AudioSink = Callable[[bytes], Awaitable[None]]
KeySink = Callable[[str], Awaitable[None]]
AudioSource = Callable[[int], bytes | None]


class RtpStream(asyncio.DatagramProtocol):
    def __init__(
        self,
        codec: G711,
        payload_type: int,
        *,
        on_audio: AudioSink,
        on_key: KeySink,
        telephone_event: int | None,
    ) -> None:
        self.codec = codec
        self.payload_type = payload_type
        self.telephone_event = telephone_event
        self._on_audio = on_audio
        self._on_key = on_key
        self.remote: tuple[str, int] | None = None
        self.transport: asyncio.DatagramTransport | None = None
        self._closed = False
        self._ssrc = random.getrandbits(32)  # noqa: S311 - an identifier, not a secret
        self._sequence = random.getrandbits(16)  # noqa: S311
        self._timestamp = random.getrandbits(32)  # noqa: S311
        self._last_event_timestamp: int | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._sender: asyncio.Task[None] | None = None
        self.received = 0
        self.sent = 0
        self.last_received_at = time.monotonic()  # for the media timeout
        self.on_event: Callable[[], None] | None = None

    # --- receiving --------------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.DatagramTransport, transport)

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None  # closed: nothing more can be sent on it
        self._closed = True
        if self._sender is not None:
            self._sender.cancel()

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        packet = RtpPacket.decode(data)
        if packet is None:
            return
        self.received += 1
        self.last_received_at = time.monotonic()
        if packet.payload_type == self.telephone_event:
            self._telephone_event(packet)
        elif packet.payload_type == self.payload_type and packet.payload:
            self._spawn(self._on_audio(self.codec.decode(packet.payload)))

    def _telephone_event(self, packet: RtpPacket) -> None:
        event = parse_telephone_event(packet.payload)
        if event is None or packet.timestamp == self._last_event_timestamp:
            return  # a key is repeated in several packets sharing one timestamp
        self._last_event_timestamp = packet.timestamp
        self._spawn(self._on_key(event.digit))

    def _spawn(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # --- sending ----------------------------------------------------------------------------

    def start_sending(self, source: AudioSource) -> None:
        # Not once closed: a late ACK for a call that has already ended starts nothing.
        if self._sender is None and not self._closed:
            self._sender = asyncio.get_running_loop().create_task(self._send_loop(source))

    async def _send_loop(self, source: AudioSource) -> None:
        next_at = time.monotonic()
        silence = self.codec.silence(SAMPLES_PER_PACKET)
        while True:
            pcm = source(SAMPLES_PER_PACKET)
            payload = self.codec.encode(pcm) if pcm is not None else silence
            self.send_packet(self.payload_type, payload)
            self._timestamp += SAMPLES_PER_PACKET
            next_at += PACKET_MS / 1000
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))

    def send_packet(self, payload_type: int, payload: bytes, *, marker: bool = False) -> None:
        if self.transport is None or self.transport.is_closing():
            return  # the call has ended
        if self.remote is None or self.remote[0] in UNSPECIFIED:
            return  # no address yet, or on hold (RFC 3264 8.4)
        packet = RtpPacket(payload_type, self._sequence, self._timestamp, self._ssrc, payload,
                           marker)  # fmt: skip
        self._sequence = (self._sequence + 1) & 0xFFFF
        self.transport.sendto(packet.encode(), self.remote)
        self.sent += 1

    def close(self) -> None:
        self._closed = True
        if self._sender is not None:
            self._sender.cancel()
        for task in list(self._tasks):
            task.cancel()
        if self.transport is not None:
            self.transport.close()


async def open_rtp(stream: RtpStream, host: str, ports: range) -> int:
    """Bind the stream to the first free port (an even one, as RTP expects)."""
    loop = asyncio.get_running_loop()
    for port in ports:
        if port % 2:
            continue
        try:
            await loop.create_datagram_endpoint(lambda: stream, local_addr=(host, port))
        except OSError:
            continue
        return port
    raise OSError(f"no free RTP port in {ports.start}-{ports.stop - 1}")
