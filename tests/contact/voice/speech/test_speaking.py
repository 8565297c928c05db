import asyncio

from synergy.contact.voice.frames import (
    EndFrame,
    ErrorFrame,
    InterruptionFrame,
    TextFrame,
    TTSAudioFrame,
    TTSStartedFrame,
    TTSStoppedFrame,
)
from synergy.contact.voice.pipeline import run_test
from synergy.contact.voice.speech.speaking import PlaybackBuffer, TextToSpeech, sentences
from synergy.contact.voice.speech.tts import CachedSynthesizer, FliteEngine

from ..conftest import ToneSynthesizer, need


def test_each_sentence_is_synthesised_and_sent_on_in_order():
    synthesizer = ToneSynthesizer()
    asyncio.run(run_test(
        TextToSpeech(synthesizer),
        frames_to_send=[TextFrame("Where did it happen? Give the postcode."), EndFrame()],
        expected_down_frames=[TTSStartedFrame, TTSAudioFrame, TTSAudioFrame, TTSStoppedFrame,
                              EndFrame],
    ))  # fmt: skip
    assert synthesizer.texts == ["Where did it happen?", "Give the postcode."]


def test_an_interruption_stops_speech_not_yet_synthesised():
    async def main():
        tts = TextToSpeech(ToneSynthesizer())
        return await run_test(
            tts, frames_to_send=[TextFrame("One. Two. Three. Four."), InterruptionFrame()],
            settle=0.2,
        )  # fmt: skip

    down, _ = asyncio.run(main())
    assert not any(isinstance(frame, TTSAudioFrame) for frame in down)
    assert isinstance(down[-1], InterruptionFrame)


def test_a_failing_synthesiser_sends_a_fatal_error_upstream():
    down, up = asyncio.run(run_test(
        TextToSpeech(ToneSynthesizer(fail=True)), frames_to_send=[TextFrame("Hello.")], settle=0.2,
    ))  # fmt: skip
    assert [type(frame) for frame in up] == [ErrorFrame]
    assert up[0].fatal and up[0].source == "tts"


def test_playback_is_emptied_by_an_interruption_and_resampled_to_the_line():
    async def main():
        buffer = PlaybackBuffer(8000)
        await buffer.handle(TTSStartedFrame("hi"))
        await buffer.handle(TTSAudioFrame(bytes(32000), 16000))  # 1 s at 16 kHz
        assert buffer.playing and abs(buffer.queued_seconds - 1.0) < 0.01
        assert len(buffer.read(160) or b"") == 320
        await buffer.handle(InterruptionFrame())
        assert not buffer.playing and buffer.read(160) is None

    asyncio.run(main())


def test_fixed_prompts_are_synthesised_once():
    synthesizer = ToneSynthesizer()
    cached = CachedSynthesizer(synthesizer)
    cached.warm(["Hello.", "Goodbye."])
    cached.synthesize("Hello.")
    assert synthesizer.texts == ["Hello.", "Goodbye."] and cached.hits == 1


def test_sentences_split_on_full_stops_and_questions():
    assert sentences("Hello. Is that right?  Yes!") == ["Hello.", "Is that right?", "Yes!"]


def test_flite_speaks_with_a_british_voice():
    import shutil

    need(shutil.which("flite") is not None, "flite is not installed (apt-get install flite)")
    engine = FliteEngine()
    pcm, rate = engine.synthesize("-Hello, this is the police.")
    assert engine.voice == "awb" and rate == 16000 and len(pcm) > rate  # over half a second
