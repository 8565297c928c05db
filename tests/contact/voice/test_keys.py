from synergy.contact.voice.audio import silence
from synergy.contact.voice.keys import InbandDTMFDetector, dtmf_tone

from .conftest import speech


def test_inband_tones_are_found_once_each_at_telephone_and_wideband_rates():
    for rate in (8000, 16000):
        detector = InbandDTMFDetector(rate)
        audio = b"".join(dtmf_tone(key, rate) + silence(0.06, rate) for key in "1234567890*#")
        assert "".join(detector.feed(audio)) == "1234567890*#"


def test_a_held_key_counts_once_and_speech_is_not_taken_for_keys():
    detector = InbandDTMFDetector(8000)
    assert detector.feed(dtmf_tone("5", 8000, seconds=0.6)) == ["5"]
    detector = InbandDTMFDetector(8000)
    assert detector.feed(speech("Please call me back on my mobile number tomorrow.")) == []
