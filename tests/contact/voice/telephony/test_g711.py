import warnings

import numpy as np

from synergy.contact.voice.telephony.g711 import PCMA, PCMU

EVERY_SAMPLE = np.arange(-32768, 32768, dtype="<i2").tobytes()
EVERY_CODE = bytes(range(256))


def _reference():
    # The standard library's G.711 is deprecated (gone in 3.13) but is the reference here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import audioop
    return audioop


def test_mulaw_matches_the_reference_codec_for_every_sample_and_code():
    audioop = _reference()
    assert PCMU.encode(EVERY_SAMPLE) == audioop.lin2ulaw(EVERY_SAMPLE, 2)
    assert PCMU.decode(EVERY_CODE) == audioop.ulaw2lin(EVERY_CODE, 2)


def test_alaw_matches_the_reference_codec_for_every_sample_and_code():
    audioop = _reference()
    assert PCMA.encode(EVERY_SAMPLE) == audioop.lin2alaw(EVERY_SAMPLE, 2)
    assert PCMA.decode(EVERY_CODE) == audioop.alaw2lin(EVERY_CODE, 2)


def test_round_trip_keeps_speech_level_signals_within_companding_error():
    t = np.arange(8000) / 8000
    tone = (np.sin(2 * np.pi * 440 * t) * 10000).astype("<i2")
    for codec in (PCMU, PCMA):
        back = np.frombuffer(codec.decode(codec.encode(tone.tobytes())), dtype="<i2")
        error = np.abs(back.astype(int) - tone.astype(int))
        assert error.max() <= 10000 * 0.04
    assert PCMU.silence(160) == b"\xff" * 160
