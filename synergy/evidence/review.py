"""Reviewing uploads: play in the browser (HTTP range requests), download, and export a
bundle of the files with a manifest of their SHA-256 hashes, each checked again first."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import FileResponse, Response, StreamingResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.core import audit
from synergy.core.deps import SessionDep, allow, client_ip
from synergy.core.errors import Conflict, NotFound
from synergy.core.roles import Role
from synergy.evidence import service, uploads
from synergy.evidence.deps import storage_for
from synergy.evidence.models import EvidenceFile
from synergy.evidence.storage import Storage
from synergy.identity.service import CurrentUser

router = APIRouter(prefix="/evidence")

Viewer = Annotated[CurrentUser, allow(Role.INVESTIGATOR, Role.SUPERVISOR)]
PublicId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]
READ_PIECE = 1 << 20


class HashMismatch(Conflict):
    title = "A file no longer matches its recorded hash"


def _complete_file(db: Session, public_id: str) -> EvidenceFile:
    file = db.execute(
        select(EvidenceFile).where(EvidenceFile.public_id == public_id)
    ).scalar_one_or_none()
    if file is None or file.status != "complete":
        raise NotFound("There is no finished upload with that number")
    return file


def _audit(
    db: Session, file: EvidenceFile, action: str, user: CurrentUser, request: Request
) -> None:
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
    file = _complete_file(db, public_id)
    storage = storage_for(request)
    first_range = request.headers.get("range", "bytes=0-").startswith("bytes=0-")
    if download:
        _audit(db, file, "evidence.downloaded", user, request)
    elif first_range:
        # A player asks for many ranges; the view is recorded once, at its first.
        _audit(db, file, "evidence.viewed", user, request)
    path = storage.path(file.storage_key)  # type: ignore[attr-defined]
    media_type = _playable_type(file)
    return FileResponse(
        path,
        media_type=media_type,
        filename=file.filename,
        content_disposition_type="attachment" if download else "inline",
        headers={"Cache-Control": "private, no-store"},
    )


def _playable_type(file: EvidenceFile) -> str:
    container = (file.media or {}).get("container") or ""
    if "mp4" in container or "mov" in container:
        return "video/mp4"
    if "matroska" in container or "webm" in container:
        return "video/webm"
    return "application/octet-stream"


def file_sha256(storage: Storage, file: EvidenceFile) -> str:
    digest = hashlib.sha256()
    with storage.open_read(file.storage_key) as handle:
        while piece := handle.read(READ_PIECE):
            digest.update(piece)
    return digest.hexdigest()


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

    def write(self, data: bytes) -> int:
        self.pieces.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        return None

    def take(self) -> Iterator[bytes]:
        pieces, self.pieces = self.pieces, []
        yield from pieces


def zip_stream(
    storage: Storage, files: list[EvidenceFile], info: dict[str, object]
) -> Iterator[bytes]:
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as bundle:
        bundle.writestr("manifest.json", json.dumps(info, indent=2, default=str))
        yield from pipe.take()
        for file in files:
            with (
                storage.open_read(file.storage_key) as source,
                bundle.open(_member_name(file), "w", force_zip64=True) as target,
            ):
                while piece := source.read(READ_PIECE):
                    target.write(piece)
                    yield from pipe.take()
    yield from pipe.take()


@router.get("/requests/{public_id}/export", summary="Export the files and a hash manifest")
def export(request: Request, db: SessionDep, user: Viewer, public_id: PublicId) -> Response:
    upload_request = service.get_request(db, public_id=public_id)
    files = uploads.complete_files(db, request_id=upload_request.id)
    if not files:
        raise NotFound("Nothing has been uploaded for this request yet")
    storage = storage_for(request)
    for file in files:
        if file_sha256(storage, file) != file.sha256:
            audit.record(
                db,
                action="evidence.hash_mismatch",
                actor=user.username,
                target_type="evidence_file",
                target_id=file.public_id,
                source_ip=client_ip(request),
                details={"expected": file.sha256},
            )
            db.commit()  # the failed check is evidence too; keep it although we refuse
            raise HashMismatch(
                f"{file.filename} has changed since it was uploaded. "
                "Do not use it; report this to the evidence manager."
            )
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
        zip_stream(storage, files, info),
        media_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "private, no-store",
        },
    )
