"""Checks on what uploaded bytes are: the container by its first bytes, then video details
(codec, duration, resolution, creation time) with PyAV, and a malware scan with ClamAV."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

from synergy.core.formatting import datetime_text

# Accepted formats, recognised by their first bytes (never by the file name). Each check looks
# at a container's structure, not one byte: a GIF or a text file starting "G" is not MPEG-TS.
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
    (0, b"\x00\x00\x01\xba", "MPEG programme stream video"),
    (0, b"\x30\x26\xb2\x75\x8e\x66\xcf\x11\xa6\xd9\x00\xaa\x00\x62\xce\x6c", "Windows Media video"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"),
)
# Boxes an ISO base media (MP4) or QuickTime file may begin with; old QuickTime files start
# with "moov", "mdat" or a "wide"/"free" padding box instead of "ftyp".
_FIRST_BOXES = (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot")
TS_PACKET = 188
M2TS_PACKET = 192  # camcorders' AVCHD/Blu-ray: a 4-byte timestamp before each packet
TS_PACKETS_SEEN = 3
SNIFF_BYTES = 4 + M2TS_PACKET * TS_PACKETS_SEEN  # enough for every check here
ACCEPTED_DESCRIPTION = "MP4, MOV, AVI, MKV, WebM, MPEG, WMV videos, or JPEG or PNG stills"


def _iso_box(head: bytes) -> bool:
    """An MP4/MOV's first box: a plausible size, a known type, and (for ftyp) a brand of
    printable characters."""
    if len(head) < 8 or head[4:8] not in _FIRST_BOXES:
        return False
    size = int.from_bytes(head[:4], "big")
    if size not in (0, 1) and size < 8:
        return False
    brand = head[8:12]
    return head[4:8] != b"ftyp" or (size >= 16 and all(32 <= b < 127 for b in brand))


def _transport_stream(head: bytes, packet: int, first: int) -> bool:
    """MPEG-TS sync bytes (0x47) at the start of each packet, for TS_PACKETS_SEEN packets (or
    as many as a short file holds, at least two)."""
    starts = range(first, len(head), packet)
    seen = [head[i] for i in starts][:TS_PACKETS_SEEN]
    return len(seen) >= 2 and all(b == 0x47 for b in seen)


def sniff(head: bytes) -> str | None:
    """The format these first bytes begin, or None if it is not one we accept."""
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "AVI video"
    if _iso_box(head):
        return "MP4/QuickTime video"
    if _transport_stream(head, TS_PACKET, 0) or _transport_stream(head, M2TS_PACKET, 4):
        return "MPEG transport stream video"
    for offset, magic, name in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return name
    return None


def probe(path: Path) -> dict[str, Any]:
    """Video details read from the container; {"readable": False, ...} if it cannot be read."""
    import av

    try:
        with av.open(str(path)) as container:
            details: dict[str, Any] = {
                "readable": True,
                "container": container.format.name,
                "duration_seconds": (
                    round(container.duration / 1_000_000, 3) if container.duration else None
                ),
                "creation_time": container.metadata.get("creation_time"),
            }
            video = next(iter(container.streams.video), None)
            if video is not None:
                details.update(
                    codec=video.codec_context.name,
                    width=video.codec_context.width,
                    height=video.codec_context.height,
                )
            return details
    except (av.error.FFmpegError, UnicodeDecodeError) as exc:
        return {"readable": False, "problem": type(exc).__name__}


def scan_for_malware(path: Path) -> str:
    """'clean', 'INFECTED: <name>', 'scan failed', or 'not scanned' when ClamAV is absent."""
    clamdscan = shutil.which("clamdscan")
    if clamdscan is None:
        return "not scanned (ClamAV is not installed)"
    result = subprocess.run(  # noqa: S603 - fixed program, our own file path
        [clamdscan, "--no-summary", "--fdpass", str(path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode == 0:
        return "clean"
    if result.returncode == 1:
        return ("INFECTED: " + result.stdout.strip().rsplit(":", 1)[-1].strip())[:200]
    return "scan failed"


_CONTAINERS = {
    "mov,mp4,m4a,3gp,3g2,mj2": "MP4 or QuickTime video",
    "matroska,webm": "Matroska or WebM video",
    "avi": "AVI video",
    "mpegts": "MPEG transport stream",
    "asf": "Windows Media video",
    "flv": "Flash video",
}
_CODECS = {
    "h264": "H.264",
    "hevc": "H.265",
    "mpeg4": "MPEG-4 Part 2",
    "mjpeg": "Motion JPEG",
    "vp8": "VP8",
    "vp9": "VP9",
    "av1": "AV1",
}


def describe(media: dict[str, Any]) -> str:
    """What an investigator reads about a file: 'MP4 or QuickTime video, H.264, 1280×720,
    12.5 seconds, recorded 3 June 2026, 14:30' (the container's own names are FFmpeg's)."""
    if not media.get("readable"):
        return "Could not be read as a video"
    container = str(media.get("container") or "")
    parts = [_CONTAINERS.get(container, container.split(",")[0].upper() or "Unknown format")]
    if media.get("codec"):
        codec = str(media["codec"])
        parts.append(f"{_CODECS.get(codec, codec.upper())}, {media['width']}×{media['height']}")
    else:
        parts.append("no video picture")
    if media.get("duration_seconds"):
        parts.append(f"{float(media['duration_seconds']):g} seconds")
    recorded = _recorded(media.get("creation_time"))
    if recorded:
        parts.append(f"recorded {recorded} by the camera's clock")
    return ", ".join(parts)


def _recorded(value: Any) -> str:
    if not value:
        return ""
    try:
        moment = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)
    return datetime_text(moment)
