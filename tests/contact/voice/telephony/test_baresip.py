"""Interoperability with a softphone we did not write: Debian's baresip calls the assistant
on 127.0.0.1, plays a WAV file as the caller's voice and records what it hears."""

from __future__ import annotations

import asyncio
import itertools
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from synergy.contact.voice.audio import read_wav, silence, write_wav
from synergy.contact.voice.calls import VoiceCalls
from synergy.contact.voice.session import VoiceServices
from synergy.contact.voice.speech.engine_pool import RecognitionWorker
from synergy.contact.voice.speech.recognizer import TurnSettings
from synergy.contact.voice.speech.tts import CachedSynthesizer, FliteEngine
from synergy.contact.voice.telephony.sip import SipUserAgent
from synergy.contact.voice.telephony.sipconfig import SipConfig

from ..conftest import need, speech
from .softphone import BARESIP_CONFIG
from .test_sip import Peer

pytestmark = pytest.mark.slow
WAIT_SECONDS = 150  # for the assistant's reply, on a machine busy with other work
_ports = itertools.count(42000, 10)


def _baresip_folder(tmp_path: Path, caller_says: str) -> Path:
    need(shutil.which("baresip") is not None, "baresip is not installed (apt-get install baresip)")
    folder = tmp_path / "baresip"
    (folder / "recordings").mkdir(parents=True)
    # Three seconds of the (much longer) greeting, so that even on a loaded machine it has
    # begun before the caller speaks over it; then the caller listens until we hang up. baresip
    # hangs up when its file ends, so the silence outlasts the slowest reply we wait for.
    audio = silence(3.0, 8000) + speech(caller_says, 8000) + silence(WAIT_SECONDS + 30, 8000)
    write_wav(folder / "caller.wav", audio, 8000)
    base = next(_ports)
    (folder / "config").write_text(BARESIP_CONFIG.format(
        sip_port=base, wav=folder / "caller.wav", rtp_port=base + 2, rtp_end=base + 8,
        recordings=folder / "recordings",
    ))  # fmt: skip
    (folder / "accounts").write_text("<sip:caller@127.0.0.1>;regint=0;audio_codecs=PCMU\n")
    return folder


