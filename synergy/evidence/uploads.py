"""Files uploaded through a link: create, accept a chunk, complete, terminate, expire.

A chunk is written and fsynced first; then its new offset and the saved SHA-256 state are
committed together in one transaction, so the database never claims bytes the disk lacks and
the hash carries on after a restart without reading the file again.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from synergy.core import audit, events
from synergy.core.db import utcnow
from synergy.core.errors import (
    Conflict,
    Gone,
    InvalidRequest,
    NotFound,
    SynergyError,
    TooManyRequests,
)
from synergy.evidence import media
from synergy.evidence.hashing import ResumableSha256
from synergy.evidence.models import EvidenceFile, UploadRequest
from synergy.evidence.storage import Storage

COMPLETED_TOPIC = "evidence.upload_completed"
MAX_FILENAME = 200
# Refused files do not count towards the link's file limit, so they are limited on their own:
# a link cannot be used to send rubbish for ever.
MAX_REFUSED_PER_LINK = 20


class TooLarge(SynergyError):
    status_code = 413
    title = "This file is too large"


# A file's status: "uploading", then "complete"; or "terminated" (the uploader cancelled it),
# "expired" (abandoned) or "refused" (its content is not a video or picture we accept).
REFUSED = "refused"


class WrongFileType(SynergyError):
    status_code = 415
    title = "This type of file cannot be accepted"


class OffsetMismatch(Conflict):
    title = "The upload is not where the client thinks it is"


class StatementMissing(Conflict):
    title = "Tell us about the footage first"


def safe_filename(name: str) -> str:
    """The uploader's file name, kept only for display: no folders, no control characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(c for c in base if c.isprintable() and c not in '<>:"|?*').strip(" .")
    return cleaned[:MAX_FILENAME] or "unnamed"


def _audit(
    session: Session,
    file: EvidenceFile,
    action: str,
    actor: str,
    ip: str | None,
    details: dict[str, object] | None = None,
) -> None:
    audit.record(
        session,
        action=action,
        actor=actor,
        target_type="evidence_file",
        target_id=file.public_id,
        source_ip=ip,
        details={
            "request": file.request.public_id,
            "reference": file.request.reference,
            "filename": file.filename,
            **(details or {}),
        },
    )


def create_file(
    session: Session,
    *,
    storage: Storage,
    request: UploadRequest,
    filename: str,
    declared_type: str | None,
    length: int,
    source_ip: str | None,
) -> EvidenceFile:
    if request.consented_at is None:
        raise StatementMissing("Fill in the form about the footage before uploading files.")
    if length < 1:
        raise InvalidRequest("The file is empty")
    if length > request.max_file_bytes:
        raise TooLarge(
            f"Each file can be up to {request.max_file_bytes // 1_000_000_000} GB. "
            "Contact the investigator to arrange another way to send it."
        )
    # Only files that are or may become evidence count towards the link's limits.
    files = [f for f in request.files if f.status in ("uploading", "complete")]
    refused = sum(1 for f in request.files if f.status == REFUSED)
    if refused >= MAX_REFUSED_PER_LINK:
        raise TooManyRequests(
            "Too many files sent with this link were not videos or pictures. "
            "Contact the investigator who asked for the footage."
        )
    if len(files) >= request.max_files:
        raise TooLarge(f"You can send up to {request.max_files} files with this link.")
    if sum(f.length for f in files) + length > request.max_total_bytes:
        raise TooLarge(
            f"Together the files can be up to {request.max_total_bytes // 1_000_000_000} GB."
        )
    key = secrets.token_hex(16)
    storage.create(key)
    file = EvidenceFile(
        public_id=secrets.token_hex(16),
        request=request,
        filename=safe_filename(filename),
        declared_type=(declared_type or "")[:100] or None,
        length=length,
        offset=0,
        hash_state=ResumableSha256().state(),
        storage_key=key,
    )
    session.add(file)
    session.flush()
    _audit(session, file, "evidence.upload_started", "public", source_ip, {"length": length})
    return file


def get_file(
    session: Session, *, request: UploadRequest, public_id: str, for_update: bool = False
) -> EvidenceFile:
    query = select(EvidenceFile).where(
        EvidenceFile.public_id == public_id, EvidenceFile.request_id == request.id
    )
    if for_update:
        query = query.with_for_update()
    file = session.execute(query).scalar_one_or_none()
    if file is None:
        raise NotFound("There is no such upload")
    if file.status == "terminated":
        raise Gone("This upload was cancelled")
    if file.status == REFUSED:
        raise Gone(f"This file was not accepted: send {media.ACCEPTED_DESCRIPTION}.")
    return file


