"""A call through the whole pipeline with scripted recognition: what is stored and said."""

import asyncio
import time

from synergy.contact.models import CallStatus
from synergy.contact.voice.assistant import FAILURE_TEXT
from synergy.contact.voice.keys import dtmf_tone
from synergy.contact.voice.session import VoiceSession

from .conftest import ScriptedRecognizer, ToneSynthesizer, feed, loud, make_services


def _call(services, script):
    """Run `script(session)` on a new call; returns the session after it."""

    async def main():
        session = VoiceSession(services, line_rate=8000)
        await session.start()
        try:
            await script(session)
        finally:
            await session.close()
        return session

    try:
        return asyncio.run(main())
    finally:
        services.worker.stop()


def test_a_turn_is_understood_answered_and_both_sides_stored(session_factory, scripted):
    services = make_services(session_factory, scripted("Someone stole my bike."),
                             ToneSynthesizer())  # fmt: skip

    async def script(session):
        await feed(session, loud(1.0) + bytes(16000))
        await asyncio.sleep(0.5)

    session = _call(services, script)
    transcript = services.calls.transcript(session.assistant.call_id)
    assert [speaker for speaker, _ in transcript] == ["assistant", "caller", "assistant"]
    assert transcript[1][1] == "Someone stole my bike."
    assert session.assistant.decisions[-1] == "flow_crime_report"
    assert session.log.first_reply_audio_at  # the reply was spoken


def test_a_disclosure_in_a_partial_transcript_queues_the_caller_before_they_finish(
    session_factory, scripted
):
    recognizer = scripted("My husband hit me", "My husband hit me and I am scared")
    services = make_services(session_factory, recognizer, ToneSynthesizer(), partial_interval=0.5)

    async def script(session):
        await feed(session, loud(2.0))  # still talking: no end of turn yet
        await asyncio.sleep(0.3)
        assert session.log.caller_stopped_at is None
        # Queued at once, with the help line, then asked before being put through.
        assert any("0808 2000 247" in said for said in session.log.spoken)
        assert "are you safe now?" in session.log.spoken[-1]
        # The end of the sentence is not the answer: silence after the question still puts
        # the caller through.
        session.assistant._silence_timeout = 0.2
        await feed(session, bytes(16000))
        for _ in range(300):
            if session.log.handover is not None:
                break
            while session.playback.read(160) is not None:
                pass
            await asyncio.sleep(0.1)
        assert session.log.handover is not None

    session = _call(services, script)
    summary = services.calls.call_summary(session.assistant.call_id)
    assert summary["status"] == CallStatus.WAITING and summary["queue"] == "priority"
    assert "domestic_abuse" in summary["vulnerabilities"]


def test_a_caller_who_stays_silent_at_the_questions_is_put_through(session_factory, scripted):
    services = make_services(
        session_factory, scripted("I want to speak to a person"), ToneSynthesizer()
    )

    async def script(session):
        session.assistant._silence_timeout = 0.2  # seconds of silence after each question
        await feed(session, loud(1.0) + bytes(16000))
        for _ in range(300):  # generous: each unanswered question waits for its timeout
            if session.log.handover is not None:
                break
            while session.playback.read(160) is not None:  # the line plays the question
                pass
            await asyncio.sleep(0.1)
        assert session.log.handover is not None

    session = _call(services, script)
    transcript = services.calls.transcript(session.assistant.call_id)
    assert [text for speaker, text in transcript if speaker == "caller"][1:] == ["no answer"]


def test_pressing_0_puts_the_caller_through_to_a_person(session_factory):
    services = make_services(session_factory, ScriptedRecognizer(""), ToneSynthesizer())

    async def script(session):
        await session.key("0")

    session = _call(services, script)
    assert session.log.handover is not None
    assert session.assistant.decisions[-1] == "handover_requested"


def test_keys_pressed_as_tones_are_said_to_the_conversation(session_factory):
    services = make_services(session_factory, ScriptedRecognizer(""), ToneSynthesizer())
    tones = b"".join(dtmf_tone(key, 8000) + bytes(1200) for key in "4711#")

    async def script(session):
        await feed(session, tones)
        await asyncio.sleep(0.3)

    session = _call(services, script)
    transcript = services.calls.transcript(session.assistant.call_id)
    assert ("caller", "4711") in transcript


def test_killing_the_recognition_worker_mid_call_puts_the_caller_through(session_factory, scripted):
    recognizer = scripted("I want to report")
    services = make_services(session_factory, recognizer, ToneSynthesizer())

    async def script(session):
        await feed(session, loud(0.6))
        services.worker.stop()  # the worker dies while the caller is talking
        await feed(session, loud(0.6) + bytes(16000))
        await asyncio.wait_for(session.finished.wait(), 5)

    session = _call(services, script)
    assert session.log.handover is not None
    assert FAILURE_TEXT in session.log.spoken
    summary = services.calls.call_summary(session.assistant.call_id)
    assert summary["status"] == CallStatus.WAITING and summary["handed_over"]
    transcript = services.calls.transcript(session.assistant.call_id)
    assert transcript[-1][0] == "assistant"


def test_a_failing_synthesiser_puts_the_caller_through(session_factory):
    services = make_services(session_factory, ScriptedRecognizer(""), ToneSynthesizer(fail=True))

    async def script(session):
        await asyncio.wait_for(session.finished.wait(), 5)

    session = _call(services, script)
    assert session.log.handover is not None
    assert services.calls.call_summary(session.assistant.call_id)["handed_over"]


def test_the_caller_interrupting_stops_playback_within_300_ms(session_factory, scripted):
    services = make_services(session_factory, scripted(""), ToneSynthesizer())
    played: list[float] = []

    async def script(session):
        async def sender():  # what the RTP sender does: one packet every 20 ms
            while True:
                if session.playback.read(160) is not None:
                    played.append(time.monotonic())
                await asyncio.sleep(0.02)

        task = asyncio.ensure_future(sender())
        await asyncio.sleep(0.4)
        assert session.playback.playing
        speech_started = time.monotonic()
        await feed(session, loud(0.6), pace=0.02)
        task.cancel()
        return speech_started

    started: list[float] = []

    async def wrapped(session):
        started.append(await script(session))

    session = _call(services, wrapped)
    assert session.assistant.interruptions == 1
    assert played and played[-1] - started[0] < 0.3


def test_half_heard_words_do_not_trigger_an_early_handover_but_evidenced_disclosures_do():
    from synergy.contact.understanding import understand
    from synergy.contact.voice.assistant import is_urgent

    assert not is_urgent(understand("Someone stole my"))
    assert not is_urgent(understand("Someone still might"))
    assert is_urgent(understand("My husband hit me"))
    assert is_urgent(understand("there is a man outside with a knife"))


def test_a_browser_caller_is_told_of_the_button_not_a_key(session_factory, scripted):
    from synergy.contact.voice.assistant import BUTTON_HINT

    services = make_services(session_factory, scripted("hello"), ToneSynthesizer())

    async def main():
        session = VoiceSession(services, line_rate=8000, hint=BUTTON_HINT)
        await session.start()
        await asyncio.sleep(0.5)
        await session.close()
        return session

    try:
        session = asyncio.run(main())
    finally:
        services.worker.stop()
    spoken = " ".join(session.log.spoken)
    assert "choose Speak to a person" in spoken and "press 0" not in spoken