async def _call_with_baresip(
    folder: Path, ua: SipUserAgent, port: int, finished: Callable[[], bool]
) -> str:
    """baresip dials the assistant; once `finished()` the assistant hangs up and baresip stops."""
    process = await asyncio.create_subprocess_exec(
        "baresip", "-f", str(folder), "-4", "-e", f"/dial sip:bot@127.0.0.1:{port}",
        "-t", str(WAIT_SECONDS + 60),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    output = asyncio.ensure_future(process.communicate())
    try:
        deadline = time.monotonic() + WAIT_SECONDS  # by the clock: sleeps overrun under load
        while not (finished() or output.done()) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        for call in list(ua.calls.values()):
            await ua.hang_up(call)
        await asyncio.sleep(0.5)  # baresip closes its recording when the call ends
    finally:
        if process.returncode is None:
            process.terminate()
        try:
            text, _ = await asyncio.wait_for(asyncio.shield(output), 3)
        except TimeoutError:  # still cancelling its transferred call: stop it outright
            process.kill()
            text, _ = await asyncio.wait_for(output, 5)
    return text.decode(errors="replace")


def _services(session_factory, whisper) -> VoiceServices:
    services = VoiceServices(
        calls=VoiceCalls(session_factory),
        worker=RecognitionWorker(whisper),
        synthesizer=CachedSynthesizer(FliteEngine()),
        # Interoperability, not speed, is tested here: allow for a machine busy with others.
        turn=TurnSettings(asr_deadline=30.0),
    )
    services.warm(("Hello.",))
    return services


def _heard_by_baresip(folder: Path, whisper) -> str:
    recordings = list((folder / "recordings").glob("*-dec.wav"))
    assert len(recordings) == 1, "baresip recorded no call"
    pcm, rate = read_wav(recordings[0])
    # Each stretch of sound on its own: Whisper given the whole recording can stop at the
    # greeting's cut-off word ("West Mid-") and miss the reply after the pause.
    return " ".join(whisper.transcribe(part, rate) for part in _sounds(pcm, rate)).lower()


def _sounds(pcm: bytes, rate: int, quiet_seconds: float = 1.0) -> list[bytes]:
    """The recording split at pauses of `quiet_seconds` or more."""
    import numpy as np

    step = rate // 10  # 100 ms
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
    loud = [float(np.sqrt(np.mean(samples[i : i + step] ** 2))) > 300
            for i in range(0, len(samples) - step + 1, step)]  # fmt: skip
    parts, start, quiet = [], None, 0
    for index, is_loud in enumerate(loud + [False] * int(quiet_seconds * 10)):
        if is_loud:
            start = index if start is None else start
            quiet = 0
        elif start is not None:
            quiet += 1
            if quiet >= quiet_seconds * 10:
                parts.append(pcm[2 * start * step : 2 * (index + 1) * step])
                start, quiet = None, 0
    return parts


def test_baresip_caller_reports_a_theft_and_hears_the_next_question(
    session_factory, whisper, tmp_path
):
    folder = _baresip_folder(tmp_path, "Someone stole my bicycle from outside the library.")
    services = _services(session_factory, whisper)

    async def main():
        ua = SipUserAgent(SipConfig(port=0, rtp_ports=range(43000, 43100)), services)
        port = await ua.start()

        answering: set[int] = set()  # calls whose reply to the report has started playing

        def replied() -> bool:
            # The decision comes before its reply is synthesised (slower on a busy machine):
            # done only once that reply has been heard playing and has finished.
            for call in ua.calls.values():
                if "flow_crime_report" not in call.session.assistant.decisions:
                    continue
                if call.session.playback.playing:
                    answering.add(id(call))
                elif id(call) in answering:
                    return True
            return False

        try:
            log = await _call_with_baresip(folder, ua, port, replied)
        finally:
            await ua.stop()
        return ua, log

    ua, log = asyncio.run(main())
    services.worker.stop()
    assert "Call established" in log
    call = ua.finished[0]
    assert call.rtp.received > 400 and call.rtp.sent > 400  # 20 ms packets both ways
    transcript = services.calls.transcript(call.session.assistant.call_id)
    said = [text.lower() for speaker, text in transcript if speaker == "caller"]
    assert len(said) == 1 and "stole my bicycle" in said[0]
    assert call.session.assistant.decisions[:2] == ["greeted", "flow_crime_report"]
    assert call.session.assistant.interruptions >= 1  # the caller spoke over the greeting
    heard = _heard_by_baresip(folder, whisper)
    assert "report" in heard and "where did it happen" in heard


def test_baresip_caller_disclosing_abuse_is_transferred_to_the_agent_queue(
    session_factory, whisper, tmp_path
):
    folder = _baresip_folder(tmp_path, "My husband hit me last night and I am scared to go home.")
    services = _services(session_factory, whisper)

    async def main():
        agents = await Peer().open()  # the agent queue: records the INVITE baresip sends
        config = SipConfig(port=0, rtp_ports=range(43100, 43200),
                           transfer_uri=f"sip:agents@127.0.0.1:{agents.port}")  # fmt: skip
        ua = SipUserAgent(config, services)
        port = await ua.start()
        try:
            log = await _call_with_baresip(folder, ua, port, lambda: not agents.messages.empty())
            invite = agents.messages.get_nowait() if not agents.messages.empty() else None
        finally:
            agents.close()
            await ua.stop()
        return ua, log, invite

    ua, log, invite = asyncio.run(main())
    services.worker.stop()
    call = ua.finished[0]
    assert call.refer_status == 202
    assert invite is not None and invite.method == "INVITE"
    assert invite.uri.startswith("sip:agents@127.0.0.1")
    summary = services.calls.call_summary(call.session.assistant.call_id)
    assert summary["queue"] == "priority" and "domestic_abuse" in summary["vulnerabilities"]