def check_first_bytes(head: bytes) -> None:
    if media.sniff(head) is None:
        raise WrongFileType(
            f"This file is not a video or picture we can accept. Send {media.ACCEPTED_DESCRIPTION}."
        )


@dataclass(frozen=True)
class Progress:
    """What a PATCH achieved: bytes now durable and the hash state after them."""

    start: int
    offset: int
    hash_state: bytes


def commit_progress(
    session: Session, *, file_id: int, progress: Progress, source_ip: str | None
) -> EvidenceFile:
    """Record durable bytes (row-locked on PostgreSQL); completes the file at its length."""
    file = session.execute(
        select(EvidenceFile).where(EvidenceFile.id == file_id).with_for_update()
    ).scalar_one()
    if file.offset != progress.start:
        raise OffsetMismatch("Another upload moved this file on; ask for the offset again.")
    file.offset = progress.offset
    file.hash_state = progress.hash_state
    file.updated_at = utcnow()
    if file.offset == file.length and file.status == "uploading":
        _complete(session, file, source_ip)
    session.flush()
    return file


def _complete(session: Session, file: EvidenceFile, source_ip: str | None) -> None:
    file.status = "complete"
    file.completed_at = utcnow()
    file.sha256 = ResumableSha256.from_state(file.hash_state).hexdigest()
    _audit(
        session,
        file,
        "evidence.upload_completed",
        "public",
        source_ip,
        {"length": file.length, "sha256": file.sha256},
    )
    events.publish(
        session,
        COMPLETED_TOPIC,
        {"file": file.public_id, "request": file.request.public_id},
        key=f"evidence-file-{file.public_id}",
    )


def terminate(
    session: Session, *, storage: Storage, file: EvidenceFile, source_ip: str | None
) -> None:
    if file.status == "complete":
        raise Conflict("A finished upload cannot be deleted by the uploader")
    file.status = "terminated"
    storage.delete(file.storage_key)
    _audit(
        session, file, "evidence.upload_terminated", "public", source_ip, {"offset": file.offset}
    )
    session.flush()


def refuse(session: Session, *, storage: Storage, file_id: int, source_ip: str | None) -> None:
    """A file whose content is not one we accept: refused for good, its bytes deleted."""
    file = session.execute(
        select(EvidenceFile).where(EvidenceFile.id == file_id).with_for_update()
    ).scalar_one()
    if file.status != "uploading":
        return
    file.status = REFUSED
    file.updated_at = utcnow()
    storage.delete(file.storage_key)
    _audit(session, file, "evidence.upload_refused", "public", source_ip, {"reason": "content"})
    session.flush()


def expire_abandoned(
    session: Session, *, storage: Storage, idle: dt.timedelta, now: dt.datetime | None = None
) -> int:
    """Delete unfinished uploads idle longer than `idle`; safe to run twice."""
    cutoff = (now or utcnow()) - idle
    stale = (
        session.execute(
            select(EvidenceFile).where(
                EvidenceFile.status == "uploading", EvidenceFile.updated_at < cutoff
            )
        )
        .scalars()
        .all()
    )
    for file in stale:
        file.status = "expired"
        storage.delete(file.storage_key)
        _audit(
            session,
            file,
            "evidence.upload_expired",
            "system",
            None,
            {"offset": file.offset, "length": file.length},
        )
    session.flush()
    return len(stale)


def upload_expires_at(file: EvidenceFile, idle: dt.timedelta) -> dt.datetime:
    return min(file.updated_at + idle, file.request.expires_at)


def complete_files(session: Session, *, request_id: int) -> list[EvidenceFile]:
    return list(
        session.execute(
            select(EvidenceFile)
            .where(EvidenceFile.request_id == request_id, EvidenceFile.status == "complete")
            .order_by(EvidenceFile.id)
        ).scalars()
    )


def bytes_received(session: Session, *, request_id: int) -> int:
    total = session.execute(
        select(func.coalesce(func.sum(EvidenceFile.offset), 0)).where(
            EvidenceFile.request_id == request_id
        )
    ).scalar_one()
    return int(total)
