"""Reviewing uploads: play in the browser (HTTP range requests), download, and export a
bundle of the files with a manifest of their SHA-256 hashes. Every file is checked against its
recorded SHA-256 before any of it is served: a changed file is refused (and the refusal
audited). Only the request's case team, or a supervisor who has stated a reason, may review
(see `access.py`)."""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
import time
import zipfile
from collections.abc import Iterator
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, Response, StreamingResponse
from sqlalchemy.orm import Session

from synergy.core import audit
from synergy.core.config import Settings
from synergy.core.deps import SessionDep, client_ip
from synergy.core.errors import Conflict, NotFound, SynergyError
from synergy.core.principal import Principal
from synergy.evidence import access, service, uploads
from synergy.evidence.deps import PublicId, Viewer, storage_for
from synergy.evidence.models import EvidenceFile
from synergy.evidence.object_store import object_store_for
from synergy.evidence.storage import LocalStorage, Storage
from synergy.evidence.stored_files import file_pieces, file_sha256

router = APIRouter(prefix="/evidence")


class HashMismatch(Conflict):
    title = "A file no longer matches its recorded hash"


def _audit(db: Session, file: EvidenceFile, action: str, user: Principal, request: Request) -> None:
    audit.record(
        db,
        action=action,
        actor=user.username,
        target_type="evidence_file",
        target_id=file.public_id,
        source_ip=client_ip(request),
        details={"reference": file.request.reference, "sha256": file.sha256},
    )


@router.get("/files/{public_id}/content", summary="Play or download an uploaded file")
def content(
    request: Request,
    db: SessionDep,
    user: Viewer,
    public_id: PublicId,
    download: Annotated[bool, Query()] = False,
) -> Response:
    file = service.finished_file(db, public_id=public_id)
    allowed = access.for_reading(db, request=file.request, user=user)
    wanted = request.headers.get("range", "")
    first = not wanted or wanted.startswith("bytes=0-")
    # A download is always checked in full; playback (many range requests, and the same file
    # played again) relies on a check made lately of the same bytes on disk.
    check_unchanged(request, db, file, user, again=download)
    if download or first:
        # A player asks for many ranges; the view is recorded once, at its first.
        action = "evidence.downloaded" if download else "evidence.viewed"
        _audit(db, file, action, user, request)
        what = f"{'download' if download else 'playback'} of {file.filename}"
        access.record_read(db, access=allowed, user=user, what=what, source_ip=client_ip(request))
    disposition = "attachment" if download else "inline"
    headers = {"Cache-Control": "private, no-store", "Accept-Ranges": "bytes"}
    if file.object_key is not None:
        return _from_object_store(request, file, wanted, disposition, headers)
    path = storage_for(request).path(file.storage_key)  # type: ignore[attr-defined]
    return FileResponse(
        path,
        media_type=_playable_type(file),
        filename=file.filename,
        content_disposition_type=disposition,
        headers=headers,
    )


class _Checked:
    """Files whose hash was checked lately in this process, with the size and modification
    time they had: a player's later range requests are served without hashing the whole file
    again, unless the file on disk has been touched since or RECHECK_AFTER has passed."""

    RECHECK_AFTER = 900.0

    def __init__(self) -> None:
        self._seen: dict[str, tuple[float, tuple[int, int] | None]] = {}
        self._lock = threading.Lock()

    def still_good(self, public_id: str, stamp: tuple[int, int] | None) -> bool:
        with self._lock:
            seen = self._seen.get(public_id)
        return (
            seen is not None
            and seen[1] == stamp
            and time.monotonic() - seen[0] < self.RECHECK_AFTER
        )

    def good(self, public_id: str, stamp: tuple[int, int] | None) -> None:
        with self._lock:
            self._seen[public_id] = (time.monotonic(), stamp)


def _stamp(storage: Storage, file: EvidenceFile) -> tuple[int, int] | None:
    if file.object_key is not None or not isinstance(storage, LocalStorage):
        return None
    status = storage.path(file.storage_key).stat()
    return status.st_size, status.st_mtime_ns


def check_unchanged(
    request: Request, db: Session, file: EvidenceFile, user: Principal, *, again: bool
) -> None:
    """Refuse (409, audited) a file whose bytes no longer match the SHA-256 recorded when it
    was uploaded. `again` forces a full check (a download, an export)."""
    state = request.app.state
    if not hasattr(state, "evidence_checked"):
        state.evidence_checked = _Checked()
    checked: _Checked = state.evidence_checked
    storage = storage_for(request)
    stamp = _stamp(storage, file)
    if not again and checked.still_good(file.public_id, stamp):
        return
    if file_sha256(storage, file, state.settings) != file.sha256:
        _refuse_changed(db, file, user, request)
    checked.good(file.public_id, stamp)


