"""A browser call end to end: headless Chromium opens "call 101 online" with a fake
microphone playing a WAV file; the server answers with aiortc; the page shows the captions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from synergy.contact.voice.asr import RecognitionWorker
from synergy.contact.voice.audio import silence, write_wav
from synergy.contact.voice.calls import VoiceCalls
from synergy.contact.voice.recognizer import TurnSettings
from synergy.contact.voice.session import VoiceServices
from synergy.contact.voice.tts import CachedSynthesizer, FliteEngine
from synergy.contact.voice.webrtc import keep_candidates
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, LiveServer

from .conftest import need, speech

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_only_candidates_on_our_own_networks_are_kept():
    offer = (
        "v=0\r\na=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host\r\n"
        "a=candidate:2 1 udp 2122260223 10.1.2.3 50001 typ host\r\n"
        "a=candidate:3 1 udp 2122260223 abc.local 50002 typ host\r\nm=audio 9 UDP 0\r\n"
    )
    kept = keep_candidates(offer, ["127.0.0.1"])
    assert "127.0.0.1 50000" in kept and "10.1.2.3" not in kept and ".local" not in kept
    assert "m=audio" in kept


@pytest.fixture
def caller_wav(tmp_path: Path) -> Path:
    path = tmp_path / "caller.wav"
    audio = speech("Someone stole my bicycle from outside the library.", 16000)
    # The caller waits for the greeting to start, speaks over it, then listens.
    write_wav(path, silence(1.5, 16000) + audio + silence(30.0, 16000), 16000)
    return path


def test_a_browser_caller_is_answered_and_sees_both_sides_captioned(
    app, session_factory, whisper, caller_wav, tmp_path
):
    need(CHROMIUM.exists(), f"Chromium is not installed at {CHROMIUM}")
    need(shutil.which("flite") is not None, "flite is not installed")
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    from synergy.contact.voice.webrtc import WebRTCGateway

    services = VoiceServices(
        calls=VoiceCalls(session_factory), worker=RecognitionWorker(whisper),
        synthesizer=CachedSynthesizer(FliteEngine()), turn=TurnSettings(asr_deadline=30.0),
    )  # fmt: skip
    services.warm()
    app.state.voice_gateway = WebRTCGateway(services, addresses=["127.0.0.1"])
    server = LiveServer()
    server.start()
    args = [
        *CHROMIUM_ARGS, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-audio-capture={caller_wav}%noloop",
        "--allow-loopback-in-peer-connection",
        "--disable-features=WebRtcHideLocalIpsWithMdns",
        "--autoplay-policy=no-user-gesture-required",
    ]  # fmt: skip
    try:
        with server.serving(app) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=args)
            context = browser.new_context(base_url=url, permissions=["microphone"])
            page = context.new_page()
            page.goto("/contact/call-online")
            page.get_by_role("button", name="Start call").click()
            captions = page.locator("#voice-captions")
            try:
                captions.get_by_text("Where did it happen?").wait_for(timeout=60_000)
            except PlaywrightTimeout:
                pytest.fail(f"no reply; captions: {captions.inner_text()!r}")
            said = page.locator(".voice-caption--caller").first.inner_text()
            assert "stole my bicycle" in said.lower()
            page.get_by_role("button", name="Speak to a person").click()
            page.wait_for_selector("body[data-voice-outcome^='handover-']", timeout=20_000)
            assert "waiting for a member of staff" in page.locator("#voice-status").inner_text()
            browser.close()
            server._run(app.state.voice_gateway.close())
    finally:
        server.stop()
        services.worker.stop()
    summary = services.calls.call_summary(1)
    assert summary["status"] == "waiting" and summary["intent"] == "crime_report"
    transcript = services.calls.transcript(1)
    assert any("bicycle" in text.lower() for speaker, text in transcript if speaker == "caller")
