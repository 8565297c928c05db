import asyncio

from synergy.contact.voice.frames import (
    ErrorFrame,
    TranscriptionFrame,
    UserStartedSpeakingFrame,
    UserStoppedSpeakingFrame,
)
from synergy.contact.voice.pipeline import Pipeline
from synergy.contact.voice.speech.asr import PocketSphinxEngine
from synergy.contact.voice.speech.engine_pool import RecognitionWorker
from synergy.contact.voice.speech.recognizer import SpeechToText, TurnSettings, sounds_unfinished
from synergy.contact.voice.speech.vad import EnergyVAD

from ..conftest import feed, loud, phone_line, speech, words_right


def _run(recognizer, audio_parts, *, settle=0.3, before_last=None, pace=0.002, **turn):
    worker = RecognitionWorker(recognizer)
    stt = SpeechToText(worker, EnergyVAD(), TurnSettings(**turn))
    out = []

    async def main():
        pipeline = Pipeline([stt], on_down=out.append)
        for index, part in enumerate(audio_parts):
            if before_last is not None and index == len(audio_parts) - 1:
                before_last(worker)
            await feed(pipeline, part, pace=pace)
        await asyncio.sleep(settle)
        await pipeline.close()

    asyncio.run(main())
    worker.stop()
    return out


def _kinds(frames):
    return [type(frame).__name__ for frame in frames if not isinstance(frame, TranscriptionFrame)
            or frame.final]  # fmt: skip


def test_a_pause_after_a_finished_sentence_ends_the_turn_with_a_final_transcript(scripted):
    frames = _run(scripted("I lost my wallet."), [bytes(1600), loud(1.0), bytes(8000)])
    assert _kinds(frames) == [
        "UserStartedSpeakingFrame", "UserStoppedSpeakingFrame", "TranscriptionFrame",
    ]  # fmt: skip
    assert frames[-1] == TranscriptionFrame("I lost my wallet.", final=True, engine="scripted")


def test_the_recogniser_hears_the_moment_before_speech_was_detected(scripted):
    recognizer = scripted("Hello.")
    lead_in = loud(0.2)[:800] + bytes(800)  # a sound too short to count as speech
    _run(recognizer, [bytes(8000), lead_in, loud(1.0), bytes(8000)])
    assert recognizer.heard and all(lead_in in audio[:4800] for audio in recognizer.heard)


def test_a_turn_longer_than_the_maximum_is_cut_into_turns(scripted):
    frames = _run(scripted("On and on."), [loud(2.5), bytes(8000)], max_turn_seconds=1.0)
    assert _kinds(frames).count("UserStoppedSpeakingFrame") >= 2
    finals = [f for f in frames if isinstance(f, TranscriptionFrame) and f.final]
    assert len(finals) >= 2


def test_partial_transcripts_arrive_while_the_caller_is_still_speaking(scripted):
    frames = _run(scripted("my bike", "my bike was stolen"), [loud(2.6), bytes(8000)])
    partials = [f.text for f in frames if isinstance(f, TranscriptionFrame) and not f.final]
    stopped = next(i for i, f in enumerate(frames) if isinstance(f, UserStoppedSpeakingFrame))
    first_partial = next(i for i, f in enumerate(frames) if isinstance(f, TranscriptionFrame))
    assert partials and first_partial < stopped


def test_a_hesitant_speaker_is_not_cut_off_by_a_pause_after_um(scripted):
    recognizer = scripted("I think it was um", "I think it was um on Tuesday.")
    audio = [loud(1.0), bytes(int(2 * 8000 * 0.9)), loud(1.0), bytes(16000)]
    frames = _run(recognizer, audio, partial_interval=5.0)
    assert _kinds(frames).count("UserStoppedSpeakingFrame") == 1
    finals = [f.text for f in frames if isinstance(f, TranscriptionFrame) and f.final]
    assert finals == ["I think it was um on Tuesday."]


