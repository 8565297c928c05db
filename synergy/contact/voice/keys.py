"""In-band key presses: find DTMF tones in the caller's audio and keep them from the
speech recogniser (used when the line does not send RFC 4733 telephone-events)."""

from __future__ import annotations

from synergy.contact.voice.frames import AudioFrame, Direction, DTMFFrame, Frame
from synergy.contact.voice.pipeline import FrameProcessor
from synergy.contact.voice.telephony.dtmf import InbandDTMFDetector


class InbandKeyDetector(FrameProcessor):
    def __init__(self) -> None:
        super().__init__()
        self._detector: InbandDTMFDetector | None = None

    async def process_frame(self, frame: Frame, direction: Direction) -> None:
        if not isinstance(frame, AudioFrame) or direction is not Direction.DOWN:
            await self.push_frame(frame, direction)
            return
        if self._detector is None or self._detector.sample_rate != frame.sample_rate:
            self._detector = InbandDTMFDetector(frame.sample_rate)
        keys = self._detector.feed(frame.pcm)
        for key in keys:
            await self.push_frame(DTMFFrame(key, source="inband"))
        if keys or self._detector.tone_present:
            # A tone is not speech: pass silence on instead.
            frame = AudioFrame(bytes(len(frame.pcm)), frame.sample_rate)
        await self.push_frame(frame, direction)
