"""Load from the standard SIP test tool: SIPp (Debian's sip-tester) places concurrent calls
whose recorded callers need a person, with no agent queue configured. Every caller must be
told what happens instead of a transfer (a call back on their number, 999 if in danger), stay
in the staff queue, and every call must end cleanly: our BYE answered, SIPp counting no
failed call."""

from __future__ import annotations

import asyncio
import shutil
import socket
from pathlib import Path

import pytest
from sqlalchemy import select

from synergy.contact.models import ContactCall, ContactTurn
from synergy.contact.voice.audio import silence
from synergy.contact.voice.calls import VoiceCalls
from synergy.contact.voice.session import VoiceServices
from synergy.contact.voice.speech.engine_pool import RecognitionWorker
from synergy.contact.voice.speech.recognizer import TurnSettings
from synergy.contact.voice.speech.tts import CachedSynthesizer, FliteEngine
from synergy.contact.voice.telephony.g711 import PCMU
from synergy.contact.voice.telephony.sip import SipUserAgent
from synergy.contact.voice.telephony.sipconfig import SipConfig

from ..conftest import need, speech

pytestmark = pytest.mark.slow
SCENARIO = Path(__file__).parent / "sipp" / "caller.xml"
PER_CALLER = 2  # calls from each recorded caller, both at once: four calls at once
CALLERS = {
    "07700900101": "My husband hit me last night and I am scared to go home.",
    "07700900102": "Can I speak to a person please?",
}


def _free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _caller(folder: Path, number: str, words: str) -> tuple[Path, Path]:
    """A scenario playing `words` as the recorded caller, and its injection file (the
    number each call comes from)."""
    # A second of greeting, the caller's words, then the line stays open (silence) until the
    # assistant has said what happens and hangs up.
    audio = silence(1.0, 8000) + speech(words, 8000) + silence(90.0, 8000)
    recording = folder / f"{number}.ulaw"
    recording.write_bytes(PCMU.encode(audio))
    scenario = folder / f"{number}.xml"
    scenario.write_text(SCENARIO.read_text().replace("RECORDING", str(recording)))
    numbers = folder / f"{number}.csv"
    numbers.write_text(f"SEQUENTIAL\n{number};\n")
    return scenario, numbers


async def _run_sipp(folder: Path, port: int, scenario: Path, numbers: Path, calls: int):
    """SIPp placing `calls` calls, two at a time: its exit status and what it reported."""
    screen = folder / f"{scenario.stem}-screen.log"
    sipp = await asyncio.create_subprocess_exec(
        "sipp", f"127.0.0.1:{port}", "-sf", str(scenario), "-inf", str(numbers),
        "-m", str(calls), "-l", "2", "-r", "2", "-i", "127.0.0.1",
        "-p", str(_free_udp_port()), "-cp", str(_free_udp_port()),
        "-mp", str(_free_udp_port()), "-nostdin", "-timeout", "400s", "-timeout_error",
        "-trace_err", "-trace_screen", "-screen_file", str(screen),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE, cwd=folder,
    )  # fmt: skip
    try:
        _, errors = await asyncio.wait_for(sipp.communicate(), 420)
    finally:
        if sipp.returncode is None:
            sipp.kill()
            await sipp.wait()
    report = screen.read_text(errors="replace") if screen.exists() else ""
    return sipp.returncode, errors.decode(errors="replace") + report


def test_sipp_callers_who_need_a_person_are_told_of_a_call_back_and_every_bye_is_answered(
    session_factory, whisper, tmp_path
):
    need(shutil.which("sipp") is not None, "SIPp is not installed (apt-get install sip-tester)")
    services = VoiceServices(
        calls=VoiceCalls(session_factory), worker=RecognitionWorker(whisper),
        synthesizer=CachedSynthesizer(FliteEngine()),
        # Several calls at once on a machine busy with others: allow slow recognition.
        turn=TurnSettings(asr_deadline=60.0),
    )  # fmt: skip
    services.warm()

    async def main():  # type: ignore[no-untyped-def]
        ua = SipUserAgent(SipConfig(port=0, rtp_ports=range(47000, 47200)), services)
        port = await ua.start()
        try:
            runs = [_run_sipp(tmp_path, port, *_caller(tmp_path, number, words), PER_CALLER)
                    for number, words in CALLERS.items()]  # fmt: skip
            return ua, await asyncio.gather(*runs)
        finally:
            await ua.stop()

    try:
        ua, results = asyncio.run(main())
    finally:
        services.worker.stop()
    for returncode, report in results:
        assert returncode == 0, f"SIPp counted failed calls (exit {returncode}):\n{report}"
    calls = PER_CALLER * len(CALLERS)
    assert len(ua.finished) == calls
    for call in ua.finished:
        assert call.bye_status == 200, call.ended_because  # our BYE answered by SIPp
        assert call.rtp.received > 100  # the recorded caller was heard
        told = call.session.log.spoken[-1]
        assert "call you back on the number you are calling from, ending 1 0" in told
        assert "call 999" in told
    with session_factory() as session:
        stored = session.scalars(select(ContactCall)).all()
        assert len(stored) == calls
        assert all(call.status == "waiting" and call.handed_over for call in stored)
        reasons = [turn.reasons for turn in session.scalars(select(ContactTurn))]
        for number in CALLERS:
            assert sum(f"call back on {number}" in r for r in reasons) == PER_CALLER