def test_the_same_pause_ends_the_turn_when_the_sentence_sounded_finished(scripted):
    recognizer = scripted("My car was broken into.", "On Tuesday.")
    audio = [loud(1.0), bytes(int(2 * 8000 * 0.9)), loud(1.0), bytes(16000)]
    frames = _run(recognizer, audio, partial_interval=5.0)
    assert _kinds(frames).count("UserStoppedSpeakingFrame") == 2


def test_unfinished_endings():
    assert sounds_unfinished("it was my")
    assert sounds_unfinished("and then, um")
    assert sounds_unfinished("I went to the shop and,")
    assert not sounds_unfinished("It was stolen yesterday.")
    assert not sounds_unfinished("")


def test_a_stopped_recognition_worker_becomes_a_fatal_error(scripted):
    frames = _run(scripted("hello"), [loud(0.5), loud(0.5), bytes(8000)],
                  before_last=lambda worker: worker.stop())  # fmt: skip
    errors = [f for f in frames if isinstance(f, ErrorFrame)]
    assert len(errors) == 1 and errors[0].fatal and errors[0].source == "asr"
    assert isinstance(frames[0], UserStartedSpeakingFrame)


def test_a_recogniser_that_falls_behind_becomes_a_fatal_error(scripted):
    frames = _run(scripted("hello", delay=1.5), [loud(0.6), bytes(24000)],
                  settle=1.0, asr_deadline=0.3, partial_interval=5.0)  # fmt: skip
    assert [f.error for f in frames if isinstance(f, ErrorFrame)] == [
        "speech recognition fell behind"
    ]


def test_an_engine_that_crashes_becomes_a_fatal_error(scripted):
    frames = _run(scripted("x", fail=True), [loud(0.6), bytes(8000)])
    assert any(isinstance(f, ErrorFrame) and f.fatal for f in frames)


STOLEN_BIKE = "Someone stole my bicycle from outside the library yesterday."
BROKEN_INTO = "My car was broken into last night and they took my laptop."


def test_pocketsphinx_streams_partials_while_the_caller_speaks_and_finals_as_good(pocketsphinx):
    engine = PocketSphinxEngine()  # its own, so what earlier streams heard plays no part
    turns = [phone_line(speech(sentence)) for sentence in (BROKEN_INTO, STOLEN_BIKE)]
    whole = engine.transcribe(turns[1], 8000)
    frames = _run(engine, [bytes(4000), turns[0], bytes(16000), turns[1], bytes(16000)],
                  pace=0.02, settle=1.0)  # fmt: skip
    stops = [i for i, f in enumerate(frames) if isinstance(f, UserStoppedSpeakingFrame)]
    finals = [f.text for f in frames if isinstance(f, TranscriptionFrame) and f.final]
    assert len(stops) == 2 and len(finals) == 2
    for start, stop in zip([0, stops[0]], stops, strict=True):
        between = frames[start:stop]
        assert any(isinstance(f, TranscriptionFrame) and not f.final for f in between)
    # A stream normalises sound by a running average, not one taken over the whole utterance:
    # it may miss a word or two at the start that whole transcription hears.
    assert words_right(STOLEN_BIKE, finals[1]) >= words_right(STOLEN_BIKE, whole) - 2


def test_a_worker_killed_mid_stream_becomes_one_fatal_error(pocketsphinx):
    line = phone_line(speech(STOLEN_BIKE))
    half = len(line) // 4 * 2
    frames = _run(PocketSphinxEngine(), [line[:half], line[half:] + bytes(16000)], settle=1.0,
                  before_last=lambda worker: worker.stop())  # fmt: skip
    errors = [f for f in frames if isinstance(f, ErrorFrame)]
    assert len(errors) == 1 and errors[0].fatal and errors[0].source == "asr"
    assert not any(isinstance(f, TranscriptionFrame) and f.final for f in frames)
