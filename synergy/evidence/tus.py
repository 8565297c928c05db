"""The tus 1.0 resumable upload protocol (core, creation, creation-with-upload, expiration,
checksum and termination), authorised by the upload link's token in the path.

Bodies are streamed to storage in 1 MiB pieces and hashed as they arrive; nothing holds a
whole file. Progress is committed (after fsync) at the end of each PATCH, every 64 MiB during
a long one, and when the client goes away, so an interrupted upload resumes from the last
durable byte.
"""

from __future__ import annotations

import base64
import binascii
import email.utils
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from anyio import to_thread
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from synergy.core.db import transaction
from synergy.core.deps import client_ip, csrf_exempt
from synergy.core.errors import InvalidRequest, SynergyError
from synergy.evidence import service, uploads
from synergy.evidence.deps import (
    LinkHolder,
    PublicId,
    Token,
    abandoned_after,
    limiter_for,
    storage_for,
)
from synergy.evidence.receiving import Target, receive

router = APIRouter(prefix="/api/evidence/tus")

TUS_VERSION = "1.0.0"
EXTENSIONS = "creation,creation-with-upload,expiration,checksum,termination"
CHECKSUMS = {"sha1", "sha256", "md5"}
OCTET_STREAM = "application/offset+octet-stream"
PIECE = 1 << 20
COMMIT_EVERY = 64 << 20
MAX_SIZE = 1000 * 1_000_000_000

Uploader = LinkHolder
FileId = PublicId


class PreconditionFailed(SynergyError):
    status_code = 412
    title = "Unsupported tus version"


class UnsupportedMediaType(SynergyError):
    status_code = 415
    title = "Wrong content type"


def _headers(**extra: str) -> dict[str, str]:
    return {"Tus-Resumable": TUS_VERSION, "Cache-Control": "no-store", **extra}


def _tus_error(request: Request, exc: SynergyError) -> Response:
    if request.method == "HEAD":
        return Response(status_code=exc.status_code, headers=_headers())
    return JSONResponse(
        {"error": exc.title, "detail": exc.message},
        status_code=exc.status_code,
        headers=_headers(),
    )


async def _guarded(request: Request, work: Callable[[], Awaitable[Response]]) -> Response:
    try:
        if request.headers.get("tus-resumable") != TUS_VERSION:
            raise PreconditionFailed("Send Tus-Resumable: 1.0.0")
        return await work()
    except SynergyError as exc:
        return _tus_error(request, exc)


def _expires(value: Any) -> str:
    return email.utils.format_datetime(value, usegmt=True)


@dataclass
class _Snapshot:
    id: int
    public_id: str
    storage_key: str
    offset: int
    length: int
    hash_state: bytes
    status: str
    expires: str


def _target(snap: _Snapshot) -> Target:
    return Target(snap.id, snap.storage_key, snap.offset, snap.length, snap.hash_state)


def _snapshot(request: Request, token: str, file_id: str) -> _Snapshot:
    """Check the link and read the upload's state, in a short transaction of its own."""
    app = request.app
    with transaction(app.state.session_factory) as session:
        upload_request = service.request_for_link(
            session,
            settings=app.state.settings,
            token_value=token,
            limiter=limiter_for(request),
            source_ip=client_ip(request),
        )
        file = uploads.get_file(session, request=upload_request, public_id=file_id)
        if file.status == "expired":
            raise service.LinkExpired("This upload was not finished in time; start it again.")
        expires = uploads.upload_expires_at(file, abandoned_after(app.state.settings))
        return _Snapshot(
            file.id,
            file.public_id,
            file.storage_key,
            file.offset,
            file.length,
            file.hash_state,
            file.status,
            _expires(expires),
        )


@router.options("", summary="tus: what this server supports")
@router.options("/{token}", summary="tus: what this server supports")
@router.options("/{token}/{file_id}", summary="tus: what this server supports")
def options(_: Uploader) -> Response:
    return Response(
        status_code=204,
        headers=_headers(
            **{
                "Tus-Version": TUS_VERSION,
                "Tus-Extension": EXTENSIONS,
                "Tus-Max-Size": str(MAX_SIZE),
                "Tus-Checksum-Algorithm": ",".join(sorted(CHECKSUMS)),
            }
        ),
    )


@router.head("/{token}/{file_id}", summary="tus: how much of an upload is stored")
async def head(request: Request, token: Token, file_id: FileId, _: Uploader) -> Response:
    async def work() -> Response:
        snap = await to_thread.run_sync(_snapshot, request, token, file_id)
        return Response(
            status_code=200,
            headers=_headers(
                **{
                    "Upload-Offset": str(snap.offset),
                    "Upload-Length": str(snap.length),
                    "Upload-Expires": snap.expires,
                }
            ),
        )

    return await _guarded(request, work)


