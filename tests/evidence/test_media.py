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
