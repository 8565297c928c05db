"""Streams one tus request body to storage: hashed as it arrives, never held whole.

Each piece of body the server hands over (up to about 2 MiB, see `synergy.core.serving`) is
queued for one store thread, which writes it to the file and hashes it while the event loop
receives the next ones (file writes and OpenSSL both release the GIL). At most DEPTH pieces
wait or are being stored, so memory stays flat whatever the file size. Durable progress
(fsync, then offset and hash state in one transaction) is committed at the end, every 64 MiB,
and when the client goes away. The 64 MiB commits run on another thread while the next bytes
arrive: they record only bytes written before their fsync began, so the committed offset never
exceeds the durable bytes.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, BinaryIO

from fastapi import Request
from starlette.requests import ClientDisconnect

from synergy.core.db import transaction
from synergy.core.deps import client_ip
from synergy.core.errors import SynergyError
from synergy.evidence import uploads
from synergy.evidence.deps import storage_for
from synergy.evidence.hashing import ResumableSha256
from synergy.evidence.media import SNIFF_BYTES
from synergy.evidence.settings import EvidenceSettings
from synergy.evidence.storage import Storage, disk_errors

# Linux takes several times longer per byte to write 1 MiB at once than in 256 KiB slices
# (measured with bench/evidence_upload.py), so each piece goes to the file in slices.
WRITE_SLICE = 256 << 10
COMMIT_EVERY = 64 << 20
DEPTH = 2  # pieces queued for storing: smooths out the store thread's hiccups


class StoreAbandoned(RuntimeError):
    """A piece queued behind one that failed to store (the first failure is reported)."""


class ChecksumMismatch(SynergyError):
    status_code = 460
    title = "Checksum mismatch"


@dataclass
class Target:
    """The upload being written: its row id, storage key, committed offset, length, state."""

    file_id: int
    storage_key: str
    offset: int
    length: int
    hash_state: bytes


class _Writer:
    """Writes, hashes, fsyncs and commits progress, each on a worker thread. `written` and
    `committed` are only changed on the event loop, between pieces."""

    def __init__(self, request: Request, target: Target, checksum: tuple[str, bytes] | None):
        self.request = request
        self.target = target
        self.storage: Storage = storage_for(request)
        self.hasher = ResumableSha256(target.hash_state)
        self.checker = hashlib.new(checksum[0]) if checksum else None
        self.expected = checksum[1] if checksum else None
        self.committed = self.written = target.offset
        self.failed = False  # a store failed: pieces queued after it are not stored
        self.handle: BinaryIO = self.storage.append(target.storage_key, target.offset)

    def store(self, piece: bytes) -> None:
        """Write one piece at the end of the file, then add it to the hashes."""
        if self.failed:
            raise StoreAbandoned("an earlier piece could not be stored")
        view = memoryview(piece)
        try:
            with disk_errors():
                done = 0
                while done < len(view):
                    done += self.handle.write(view[done : done + WRITE_SLICE]) or 0
        except BaseException:
            self.failed = True
            raise
        self.hasher.update(view)
        if self.checker is not None:
            self.checker.update(view)

    def progress(self) -> uploads.Progress | None:
        """What a commit now would record (call with no piece in flight)."""
        if self.written == self.committed:
            return None
        return uploads.Progress(self.committed, self.written, self.hasher.state())

    def persist(self, progress: uploads.Progress) -> None:
        """fsync, then record the offset and hash state (never the other way round). Bytes
        written after `progress` was taken may be written meanwhile; fsync covers at least
        the ones it records."""
        if self.request.app.state.settings.section(EvidenceSettings).fsync:
            with disk_errors():
                os.fsync(self.handle.fileno())
        with transaction(self.request.app.state.session_factory) as session:
            uploads.commit_progress(
                session,
                file_id=self.target.file_id,
                progress=progress,
                source_ip=client_ip(self.request),
            )

    def checksum_matches(self) -> bool:
        return self.checker is None or self.checker.digest() == self.expected

    def discard(self) -> None:
        """Drop bytes not yet committed (failed checksum, oversized body)."""
        self.storage.truncate(self.target.storage_key, self.committed)
        self.written = self.committed

    def close(self) -> None:
        self.handle.close()


class _Pipeline:
    """Stores pieces in order on one worker thread while the next are received (at most
    DEPTH waiting or being stored); runs at most one commit in the background."""

    def __init__(
        self, writer: _Writer, executor: ThreadPoolExecutor, storing: ThreadPoolExecutor
    ) -> None:
        self.writer = writer
        self.executor = executor
        self.storing = storing  # one thread: pieces are stored in the order they came
        self.loop = asyncio.get_running_loop()
        self.pending: collections.deque[tuple[asyncio.Future[None], int]] = collections.deque()
        self.committing: tuple[asyncio.Future[None], int] | None = None

    def _submit(self, function: Any, *args: Any) -> asyncio.Future[Any]:
        return self.loop.run_in_executor(self.executor, function, *args)

    async def run(self, function: Any, *args: Any) -> Any:
        """Run `function` on a worker once every piece and commit in flight has finished."""
        await self.settle()
        return await self._submit(function, *args)

    async def drain(self) -> None:
        """Wait for every queued piece to be written and hashed."""
        while self.pending:
            await self._finish_oldest()

    async def _finish_oldest(self) -> None:
        stored, length = self.pending.popleft()
        try:
            await stored
        except BaseException:
            # Pieces queued behind a failed one are not stored; wait for them, then report
            # the first failure.
            for later, _ in self.pending:
                with contextlib.suppress(Exception):
                    await later
            self.pending.clear()
            raise
        self.writer.written += length

    async def settle(self) -> None:
        """Wait for the piece and the commit in flight."""
        try:
            await self.drain()
        finally:
            if self.committing is not None:
                done, offset = self.committing
                self.committing = None
                await done
                self.writer.committed = offset

    async def commit_in_background(self) -> None:
        """Start a commit of what is written so far if COMMIT_EVERY bytes are uncommitted,
        unless one is still running."""
        if self.committing is not None and not self.committing[0].done():
            return
        await self.settle()
        if self.writer.written - self.writer.committed < COMMIT_EVERY:
            return
        progress = self.writer.progress()
        if progress is not None:
            self.committing = (self._submit(self.writer.persist, progress), progress.offset)

    async def commit(self) -> int:
        """Commit everything written, and wait for it; returns the committed offset."""
        await self.settle()
        progress = self.writer.progress()
        if progress is not None:
            await self._submit(self.writer.persist, progress)
            self.writer.committed = progress.offset
        return self.writer.committed

    async def add(self, piece: bytes) -> None:
        """Queue `piece` for storing, first waiting while DEPTH pieces are queued."""
        if piece:
            while len(self.pending) >= DEPTH:
                await self._finish_oldest()
            stored = self.loop.run_in_executor(self.storing, self.writer.store, piece)
            self.pending.append((stored, len(piece)))


async def receive(request: Request, target: Target, checksum: tuple[str, bytes] | None) -> int:
    """Store the body from `target.offset`; returns the new committed offset."""
    with (
        ThreadPoolExecutor(max_workers=2, thread_name_prefix="evidence-upload") as executor,
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="evidence-store") as storing,
    ):
        loop = asyncio.get_running_loop()
        writer = await loop.run_in_executor(executor, _Writer, request, target, checksum)
        pipe = _Pipeline(writer, executor, storing)
        try:
            return await _stream(request, target, pipe, checksum is not None)
        finally:
            try:
                await pipe.settle()
            finally:
                await loop.run_in_executor(executor, writer.close)


async def _stream(request: Request, target: Target, pipe: _Pipeline, verified: bool) -> int:
    writer = pipe.writer
    received = target.offset
    # The first bytes of a new file are held back until they show what the file is.
    held: list[bytes] | None = None if target.offset > 0 else []
    sniff = min(SNIFF_BYTES, target.length)
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > target.length:
                await pipe.run(writer.discard)
                raise uploads.TooLarge("More bytes were sent than the upload's length")
            if held is not None:
                held.append(chunk)
                if received - target.offset < sniff:
                    continue
                chunk, held = _release(held)
            await pipe.add(chunk)
            if not verified and writer.written - writer.committed >= COMMIT_EVERY:
                await pipe.commit_in_background()
        if held:
            await pipe.add(_release(held)[0])
        await pipe.drain()
        if not await pipe.run(writer.checksum_matches):
            await pipe.run(writer.discard)
            raise ChecksumMismatch("The bytes received do not match Upload-Checksum; resend them")
        return await pipe.commit()
    except ClientDisconnect:
        # Keep what arrived (tus): the client resumes from here. A chunk with a checksum
        # cannot be verified, and bytes not yet known to be a video are not kept.
        if verified or held is not None:
            await pipe.run(writer.discard)
        else:
            await pipe.commit()
        return writer.committed


def _release(held: list[bytes]) -> tuple[bytes, None]:
    """The held-back first bytes as one piece, once they pass the content check."""
    first = b"".join(held)
    uploads.check_first_bytes(first[:SNIFF_BYTES])
    return first, None
