"""The offline speech engines on real and synthetic speech (models loaded once per session)."""

from pathlib import Path

import pytest

from synergy.contact.voice import asr
from synergy.contact.voice.asr import ModelCheckFailed, RecognitionWorker, WorkerStopped
from synergy.contact.voice.audio import read_wav, silence
from synergy.contact.voice.g711 import PCMU

from .conftest import ScriptedRecognizer, need, speech

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


def test_a_stopped_worker_refuses_new_work():
    worker = RecognitionWorker(ScriptedRecognizer("hello"))
    assert worker.submit(b"\0" * 320, 8000).result(5) == "hello"
    worker.stop()
    with pytest.raises(WorkerStopped):
        worker.submit(b"\0" * 320, 8000)


def test_unknown_engines_are_named_in_the_error():
    with pytest.raises(ValueError, match="pocketsphinx"):
        asr.make_engine("vosk")
