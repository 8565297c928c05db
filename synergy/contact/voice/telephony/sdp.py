"""SDP offer/answer for a G.711 voice call (RFC 4566, RFC 3264), with telephone-events
(RFC 4733) for key presses."""

from __future__ import annotations

import ipaddress
import time
from dataclasses import dataclass, field

from synergy.contact.voice.telephony.g711 import CODECS

TELEPHONE_EVENT_PT = 101


class SdpError(ValueError):
    """The offer has no audio we can take (the UA answers 488 Not Acceptable Here)."""


@dataclass
class MediaOffer:
    address: str
    port: int
    payload_types: list[int]
    rtpmap: dict[int, str] = field(default_factory=dict)  # pt -> "PCMU/8000"
    direction: str = "sendrecv"

    def codec_name(self, pt: int) -> str | None:
        if pt in self.rtpmap:
            return self.rtpmap[pt].split("/")[0].upper()
        return {0: "PCMU", 8: "PCMA"}.get(pt)

    def telephone_event(self) -> int | None:
        for pt, name in self.rtpmap.items():
            if name.lower().startswith("telephone-event/8000"):
                return pt
        return None


def parse_sdp(body: str) -> MediaOffer:
    address = ""
    audio: MediaOffer | None = None
    for raw in body.splitlines():
        line = raw.strip()
        if line.startswith("c=") and (audio is None or not audio.address):
            parts = line[2:].split()
            if len(parts) == 3:
                if audio is None:
                    address = parts[2]
                else:
                    audio.address = parts[2]
        elif line.startswith("m=audio ") and audio is None:
            parts = line[2:].split()
            try:
                if not all(part.isascii() for part in parts):
                    raise ValueError("not ASCII")
                audio = MediaOffer(address, int(parts[1]), [int(pt) for pt in parts[3:]])
            except (IndexError, ValueError) as exc:
                raise SdpError(f"bad media line: {line}") from exc
        elif line.startswith("m=") and audio is not None:
            break  # only the first audio stream is used
        elif audio is not None and line.startswith("a=rtpmap:"):
            pt, _, name = line[9:].partition(" ")
            if pt.isascii() and pt.isdigit() and len(pt) <= 3:
                audio.rtpmap[int(pt)] = name.strip()
        elif audio is not None and line[2:] in ("sendrecv", "sendonly", "recvonly", "inactive"):
            audio.direction = line[2:]
    if audio is None or not audio.address:
        raise SdpError("the offer has no audio stream with an address")
    _check_media(audio)
    return audio


def _check_media(audio: MediaOffer) -> None:
    """Refuse what could not be sent to: checked before any call is set up, so a bad offer
    costs a 488 and nothing else."""
    try:
        ipaddress.ip_address(audio.address)
    except ValueError:
        raise SdpError(f"the media address {audio.address[:60]!r} is not an IP address") from None
    if not 0 < audio.port < 65536:
        raise SdpError(f"the media port {audio.port} is not a usable port")
    if not audio.payload_types or any(not 0 <= pt <= 127 for pt in audio.payload_types):
        raise SdpError("the media line's payload types must be 0 to 127")


def choose_codec(offer: MediaOffer, preferred: tuple[str, ...] = ("PCMU", "PCMA")) -> int:
    """The offered payload type of the first G.711 law we support, in the caller's order."""
    for pt in offer.payload_types:
        if offer.codec_name(pt) in preferred:
            return pt
    raise SdpError("the offer has neither PCMU nor PCMA")


def build_sdp(
    *,
    address: str,
    port: int,
    payload_type: int,
    codec: str,
    telephone_event: int | None = TELEPHONE_EVENT_PT,
    session_id: int | None = None,
    version: int = 1,
    direction: str = "sendrecv",
    also: tuple[tuple[int, str], ...] = (),
) -> str:
    """An answer in one codec; an offer lists further (payload type, codec) choices in `also`."""
    codecs = [(payload_type, codec), *also]
    if any(name not in CODECS for _, name in codecs):
        raise SdpError(f"unsupported codec in {codecs}")
    session_id = session_id or int(time.time())
    pts = [pt for pt, _ in codecs] + ([telephone_event] if telephone_event is not None else [])
    lines = [
        "v=0",
        f"o=synergy {session_id} {version} IN IP4 {address}",
        "s=Synergy 101",
        f"c=IN IP4 {address}",
        "t=0 0",
        f"m=audio {port} RTP/AVP {' '.join(str(pt) for pt in pts)}",
        *(f"a=rtpmap:{pt} {name}/8000" for pt, name in codecs),
    ]
    if telephone_event is not None:
        lines += [
            f"a=rtpmap:{telephone_event} telephone-event/8000",
            f"a=fmtp:{telephone_event} 0-15",
        ]
    lines += ["a=ptime:20", f"a={direction}"]
    return "\r\n".join(lines) + "\r\n"
