"""A browser call end to end: headless Chromium opens "call 101 online" with a fake
microphone playing a WAV file; the server answers with aiortc; the page shows the captions.
A caller who needs a person is put through to an agent: Debian's baresip, auto-answering,
with a WAV file as the agent's voice, recording what it hears."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from synergy.contact.voice.audio import read_wav, rms_dbfs, silence, write_wav
from synergy.contact.voice.calls import VoiceCalls
from synergy.contact.voice.session import VoiceServices
from synergy.contact.voice.speech.engine_pool import RecognitionWorker
from synergy.contact.voice.speech.recognizer import TurnSettings
from synergy.contact.voice.speech.tts import CachedSynthesizer, FliteEngine
from synergy.contact.voice.telephony.sipconfig import SipConfig
from synergy.contact.voice.telephony.webrtc import keep_candidates
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, LiveServer

from ..conftest import need, speech
from .softphone import BARESIP_CONFIG

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

    from synergy.contact.voice.telephony.webrtc import WebRTCGateway

    services = VoiceServices(
        calls=VoiceCalls(session_factory), worker=RecognitionWorker(whisper),
        synthesizer=CachedSynthesizer(FliteEngine()), turn=TurnSettings(asr_deadline=30.0),
    )  # fmt: skip
    services.warm()
    app.state.voice_gateway = WebRTCGateway(services, addresses=["127.0.0.1"])
    server = LiveServer()
    server.start()
    args = _chromium_args(caller_wav)
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
            # No agent queue is configured here: the caller is told to call 101 instead.
            page.wait_for_selector("body[data-voice-agent='unavailable']", timeout=60_000)
            assert "please call 101" in page.locator("#voice-status").inner_text().lower()
            browser.close()
            server._run(app.state.voice_gateway.close())
    finally:
        server.stop()
        services.worker.stop()
    summary = services.calls.call_summary(1)
    assert summary["status"] == "waiting" and summary["intent"] == "crime_report"
    transcript = services.calls.transcript(1)
    assert any("bicycle" in text.lower() for speaker, text in transcript if speaker == "caller")
    assert "call 101" in transcript[-1][1]


def _chromium_args(caller_wav: Path) -> list[str]:
    return [
        *CHROMIUM_ARGS, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-audio-capture={caller_wav}%noloop",
        "--allow-loopback-in-peer-connection",
        "--disable-features=WebRtcHideLocalIpsWithMdns",
        "--autoplay-policy=no-user-gesture-required",
    ]  # fmt: skip


# Every RTCPeerConnection the page makes, so the test can read what the browser received.
KEEP_PEER_CONNECTIONS = """
(() => {
  const Original = window.RTCPeerConnection;
  window.peerConnections = [];
  window.RTCPeerConnection = function (...args) {
    const pc = new Original(...args);
    window.peerConnections.push(pc);
    return pc;
  };
  window.RTCPeerConnection.prototype = Original.prototype;
})();
"""
RECEIVED_AUDIO = """
async () => {
  const stats = await window.peerConnections[0].getStats();
  for (const report of stats.values()) {
    if (report.type === "inbound-rtp" && report.kind === "audio") {
      return {bytes: report.bytesReceived, energy: report.totalAudioEnergy || 0};
    }
  }
  return {bytes: 0, energy: 0};
}
"""


def _agent_baresip(folder: Path, sip_port: int) -> subprocess.Popen[bytes]:
    """baresip as the contact agent: answers at once, speaks from a WAV file, records."""
    need(shutil.which("baresip") is not None, "baresip is not installed (apt-get install baresip)")
    (folder / "recordings").mkdir(parents=True)
    greeting = speech("Hello, this is the police control room. How can I help you?", 8000)
    write_wav(folder / "agent.wav", (greeting + silence(2.0, 8000)) * 12, 8000)
    (folder / "config").write_text(BARESIP_CONFIG.format(
        sip_port=sip_port, wav=folder / "agent.wav", rtp_port=sip_port + 2,
        rtp_end=sip_port + 8, recordings=folder / "recordings",
    ))  # fmt: skip
    (folder / "accounts").write_text(
        "<sip:agents@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMU\n"
    )
    # -s: print the SIP messages, so the test can read the INVITE baresip received.
    with (folder / "baresip.log").open("wb") as log:
        return subprocess.Popen(["baresip", "-f", str(folder), "-4", "-s", "-t", "240"],
                                stdout=log, stderr=subprocess.STDOUT)  # fmt: skip


@pytest.fixture
def abused_caller_wav(tmp_path: Path) -> Path:
    path = tmp_path / "abused-caller.wav"
    disclosure = speech("My husband hit me last night and I am scared to go home.", 16000)
    detail = speech("He has a blue van parked outside my house.", 16000)
    # The disclosure, then (while the caller is being put through, and once they are) the
    # same detail every few seconds, for the agent to hear.
    audio = silence(1.5, 16000) + disclosure + silence(4.0, 16000)
    audio += (detail + silence(2.0, 16000)) * 25 + silence(10.0, 16000)
    write_wav(path, audio, 16000)
    return path


def test_a_browser_caller_who_needs_a_person_is_put_through_to_an_agent(
    app, session_factory, whisper, abused_caller_wav, tmp_path
):
    need(CHROMIUM.exists(), f"Chromium is not installed at {CHROMIUM}")
    need(shutil.which("flite") is not None, "flite is not installed")
    from playwright.sync_api import sync_playwright

    from synergy.contact.voice.telephony.webrtc import WebRTCGateway

    agent_port = 45010
    agent = _agent_baresip(tmp_path / "agent", agent_port)
    services = VoiceServices(
        calls=VoiceCalls(session_factory), worker=RecognitionWorker(whisper),
        synthesizer=CachedSynthesizer(FliteEngine()), turn=TurnSettings(asr_deadline=30.0),
    )  # fmt: skip
    services.warm()
    sip = SipConfig(rtp_ports=range(45100, 45200), agent_ring_seconds=60.0,
                    transfer_uri=f"sip:agents@127.0.0.1:{agent_port}")  # fmt: skip
    gateway = WebRTCGateway(services, addresses=["127.0.0.1"], sip=sip)
    app.state.voice_gateway = gateway
    server = LiveServer()
    server.start()
    try:
        with server.serving(app) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=_chromium_args(abused_caller_wav)
            )
            context = browser.new_context(base_url=url, permissions=["microphone"])
            context.add_init_script(KEEP_PEER_CONNECTIONS)
            page = context.new_page()
            page.goto("/contact/call-online")
            page.get_by_role("button", name="Start call").click()
            page.wait_for_selector("body[data-voice-outcome='handover-priority']", timeout=90_000)
            page.wait_for_selector("body[data-voice-agent='connected']", timeout=120_000)
            assert "through to a member of staff" in page.locator("#voice-status").inner_text()
            before = page.evaluate(RECEIVED_AUDIO)
            time.sleep(12)  # the agent speaks; the caller repeats the detail
            after = page.evaluate(RECEIVED_AUDIO)
            bridge = next(iter(gateway.calls)).bridge
            carried = (bridge.to_agent.carried, bridge.to_caller.carried)
            page.get_by_role("button", name="End call").click()
            server._run(gateway.close())
            browser.close()
    finally:
        server.stop()
        services.worker.stop()
        time.sleep(1.0)  # baresip closes its recording when the BYE ends the call
        agent.terminate()
        agent.wait(10)
    log = (tmp_path / "agent" / "baresip.log").read_text(errors="replace")
    invite = log[log.index("INVITE sip:agents@127.0.0.1") :]
    assert "X-Synergy-Queue: priority" in invite and "Priority: urgent" in invite
    assert "X-Synergy-Reason: handover_" in invite and "X-Synergy-Call: 1" in invite
    # What the browser really received from the agent, after being put through:
    assert after["bytes"] > before["bytes"] and after["energy"] - before["energy"] > 0.02, (
        before, after,
    )  # fmt: skip
    assert carried[0] > 0 and carried[1] > 0
    # What the agent heard: the caller's voice.
    recordings = list((tmp_path / "agent" / "recordings").glob("*-dec.wav"))
    assert len(recordings) == 1, "baresip recorded no call"
    pcm, rate = read_wav(recordings[0])
    assert rms_dbfs(pcm) > -45
    heard = whisper.transcribe(pcm, rate).lower()
    assert any(words in heard for words in ("van", "parked", "outside my house")), heard
    summary = services.calls.call_summary(1)
    assert summary["status"] == "taken" and "domestic_abuse" in summary["vulnerabilities"]
    said = [text for speaker, text in services.calls.transcript(1) if speaker == "assistant"]
    assert "through to a member of staff" in said[-1]
