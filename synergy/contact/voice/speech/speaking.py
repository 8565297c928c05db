"""Speech out: `TextToSpeech` turns TextFrames into audio, sentence by sentence, and
`PlaybackBuffer` paces that audio to the caller in 20 ms packets.

Barge-in: an InterruptionFrame cancels synthesis still to come and empties the buffer, so
the assistant falls silent within one packet of the caller being heard.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable

from synergy.contact.voice.audio import resample
from synergy.contact.voice.frames import (
    Direction,
    EndFrame,
    ErrorFrame,
    Frame,
    HandoverFrame,
    InterruptionFrame,
    TextFrame,
    TTSAudioFrame,
    TTSStartedFrame,
    TTSStoppedFrame,
)
from synergy.contact.voice.pipeline import FrameProcessor
from synergy.contact.voice.speech.tts import SpeechSynthesizer

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCE_END.split(text) if part.strip()]


class TextToSpeech(FrameProcessor):
    """TextFrames in; TTSStarted, TTSAudio (one per sentence) and TTSStopped frames out.

    The first sentence is played while the next is synthesised. A synthesis failure or one
    slower than `deadline` goes upstream as a fatal ErrorFrame.
    """

    def __init__(self, synthesizer: SpeechSynthesizer, *, deadline: float = 5.0) -> None:
        super().__init__()
        self.synthesizer = synthesizer
        self.deadline = deadline
        self._queue: asyncio.Queue[str] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self._generation = 0  # bumped by each interruption
        self.failed = False

    async def process_frame(self, frame: Frame, direction: Direction) -> None:
        if isinstance(frame, TextFrame) and direction is Direction.DOWN:
            if not self.failed:
                self._queue.put_nowait(frame.text)
                self._ensure_running()
            return
        if isinstance(frame, InterruptionFrame):
            await self._interrupt()
        if isinstance(frame, EndFrame | HandoverFrame) and direction is Direction.DOWN:
            await self.drain()  # hang up or transfer only after the last words are ready
        await self.push_frame(frame, direction)

    def _ensure_running(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._speak_queued())

    async def _speak_queued(self) -> None:
        generation = self._generation
        while not self._queue.empty() and generation == self._generation:
            text = self._queue.get_nowait()
            await self.push_frame(TTSStartedFrame(text))
            for sentence in sentences(text):
                try:
                    pcm, rate = await asyncio.wait_for(
                        asyncio.to_thread(self.synthesizer.synthesize, sentence), self.deadline
                    )
                except Exception as exc:  # noqa: BLE001 - any failure must reach the assistant
                    self.failed = True
                    await self.push_frame(
                        ErrorFrame(f"speech synthesis failed: {exc!r}", "tts", fatal=True),
                        Direction.UP,
                    )
                    return
                if generation != self._generation:
                    return  # interrupted while this sentence was being synthesised
                await self.push_frame(TTSAudioFrame(pcm, rate))
            await self.push_frame(TTSStoppedFrame())

    async def _interrupt(self) -> None:
        self._generation += 1
        while not self._queue.empty():
            self._queue.get_nowait()
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None

    async def drain(self) -> None:
        """Wait until everything queued has been synthesised."""
        while self._task is not None and not self._task.done():
            if self._task is asyncio.current_task():
                return  # called back from our own synthesis (its error went upstream)
            await asyncio.wait({self._task})

    async def close(self) -> None:
        await self._interrupt()


class PlaybackBuffer:
    """Audio waiting to be sent to the caller, read in fixed packets at the line's rate.

    Lives on the event loop; `write` and `clear` are called by the pipeline's output end,
    `read` by the transport's sender every 20 ms.
    """

    def __init__(self, sample_rate: int, *, on_first_audio: Callable[[], None] | None = None):
        self.sample_rate = sample_rate
        self._pending = bytearray()
        self.speaking = False  # TTS has started a reply that has not finished playing
        self.on_first_audio = on_first_audio
        self.heard: bytearray = bytearray()  # everything played, for tests and recordings
        self.keep_heard = False

    @property
    def playing(self) -> bool:
        return self.speaking or bool(self._pending)

    async def handle(self, frame: Frame) -> None:
        """The pipeline's downstream end."""
        if isinstance(frame, TTSStartedFrame):
            self.speaking = True
        elif isinstance(frame, TTSAudioFrame):
            if self.on_first_audio is not None:
                self.on_first_audio()
            self._pending += resample(frame.pcm, frame.sample_rate, self.sample_rate)
        elif isinstance(frame, TTSStoppedFrame):
            self.speaking = False
        elif isinstance(frame, InterruptionFrame):
            self.clear()

    def clear(self) -> None:
        self._pending.clear()
        self.speaking = False

    def read(self, samples: int) -> bytes | None:
        """The next packet of audio, or None when there is nothing to play."""
        if not self._pending:
            return None
        size = 2 * samples
        chunk = bytes(self._pending[:size]).ljust(size, b"\0")
        del self._pending[:size]
        if self.keep_heard:
            self.heard += chunk
        return chunk

    @property
    def queued_seconds(self) -> float:
        return len(self._pending) / 2 / self.sample_rate
