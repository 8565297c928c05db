"""How a file's content is described to investigators."""

from synergy.evidence.media import describe


def test_content_is_described_in_words_not_ffmpeg_names() -> None:
    text = describe(
        {
            "readable": True,
            "container": "mov,mp4,m4a,3gp,3g2,mj2",
            "codec": "h264",
            "width": 1280,
            "height": 720,
            "duration_seconds": 12.5,
            "creation_time": "2026-07-15T13:30:00.000000Z",
        }
    )
    assert text == (
        "MP4 or QuickTime video, H.264, 1280×720, 12.5 seconds, "
        "recorded 15 July 2026, 14:30 by the camera's clock"
    )
    assert describe({"readable": False, "problem": "InvalidDataError"}) == (
        "Could not be read as a video"
    )


def _transport_stream(packets: int, size: int = 188, prefix: bytes = b"") -> bytes:
    return b"".join(
        prefix + b"\x47" + bytes([index % 200]) * (size - 1 - len(prefix))
        for index in range(packets)
    )


def test_real_container_signatures_are_recognised() -> None:
    from synergy.evidence.media import sniff
    from tests.evidence.conftest import fake_video, tiny_mp4

    assert sniff(tiny_mp4()[:600]) == "MP4/QuickTime video"
    assert sniff(fake_video(600)) == "MP4/QuickTime video"
    assert sniff(b"\x00\x00\x00\x08wide" + b"\x00" * 100) == "MP4/QuickTime video"
    assert sniff(_transport_stream(4)) == "MPEG transport stream video"
    assert sniff(_transport_stream(4, 192, b"\x00\x01\x02\x03")) == "MPEG transport stream video"
    assert sniff(b"RIFF\x10\x00\x00\x00AVI LIST" + b"\x00" * 50) == "AVI video"
    assert sniff(b"\x1a\x45\xdf\xa3" + b"\x00" * 50) == "Matroska/WebM video"


def test_files_that_only_start_like_a_video_are_not_accepted() -> None:
    from synergy.evidence.media import sniff

    gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + b"\x00" * 600
    script = b"Good evening,\n#!/bin/sh\nrm -rf /\n" * 30
    one_sync_byte = b"\x47" + b"\x00" * 600
    text_with_ftyp = b"hello ftyp, this is text " * 30
    for head in (gif, script, one_sync_byte, text_with_ftyp):
        assert sniff(head[:600]) is None, head[:20]
