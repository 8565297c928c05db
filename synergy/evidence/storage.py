"""Where evidence bytes live. Files are written at a given offset and fsynced before the
offset is committed, so the database never claims more bytes than the disk holds.

Only a local filesystem backend exists so far; `Storage` is the interface an object-store
backend would implement.
"""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import BinaryIO, Protocol

from synergy.core.errors import Conflict, SynergyError


class StorageFull(SynergyError):
    status_code = 507
    title = "We cannot store this file at the moment"


class UploadBusy(Conflict):
    title = "This file is already being uploaded"


class Storage(Protocol):
    def create(self, key: str) -> None: ...
    def append(self, key: str, offset: int) -> BinaryIO: ...
    def truncate(self, key: str, length: int) -> None: ...
    def open_read(self, key: str) -> BinaryIO: ...
    def size(self, key: str) -> int: ...
    def delete(self, key: str) -> None: ...
    def locked(self, key: str) -> AbstractContextManager[None]: ...


class LocalStorage:
    """Files under one folder, named by a random key (never by the uploader's file name)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        # Evidence is readable by the service account only, whatever the process umask.
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        root.chmod(0o700)

    def path(self, key: str) -> Path:
        if not key.isalnum():
            raise ValueError("storage keys are letters and digits only")
        return self.root / key

    def create(self, key: str) -> None:
        with disk_errors():
            self.path(key).touch(mode=0o600, exist_ok=False)
            (self.root / f"{key}lock").touch(mode=0o600)

    def append(self, key: str, offset: int) -> BinaryIO:
        """Opened for writing at `offset` (anything after it is cut off first)."""
        handle = open(self.path(key), "r+b", buffering=0)  # noqa: SIM115 - caller closes it
        handle.truncate(offset)
        handle.seek(offset)
        return handle

    def truncate(self, key: str, length: int) -> None:
        with open(self.path(key), "r+b") as handle:
            handle.truncate(length)
            os.fsync(handle.fileno())

    def open_read(self, key: str) -> BinaryIO:
        return open(self.path(key), "rb")  # noqa: SIM115 - caller closes it

    def size(self, key: str) -> int:
        return self.path(key).stat().st_size

    def delete(self, key: str) -> None:
        for path in (self.path(key), self.root / f"{key}lock"):
            path.unlink(missing_ok=True)

    @contextmanager
    def locked(self, key: str) -> Iterator[None]:
        """One writer per file, across processes; a second one gets 409 at once."""
        with open(self.root / f"{key}lock", "a+b") as lock:
            try:
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise UploadBusy(
                    "Another upload of this file is in progress. Wait for it to stop, then resume."
                ) from None
            try:
                yield
            finally:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


@contextmanager
def disk_errors() -> Iterator[None]:
    """A full disk becomes a clear 507 instead of a crash."""
    try:
        yield
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise StorageFull(
                "Our storage is full. Your upload is kept so far; try again later to continue."
            ) from None
        raise
