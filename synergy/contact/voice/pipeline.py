"""A small frame pipeline: processors linked in a line, each passing frames on.

A processor receives every frame in `process_frame` and decides what to push on, and in which
direction. Processors never block the event loop: slow work (speech recognition, synthesis)
runs in threads and its results are pushed back as frames.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence

from synergy.contact.voice.frames import Direction, Frame


class FrameProcessor:
    """Passes every frame on unchanged; subclasses override `process_frame`."""

    def __init__(self) -> None:
        self._next: FrameProcessor | None = None
        self._prev: FrameProcessor | None = None

    def link(self, following: FrameProcessor) -> None:
        self._next = following
        following._prev = self

    async def process_frame(self, frame: Frame, direction: Direction) -> None:
        await self.push_frame(frame, direction)

    async def push_frame(self, frame: Frame, direction: Direction = Direction.DOWN) -> None:
        target = self._next if direction is Direction.DOWN else self._prev
        if target is not None:
            await target.process_frame(frame, direction)

    async def close(self) -> None:
        """Release threads or files; called once when the call ends."""


class FrameCollector(FrameProcessor):
    """An end of the line that hands each arriving frame to a callback."""

    def __init__(self, on_frame: Callable[[Frame], Awaitable[None] | None]) -> None:
        super().__init__()
        self._on_frame = on_frame

    async def process_frame(self, frame: Frame, direction: Direction) -> None:
        result = self._on_frame(frame)
        if result is not None:
            await result


class Pipeline:
    """Processors in order, with a collector at each end."""

    def __init__(
        self,
        processors: Sequence[FrameProcessor],
        *,
        on_down: Callable[[Frame], Awaitable[None] | None] = lambda frame: None,
        on_up: Callable[[Frame], Awaitable[None] | None] = lambda frame: None,
    ) -> None:
        if not processors:
            raise ValueError("a pipeline needs at least one processor")
        self.processors = list(processors)
        self._source = FrameCollector(on_up)
        self._sink = FrameCollector(on_down)
        chain = [self._source, *self.processors, self._sink]
        for before, after in zip(chain, chain[1:], strict=False):
            before.link(after)

    async def send(self, frame: Frame, direction: Direction = Direction.DOWN) -> None:
        if direction is Direction.DOWN:
            await self.processors[0].process_frame(frame, direction)
        else:
            await self.processors[-1].process_frame(frame, direction)

    async def close(self) -> None:
        for processor in self.processors:
            await processor.close()


async def run_test(
    processor: FrameProcessor,
    *,
    frames_to_send: Sequence[Frame],
    expected_down_frames: Sequence[type[Frame]] | None = None,
    expected_up_frames: Sequence[type[Frame]] | None = None,
    settle: float = 0.0,
) -> tuple[list[Frame], list[Frame]]:
    """Send frames through one processor; returns (downstream, upstream) frames that came out.

    When expected frame types are given they must match exactly, in order. `settle` waits
    that long after the last frame for work the processor finishes in the background.
    """
    down: list[Frame] = []
    up: list[Frame] = []
    pipeline = Pipeline([processor], on_down=down.append, on_up=up.append)
    for frame in frames_to_send:
        await pipeline.send(frame)
    if settle:
        await asyncio.sleep(settle)
    await pipeline.close()
    if expected_down_frames is not None:
        got = [type(frame) for frame in down]
        assert got == list(expected_down_frames), f"downstream frames were {got}"
    if expected_up_frames is not None:
        got = [type(frame) for frame in up]
        assert got == list(expected_up_frames), f"upstream frames were {got}"
    return down, up
