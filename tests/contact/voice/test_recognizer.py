import asyncio

from synergy.contact.voice.asr import RecognitionWorker
from synergy.contact.voice.frames import (
    ErrorFrame,
    TranscriptionFrame,
    UserStartedSpeakingFrame,
    UserStoppedSpeakingFrame,
)
from synergy.contact.voice.pipeline import Pipeline
from synergy.contact.voice.recognizer import SpeechToText, TurnSettings, sounds_unfinished
from synergy.contact.voice.vad import EnergyVAD

from .conftest import ScriptedRecognizer, feed, loud


def _run(recognizer, audio_parts, *, settle=0.3, before_last=None, **turn):
    worker = RecognitionWorker(recognizer)
    stt = SpeechToText(worker, EnergyVAD(), TurnSettings(**turn))
    out = []

    async def main():
        pipeline = Pipeline([stt], on_down=out.append)
        for index, part in enumerate(audio_parts):
            if before_last is not None and index == len(audio_parts) - 1:
                before_last(worker)
            await feed(pipeline, part)
        await asyncio.sleep(settle)
        await pipeline.close()

    asyncio.run(main())
    worker.stop()
    return out


def _kinds(frames):
    return [type(frame).__name__ for frame in frames if not isinstance(frame, TranscriptionFrame)
            or frame.final]  # fmt: skip


def test_a_pause_after_a_finished_sentence_ends_the_turn_with_a_final_transcript():
    frames = _run(ScriptedRecognizer("I lost my wallet."), [bytes(1600), loud(1.0), bytes(8000)])
    assert _kinds(frames) == [
        "UserStartedSpeakingFrame", "UserStoppedSpeakingFrame", "TranscriptionFrame",
    ]  # fmt: skip
    assert frames[-1] == TranscriptionFrame("I lost my wallet.", final=True, engine="scripted")


def test_partial_transcripts_arrive_while_the_caller_is_still_speaking():
    frames = _run(ScriptedRecognizer("my bike", "my bike was stolen"), [loud(2.6), bytes(8000)])
    partials = [f.text for f in frames if isinstance(f, TranscriptionFrame) and not f.final]
    stopped = next(i for i, f in enumerate(frames) if isinstance(f, UserStoppedSpeakingFrame))
    first_partial = next(i for i, f in enumerate(frames) if isinstance(f, TranscriptionFrame))
    assert partials and first_partial < stopped


def test_a_hesitant_speaker_is_not_cut_off_by_a_pause_after_um():
    recognizer = ScriptedRecognizer("I think it was um", "I think it was um on Tuesday.")
    audio = [loud(1.0), bytes(int(2 * 8000 * 0.9)), loud(1.0), bytes(16000)]
    frames = _run(recognizer, audio, partial_interval=5.0)
    assert _kinds(frames).count("UserStoppedSpeakingFrame") == 1
    finals = [f.text for f in frames if isinstance(f, TranscriptionFrame) and f.final]
    assert finals == ["I think it was um on Tuesday."]


def test_the_same_pause_ends_the_turn_when_the_sentence_sounded_finished():
    recognizer = ScriptedRecognizer("My car was broken into.", "On Tuesday.")
    audio = [loud(1.0), bytes(int(2 * 8000 * 0.9)), loud(1.0), bytes(16000)]
    frames = _run(recognizer, audio, partial_interval=5.0)
    assert _kinds(frames).count("UserStoppedSpeakingFrame") == 2


def test_unfinished_endings():
    assert sounds_unfinished("it was my")
    assert sounds_unfinished("and then, um")
    assert sounds_unfinished("I went to the shop and,")
    assert not sounds_unfinished("It was stolen yesterday.")
    assert not sounds_unfinished("")


def test_a_stopped_recognition_worker_becomes_a_fatal_error():
    frames = _run(ScriptedRecognizer("hello"), [loud(0.5), loud(0.5), bytes(8000)],
                  before_last=lambda worker: worker.stop())  # fmt: skip
    errors = [f for f in frames if isinstance(f, ErrorFrame)]
    assert len(errors) == 1 and errors[0].fatal and errors[0].source == "asr"
    assert isinstance(frames[0], UserStartedSpeakingFrame)


def test_a_recogniser_that_falls_behind_becomes_a_fatal_error():
    frames = _run(ScriptedRecognizer("hello", delay=1.5), [loud(0.6), bytes(24000)],
                  settle=1.0, asr_deadline=0.3, partial_interval=5.0)  # fmt: skip
    assert [f.error for f in frames if isinstance(f, ErrorFrame)] == [
        "speech recognition fell behind"
    ]


def test_an_engine_that_crashes_becomes_a_fatal_error():
    frames = _run(ScriptedRecognizer("x", fail=True), [loud(0.6), bytes(8000)])
    assert any(isinstance(f, ErrorFrame) and f.fatal for f in frames)
