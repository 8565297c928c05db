"""JSON API for the offline app: upload queued entries."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from synergy.core.deps import SessionDep
from synergy.core.errors import InvalidRequest
from synergy.notebook import sync
from synergy.notebook.deps import ContextDep, Officer
from synergy.notebook.forms import SYNC_UPLOAD_LIMIT
from synergy.notebook.schemas import SyncRequest

router = APIRouter(prefix="/api/notebook")


@router.post(
    "/sync", summary="Upload entries written offline, in order", max_body_size=SYNC_UPLOAD_LIMIT
)
def upload(db: SessionDep, context: ContextDep, user: Officer, body: SyncRequest) -> JSONResponse:
    """Stores entries in order and stops at the first refusal (the rest stay queued);
    answers 409 with the reason when one is refused."""
    results: list[dict[str, Any]] = []
    for item in body.items:
        try:
            result = sync.receive(
                db,
                context.keyring,
                officer=user.username,
                item=item,
                max_photo_bytes=context.settings.max_photo_bytes,
            )
        except sync.SyncRefused as exc:
            results.append(
                {"client_id": item.client_id, "status": "refused", "reason": exc.message}
            )
            return JSONResponse({"results": results}, status_code=409)
        except InvalidRequest as exc:
            results.append(
                {"client_id": item.client_id, "status": "refused", "reason": exc.message}
            )
            return JSONResponse({"results": results}, status_code=409)
        results.append({"client_id": result.client_id, "status": result.status, "seq": result.seq})
    return JSONResponse({"results": results})
