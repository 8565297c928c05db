"""The offline speech engines on real and synthetic speech (models loaded once per session)."""

from pathlib import Path

import pytest

from synergy.contact.voice.audio import chunks, read_wav, silence
from synergy.contact.voice.speech import asr
from synergy.contact.voice.speech.asr import ModelCheckFailed
from synergy.contact.voice.telephony.g711 import PCMU

from ..conftest import need, speech, words_right

REAL_VOICE = Path("/usr/share/sounds/alsa/Front_Center.wav")  # Debian alsa-utils


def _phone_line(pcm: bytes) -> bytes:
    return PCMU.decode(PCMU.encode(pcm))


def test_whisper_transcribes_a_phone_quality_sentence(whisper):
    heard = whisper.transcribe(
        _phone_line(speech("Somebody stole my car from outside my house.")), 8000
    )
    assert "stole my car" in heard.lower()


def test_whisper_transcribes_a_real_human_voice(whisper):
    need(REAL_VOICE.exists(), "alsa-utils is not installed (apt-get install alsa-utils)")
    pcm, rate = read_wav(REAL_VOICE)
    assert "front" in whisper.transcribe(pcm, rate).lower()


def test_pocketsphinx_transcribes_a_clear_sentence(pocketsphinx):
    heard = pocketsphinx.transcribe(speech("Please call me back tomorrow.", 16000), 16000)
    assert "call" in heard and "tomorrow" in heard


def test_silence_gives_whisper_an_empty_transcript(whisper):
    # (PocketSphinx may "hear" a word in pure silence; voice activity detection keeps
    # silence away from both engines.)
    assert whisper.transcribe(silence(1.0, 8000), 8000) == ""


def test_the_bundled_model_must_match_its_pinned_checksum(whisper, monkeypatch):
    assert asr.bundled_whisper_dir().joinpath("model.bin").exists()
    monkeypatch.setattr(asr, "BUNDLED_WHISPER_SHA256", "0" * 64)
    with pytest.raises(ModelCheckFailed):
        asr.bundled_whisper_dir()


def test_unknown_engines_are_named_in_the_error():
    with pytest.raises(ValueError, match="pocketsphinx"):
        asr.make_engine("vosk")


def test_a_pocketsphinx_stream_of_a_phone_call_hears_as_much_as_whole_utterances(pocketsphinx):
    engine = asr.PocketSphinxEngine()  # its own, so what earlier streams heard plays no part
    sentences = [
        "Please call me back tomorrow.",
        "Somebody stole my car from outside my house.",
        "I would like an update on my crime report.",
    ]
    whole = streamed = 0
    for sentence in sentences:
        line = _phone_line(speech(sentence))
        whole += words_right(sentence, engine.transcribe(line, 8000))
        stream = engine.stream(8000)
        for piece in chunks(line, 8000):  # 20 ms packets, as a call delivers them
            stream.feed(piece)
        streamed += words_right(sentence, stream.finish())
    assert streamed >= whole - 1 and streamed >= 12  # of 21 words
