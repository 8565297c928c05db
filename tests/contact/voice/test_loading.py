"""The speech engines load in the background, before anyone presses Start, and the call page
can tell how far loading has got."""

from __future__ import annotations

import threading
import time

import pytest

from synergy.contact.voice.loading import EngineLoader, EnginesUnavailable, preload_if_configured
from synergy.contact.voice.settings import VoiceSettings
from synergy.contact.voice.speech.asr import EngineNotInstalled
from tests.conftest import csrf_for


class GatedBuild:
    """Loads in two steps, holding at the second until released: slow engines, on demand."""

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.release = threading.Event()
        self.started = threading.Event()
        self.built = object()

    def __call__(self, progress):  # type: ignore[no-untyped-def]
        self.started.set()
        progress(1)
        progress(2)
        assert self.release.wait(30)
        if self.fail:
            raise EngineNotInstalled("faster-whisper is not installed")
        return self.built


def _wait_for(condition) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, "not reached in time"
        time.sleep(0.02)


def test_the_loader_reports_each_step_then_ready():
    build = GatedBuild()
    loader = EngineLoader(build)
    assert loader.status() == {"state": "idle"}
    loader.start()
    _wait_for(lambda: loader.status().get("step") == 2)
    assert loader.status() == {"state": "loading", "step": 2, "steps": 3,
                               "loading": "the assistant's understanding"}  # fmt: skip
    build.release.set()
    _wait_for(lambda: loader.status()["state"] == "ready")
    import asyncio

    assert asyncio.run(loader.services()) is build.built


def test_engines_that_cannot_load_make_the_line_unavailable_not_a_crash():
    import asyncio

    build = GatedBuild(fail=True)
    build.release.set()
    loader = EngineLoader(build)
    with pytest.raises(EnginesUnavailable, match="not installed"):
        asyncio.run(loader.services())
    assert loader.status() == {"state": "unavailable"}


def test_the_call_pages_first_status_check_starts_loading_and_follows_it(app, client):
    build = GatedBuild()
    app.state.voice_loader = EngineLoader(build)
    page = client.get("/contact/call-online").text
    assert 'data-status-url="/api/contact/voice/status"' in page
    assert client.get("/api/contact/voice/status").json()["state"] in ("idle", "loading")
    assert build.started.wait(30)  # before anyone pressed Start
    _wait_for(lambda: client.get("/api/contact/voice/status").json().get("step") == 2)
    build.release.set()
    _wait_for(lambda: client.get("/api/contact/voice/status").json()["state"] == "ready")


def test_an_offer_when_the_engines_cannot_load_is_told_to_call_101(app, client):
    build = GatedBuild(fail=True)
    build.release.set()
    app.state.voice_loader = EngineLoader(build)
    offer = "\r\n".join(["v=0", "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=fingerprint:x",
                          "a=ice-ufrag:u", "a=ice-pwd:p", ""])  # fmt: skip
    response = client.post("/api/contact/voice/offers", json={"sdp": offer, "type": "offer"},
                           headers={"X-CSRF-Token": csrf_for(client)})  # fmt: skip
    assert response.status_code == 503 and "call 101" in response.json()["detail"]


def test_with_preload_the_engines_load_as_the_server_starts(app, settings):
    build = GatedBuild()
    app.state.voice_loader = EngineLoader(build)
    preload_if_configured(app, settings)
    assert not build.started.is_set()  # off by default
    voice = settings.section(VoiceSettings).model_copy(update={"preload": True})
    preload_if_configured(app, settings.with_sections(voice))
    assert build.started.wait(30)
    build.release.set()


@pytest.mark.browser
@pytest.mark.slow
def test_the_page_shows_loading_progress_and_without_javascript_no_dead_buttons(app):
    from playwright.sync_api import expect, sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, LiveServer

    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM}")
    build = GatedBuild()
    app.state.voice_loader = EngineLoader(build)
    server = LiveServer()
    server.start()
    try:
        with server.serving(app) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            plain = browser.new_context(base_url=url, java_script_enabled=False).new_page()
            plain.goto("/contact/call-online")
            expect(plain.get_by_role("button", name="Start call")).to_be_hidden()
            # (Chromium with scripts turned off by Playwright still parses <noscript> as if
            # scripting were on, so its message is checked in the HTML: test_pages.py.)
            page = browser.new_context(base_url=url).new_page()
            page.goto("/contact/call-online")
            status = page.locator("#voice-status")
            expect(status).to_contain_text("loading the assistant's understanding (step 2 of 3)",
                                           timeout=30_000)  # fmt: skip
            build.release.set()
            expect(status).to_contain_text("Ready. Press Start call", timeout=30_000)
            expect(page.get_by_role("button", name="Start call")).to_be_visible()
            # Not before a call has started:
            expect(page.get_by_role("button", name="Speak to a person")).to_be_hidden()
            expect(page.get_by_role("button", name="End call")).to_be_hidden()
            browser.close()
    finally:
        build.release.set()
        server.stop()
