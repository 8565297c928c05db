"""Voice activity: is this 10-30 ms chunk of audio speech?

`webrtcvad-wheels` (the `voice` extra) is the default; `EnergyVAD` needs nothing and serves
small installs and tests. End-of-turn decisions are made on top of these by
`synergy.contact.voice.speech.recognizer`.
"""

from __future__ import annotations

from typing import Protocol

from synergy.contact.voice.audio import rms_dbfs


class VoiceActivityDetector(Protocol):
    name: str

    def is_speech(self, pcm: bytes, sample_rate: int) -> bool: ...


class EnergyVAD:
    """Speech is anything louder than `threshold_dbfs` (fine on clean lines and for tests)."""

    name = "energy"

    def __init__(self, threshold_dbfs: float = -45.0) -> None:
        self.threshold_dbfs = threshold_dbfs

    def is_speech(self, pcm: bytes, sample_rate: int) -> bool:
        return rms_dbfs(pcm) > self.threshold_dbfs


class WebRTCVAD:
    """Google's WebRTC voice activity detector, with a loudness gate against line hiss."""

    name = "webrtc"
    _RATES = (8000, 16000, 32000, 48000)

    def __init__(self, aggressiveness: int = 2, floor_dbfs: float = -55.0) -> None:
        try:
            import webrtcvad
        except ModuleNotFoundError as exc:  # pragma: no cover - depends on the install
            raise ModuleNotFoundError(
                "WebRTC voice activity detection needs the voice extra: "
                "pip install 'synergy[voice]' (webrtcvad-wheels)",
                name=exc.name,
            ) from exc
        self._vad = webrtcvad.Vad(aggressiveness)
        self._floor = floor_dbfs

    def is_speech(self, pcm: bytes, sample_rate: int) -> bool:
        if sample_rate not in self._RATES or rms_dbfs(pcm) < self._floor:
            return False
        # webrtcvad takes 10, 20 or 30 ms; judge the first 30/20/10 ms that fit.
        for milliseconds in (30, 20, 10):
            size = 2 * sample_rate * milliseconds // 1000
            if len(pcm) >= size:
                return bool(self._vad.is_speech(pcm[:size], sample_rate))
        return False


def default_vad() -> VoiceActivityDetector:
    try:
        return WebRTCVAD()
    except ModuleNotFoundError:
        return EnergyVAD()
