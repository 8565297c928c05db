"""Replies from ACRO: stored once per ACRO response id and attached to their request (and so to
the arrest and the person). Called by the signed callback route."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from synergy.acro.models import REPLIED, AcroRequest, AcroResponse
from synergy.core import audit
from synergy.core.db import utcnow
from synergy.core.errors import InvalidRequest, NotFound


def record_response(session: Session, body: dict[str, Any]) -> bool:
    """Store a response from ACRO; returns False for a repeat of one already stored."""
    key = str(body.get("idempotency_key", ""))
    response_id = str(body.get("response_id", ""))
    outcome = body.get("outcome")
    if not key or not response_id or outcome not in ("no_trace", "convictions"):
        raise InvalidRequest("A response needs idempotency_key, response_id and outcome")
    request = session.execute(
        select(AcroRequest).where(AcroRequest.idempotency_key == key).with_for_update()
    ).scalar_one_or_none()
    if request is None:
        raise NotFound("No request with that idempotency key")
    seen = session.execute(
        select(AcroResponse.id).where(AcroResponse.response_id == response_id)
    ).first()
    if seen is not None:
        return False
    convictions = [dict(c) for c in body.get("convictions") or [] if isinstance(c, dict)]
    try:
        with session.begin_nested():
            session.add(
                AcroResponse(
                    request_id=request.id,
                    response_id=response_id,
                    outcome=outcome,
                    convictions=convictions,
                )
            )
    except IntegrityError:
        return False  # the same response, stored by a concurrent delivery
    now = utcnow()
    request.outcome = outcome
    request.replied_at = now
    request.accepted_at = request.accepted_at or now
    request.acro_reference = request.acro_reference or body.get("acro_reference")
    request.status = REPLIED
    audit.record(
        session,
        action="acro.response_received",
        target_type="acro_request",
        target_id=request.id,
        details={"response_id": response_id, "outcome": outcome, "convictions": len(convictions)},
    )
    session.flush()
    return True


def responses_for(session: Session, *, request_id: int) -> list[AcroResponse]:
    return list(
        session.execute(
            select(AcroResponse)
            .where(AcroResponse.request_id == request_id)
            .order_by(AcroResponse.received_at)
        ).scalars()
    )