def _metadata(header: str) -> dict[str, str]:
    values = {}
    for pair in filter(None, (p.strip() for p in header.split(","))):
        key, _, encoded = pair.partition(" ")
        try:
            values[key] = (
                base64.b64decode(encoded, validate=True).decode("utf-8") if encoded else ""
            )
        except (binascii.Error, UnicodeDecodeError):
            raise InvalidRequest(f"Upload-Metadata {key} is not base64 UTF-8") from None
    return values


def _int_header(request: Request, name: str) -> int:
    raw = request.headers.get(name, "")
    if not raw.isdigit() or len(raw) > 15:
        raise InvalidRequest(f"Send {name} as a whole number of bytes")
    return int(raw)


def _create(request: Request, token: str, length: int, meta: dict[str, str]) -> _Snapshot:
    app = request.app
    with transaction(app.state.session_factory) as session:
        upload_request = service.request_for_link(
            session,
            settings=app.state.settings,
            token_value=token,
            limiter=limiter_for(request),
            source_ip=client_ip(request),
            for_update=True,
        )
        file = uploads.create_file(
            session,
            storage=storage_for(request),
            request=upload_request,
            filename=meta.get("filename") or meta.get("name") or "unnamed",
            declared_type=meta.get("filetype") or meta.get("type"),
            length=length,
            source_ip=client_ip(request),
        )
        expires = uploads.upload_expires_at(file, abandoned_after(app.state.settings))
        return _Snapshot(
            file.id,
            file.public_id,
            file.storage_key,
            0,
            length,
            file.hash_state,
            file.status,
            _expires(expires),
        )


@router.post(
    "/{token}",
    name="evidence_tus_create",
    summary="tus: start an upload (optionally with its first bytes)",
)
@csrf_exempt
async def create(request: Request, token: Token, _: Uploader) -> Response:
    async def work() -> Response:
        if "upload-defer-length" in request.headers:
            raise InvalidRequest("Send Upload-Length; deferred lengths are not supported")
        length = _int_header(request, "upload-length")
        meta = _metadata(request.headers.get("upload-metadata", ""))
        snap = await to_thread.run_sync(_create, request, token, length, meta)
        headers = {
            "Location": str(
                request.url_for("evidence_tus_patch", token=token, file_id=snap.public_id)
            ),
            "Upload-Expires": snap.expires,
        }
        if request.headers.get("content-type") == OCTET_STREAM:
            offset = await receive(request, _target(snap), _checksum(request))
            headers["Upload-Offset"] = str(offset)
        return Response(status_code=201, headers=_headers(**headers))

    return await _guarded(request, work)


@router.patch("/{token}/{file_id}", name="evidence_tus_patch", summary="tus: send more bytes")
@csrf_exempt
async def patch(request: Request, token: Token, file_id: FileId, _: Uploader) -> Response:
    async def work() -> Response:
        if request.headers.get("content-type") != OCTET_STREAM:
            raise UnsupportedMediaType(f"Send Content-Type: {OCTET_STREAM}")
        claimed = _int_header(request, "upload-offset")
        checksum = _checksum(request)
        snap = await to_thread.run_sync(_snapshot, request, token, file_id)
        with storage_for(request).locked(snap.storage_key):
            snap = await to_thread.run_sync(_snapshot, request, token, file_id)
            if claimed != snap.offset:
                raise uploads.OffsetMismatch(
                    f"The upload is at byte {snap.offset}, not {claimed}; resume from there."
                )
            if snap.status != "uploading":
                raise uploads.OffsetMismatch("This upload is already complete")
            offset = await receive(request, _target(snap), checksum)
        return Response(
            status_code=204,
            headers=_headers(**{"Upload-Offset": str(offset), "Upload-Expires": snap.expires}),
        )

    return await _guarded(request, work)


@router.delete("/{token}/{file_id}", summary="tus: cancel an unfinished upload")
@csrf_exempt
async def delete(request: Request, token: Token, file_id: FileId, _: Uploader) -> Response:
    def terminate() -> None:
        with transaction(request.app.state.session_factory) as session:
            upload_request = service.request_for_link(
                session,
                settings=request.app.state.settings,
                token_value=token,
                limiter=limiter_for(request),
                source_ip=client_ip(request),
            )
            file = uploads.get_file(
                session, request=upload_request, public_id=file_id, for_update=True
            )
            uploads.terminate(
                session, storage=storage_for(request), file=file, source_ip=client_ip(request)
            )

    async def work() -> Response:
        await to_thread.run_sync(terminate)
        return Response(status_code=204, headers=_headers())

    return await _guarded(request, work)


def _checksum(request: Request) -> tuple[str, bytes] | None:
    raw = request.headers.get("upload-checksum")
    if raw is None:
        return None
    algorithm, _, encoded = raw.strip().partition(" ")
    if algorithm not in CHECKSUMS:
        raise InvalidRequest(f"Checksum algorithm must be one of {', '.join(sorted(CHECKSUMS))}")
    try:
        return algorithm, base64.b64decode(encoded, validate=True)
    except binascii.Error:
        raise InvalidRequest("Upload-Checksum is not base64") from None
