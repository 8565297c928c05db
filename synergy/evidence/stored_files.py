"""A finished evidence file's bytes, from wherever it is kept (local disk or the object
store), and their SHA-256: read by review (playback, export) and by the content check."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from synergy.core.config import Settings
from synergy.evidence.models import EvidenceFile
from synergy.evidence.object_store import object_store_for
from synergy.evidence.storage import Storage

READ_PIECE = 1 << 20


def file_pieces(storage: Storage, file: EvidenceFile, settings: Settings) -> Iterator[bytes]:
    """The file's bytes from wherever it is kept (local disk or the object store)."""
    store = object_store_for(settings) if file.object_key else None
    if store is not None:
        yield from store.read(file.object_key or "")
        return
    with storage.open_read(file.storage_key) as handle:
        while piece := handle.read(READ_PIECE):
            yield piece


def file_sha256(storage: Storage, file: EvidenceFile, settings: Settings) -> str:
    digest = hashlib.sha256()
    for piece in file_pieces(storage, file, settings):
        digest.update(piece)
    return digest.hexdigest()
