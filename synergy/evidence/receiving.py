"""Streams one tus request body to storage: hashed as it arrives, never held whole.

Two fixed 1 MiB buffers alternate: while one is written and hashed on this upload's own
thread, the event loop fills the other, so receiving, writing and hashing overlap and no
memory is allocated per piece (memory stays flat whatever the file size). Durable progress
(fsync, then offset and hash state in one transaction) is committed at the end, every 64 MiB,
and when the client goes away.
"""

from __future__ import annotations

import asyncio
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
from synergy.evidence.storage import Storage, disk_errors

PIECE = 1 << 20
COMMIT_EVERY = 64 << 20


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
    """Runs on the upload's thread: writes, hashes, fsyncs and commits progress."""

    def __init__(self, request: Request, target: Target, checksum: tuple[str, bytes] | None):
        self.request = request
        self.target = target
        self.storage: Storage = storage_for(request)
        self.hasher = ResumableSha256(target.hash_state)
        self.checker = hashlib.new(checksum[0]) if checksum else None
        self.expected = checksum[1] if checksum else None
        self.committed = self.written = target.offset
        self.handle: BinaryIO = self.storage.append(target.storage_key, target.offset)

    def write(self, piece: memoryview) -> None:
        with disk_errors():
            done = 0
            while done < len(piece):
                done += self.handle.write(piece[done:]) or 0
        self.hasher.update(piece)
        if self.checker is not None:
            self.checker.update(piece)
        self.written += len(piece)

    def commit(self) -> None:
        """fsync, then record the offset and hash state (never the other way round)."""
        if self.written == self.committed:
            return
        if self.request.app.state.settings.evidence_fsync:
            with disk_errors():
                os.fsync(self.handle.fileno())
        progress = uploads.Progress(self.committed, self.written, self.hasher.state())
        with transaction(self.request.app.state.session_factory) as session:
            uploads.commit_progress(
                session,
                file_id=self.target.file_id,
                progress=progress,
                source_ip=client_ip(self.request),
            )
        self.committed = self.written

    def checksum_matches(self) -> bool:
        return self.checker is None or self.checker.digest() == self.expected

    def discard(self) -> None:
        """Drop bytes not yet committed (failed checksum, oversized body)."""
        self.storage.truncate(self.target.storage_key, self.committed)
        self.written = self.committed

    def close(self) -> None:
        self.handle.close()


class _Pipeline:
    """Fills one buffer on the event loop while the other is written on the upload's thread."""

    def __init__(self, writer: _Writer, executor: ThreadPoolExecutor) -> None:
        self.writer = writer
        self.executor = executor
        self.loop = asyncio.get_running_loop()
        self.buffers = [bytearray(PIECE), bytearray(PIECE)]
        self.current = 0
        self.fill = 0
        self.pending: asyncio.Future[None] | None = None

    async def run(self, function: Any, *args: Any) -> Any:
        await self.drain()
        return await self.loop.run_in_executor(self.executor, function, *args)

    async def drain(self) -> None:
        if self.pending is not None:
            pending, self.pending = self.pending, None
            await pending

    async def add(self, chunk: bytes) -> None:
        view = memoryview(chunk)
        while view:
            room = PIECE - self.fill
            taken = view[:room]
            self.buffers[self.current][self.fill : self.fill + len(taken)] = taken
            self.fill += len(taken)
            view = view[len(taken) :]
            if self.fill == PIECE:
                await self.flush()

    async def flush(self) -> None:
        await self.drain()
        if self.fill:
            piece = memoryview(self.buffers[self.current])[: self.fill]
            self.pending = self.loop.run_in_executor(self.executor, self.writer.write, piece)
            self.current ^= 1
            self.fill = 0

    def head(self) -> bytes:
        return bytes(self.buffers[self.current][: min(self.fill, SNIFF_BYTES)])


async def receive(request: Request, target: Target, checksum: tuple[str, bytes] | None) -> int:
    """Store the body from `target.offset`; returns the new committed offset."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="evidence-upload") as executor:
        loop = asyncio.get_running_loop()
        writer = await loop.run_in_executor(executor, _Writer, request, target, checksum)
        pipe = _Pipeline(writer, executor)
        try:
            return await _stream(request, target, pipe, checksum is not None)
        finally:
            await pipe.drain()
            await loop.run_in_executor(executor, writer.close)


async def _stream(request: Request, target: Target, pipe: _Pipeline, verified: bool) -> int:
    writer = pipe.writer
    received = target.offset
    sniffed = target.offset > 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > target.length:
                await pipe.run(writer.discard)
                raise uploads.TooLarge("More bytes were sent than the upload's length")
            if not sniffed and pipe.fill + len(chunk) >= min(SNIFF_BYTES, target.length):
                uploads.check_first_bytes((pipe.head() + chunk)[:SNIFF_BYTES])
                sniffed = True
            await pipe.add(chunk)
            if not verified and writer.written - writer.committed >= COMMIT_EVERY:
                await pipe.run(writer.commit)
        if not sniffed and pipe.fill:
            uploads.check_first_bytes(pipe.head())
        await pipe.flush()
        if not await pipe.run(writer.checksum_matches):
            await pipe.run(writer.discard)
            raise ChecksumMismatch("The bytes received do not match Upload-Checksum; resend them")
        await pipe.run(writer.commit)
        return writer.committed
    except ClientDisconnect:
        # Keep what arrived (tus): the client resumes from here. A chunk with a checksum
        # cannot be verified, so it is dropped.
        if verified or not sniffed:
            await pipe.run(writer.discard)
        else:
            await pipe.flush()
            await pipe.run(writer.commit)
        return writer.committed