def _refuse_changed(db: Session, file: EvidenceFile, user: Principal, request: Request) -> None:
    audit.record(
        db,
        action="evidence.hash_mismatch",
        actor=user.username,
        target_type="evidence_file",
        target_id=file.public_id,
        source_ip=client_ip(request),
        details={"expected": file.sha256, "reference": file.request.reference},
    )
    db.commit()  # the failed check is evidence too; keep it although we refuse
    raise HashMismatch(
        f"{file.filename} has changed since it was uploaded. "
        "Do not use it; report this to the evidence manager."
    )


def _byte_range(header: str, size: int) -> tuple[int, int] | None:
    """(start, end) for a single 'bytes=a-b' / 'bytes=a-' / 'bytes=-n' range, else None."""
    match = re.fullmatch(r"bytes=(\d*)-(\d*)", header.strip())
    if match is None or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":
        start, end = max(size - int(last), 0), size - 1
    else:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    if start > end or start >= size:
        raise RangeNotSatisfiable(f"bytes */{size}")
    return start, end


class RangeNotSatisfiable(SynergyError):
    status_code = 416
    title = "That part of the file does not exist"


def _from_object_store(
    request: Request, file: EvidenceFile, wanted: str, disposition: str, headers: dict[str, str]
) -> Response:
    store = object_store_for(request.app.state.settings)
    if store is None:
        raise NotFound("This file is in object storage, which is not configured here")
    span = _byte_range(wanted, file.length) if wanted else None
    start, end = span or (0, file.length - 1)
    headers = {
        **headers,
        "Content-Length": str(end - start + 1),
        "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(file.filename)}",
    }
    if span is not None:
        headers["Content-Range"] = f"bytes {start}-{end}/{file.length}"
    return StreamingResponse(
        store.read(file.object_key or "", start, end),
        status_code=206 if span else 200,
        media_type=_playable_type(file),
        headers=headers,
    )


def _playable_type(file: EvidenceFile) -> str:
    container = (file.media or {}).get("container") or ""
    if "mp4" in container or "mov" in container:
        return "video/mp4"
    if "matroska" in container or "webm" in container:
        return "video/webm"
    return "application/octet-stream"


def manifest(files: list[EvidenceFile], exported_by: str) -> dict[str, object]:
    request = files[0].request
    return {
        "reference": request.reference,
        "request": request.public_id,
        "exported_by": exported_by,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(),
        "uploader": {"name": request.uploader_name, "contact": request.uploader_contact},
        "statement": request.statement,
        "files": [
            {
                "name": _member_name(f),
                "original_name": f.filename,
                "bytes": f.length,
                "sha256": f.sha256,
                "uploaded_at": f.completed_at.isoformat() if f.completed_at else None,
                "media": f.media,
                "malware_scan": f.scan_result,
            }
            for f in files
        ],
    }


def _member_name(file: EvidenceFile) -> str:
    return f"{file.public_id[:8]}-{file.filename}"


class _Pipe:
    """A write-only file for zipfile whose bytes are handed out as they are written."""

    def __init__(self) -> None:
        self.pieces: list[bytes] = []
        self.position = 0

    def write(self, data: bytes, /) -> int:
        self.pieces.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        return None

    def close(self) -> None:
        return None

    def take(self) -> Iterator[bytes]:
        pieces, self.pieces = self.pieces, []
        yield from pieces


def zip_stream(
    storage: Storage, files: list[EvidenceFile], info: dict[str, object], settings: Settings
) -> Iterator[bytes]:
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as bundle:
        bundle.writestr("manifest.json", json.dumps(info, indent=2, default=str))
        yield from pipe.take()
        for file in files:
            with bundle.open(_member_name(file), "w", force_zip64=True) as target:
                for piece in file_pieces(storage, file, settings):
                    target.write(piece)
                    yield from pipe.take()
    yield from pipe.take()


@router.get("/requests/{public_id}/export", summary="Export the files and a hash manifest")
def export(request: Request, db: SessionDep, user: Viewer, public_id: PublicId) -> Response:
    allowed = access.readable(db, public_id=public_id, user=user)
    upload_request = allowed.request
    files = uploads.complete_files(db, request_id=upload_request.id)
    if not files:
        raise NotFound("Nothing has been uploaded for this request yet")
    storage = storage_for(request)
    for file in files:
        check_unchanged(request, db, file, user, again=True)
    access.record_read(db, access=allowed, user=user, what="export", source_ip=client_ip(request))
    info = manifest(files, user.username)
    audit.record(
        db,
        action="evidence.exported",
        actor=user.username,
        target_type="upload_request",
        target_id=upload_request.public_id,
        source_ip=client_ip(request),
        details={
            "reference": upload_request.reference,
            "files": {f.public_id: f.sha256 for f in files},
        },
    )
    name = f"cctv-{upload_request.reference.replace('/', '-')}.zip"
    return StreamingResponse(
        zip_stream(storage, files, info, request.app.state.settings),
        media_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "private, no-store",
        },
    )
