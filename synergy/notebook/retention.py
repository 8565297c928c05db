"""Retention: entries older than the retention period (default 6 years) are destroyed by a
job that one person proposes, someone else reviews, and that is then carried out once.

Destroying an entry removes its encrypted content and keeps its hashes, so the notebook's
chain still verifies and shows what was destroyed. The disposal record lists each destroyed
entry (officer, number, entry hash, content hash) with a hash over that list, which is also
written to the audit log's hash chain.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.core import audit
from synergy.core.db import utcnow
from synergy.core.errors import Conflict, Forbidden, NotFound
from synergy.notebook.models import Disposal, Entry, Notebook
from synergy.notebook.schemas import canonical_json


def _record_hash(cutoff: dt.datetime, items: list[dict[str, object]]) -> str:
    return hashlib.sha256(
        canonical_json({"cutoff": cutoff.isoformat(), "items": items})
    ).hexdigest()


def propose(
    session: Session, *, retention_years: int, actor: str, now: dt.datetime | None = None
) -> Disposal:
    cutoff = (now or utcnow()) - dt.timedelta(days=round(365.25 * retention_years))
    rows = session.execute(
        select(Notebook.officer, Entry.seq, Entry.entry_hash, Entry.content_hash)
        .join(Notebook, Notebook.id == Entry.notebook_id)
        .where(Entry.server_time < cutoff, Entry.disposed.is_(False))
        .order_by(Notebook.officer, Entry.seq)
    ).all()
    items: list[dict[str, object]] = [
        {"officer": o, "seq": s, "entry_hash": e, "content_hash": c} for o, s, e, c in rows
    ]
    disposal = Disposal(
        cutoff=cutoff, proposed_by=actor, items=items, record_hash=_record_hash(cutoff, items)
    )
    session.add(disposal)
    session.flush()
    audit.record(
        session,
        action="notebook.disposal_proposed",
        actor=actor,
        target_type="disposal",
        target_id=disposal.id,
        details={"entries": len(items), "record_hash": disposal.record_hash},
    )
    return disposal


def _get(session: Session, disposal_id: int) -> Disposal:
    disposal = session.get(Disposal, disposal_id, with_for_update=True)
    if disposal is None:
        raise NotFound(f"No disposal {disposal_id}")
    return disposal


def approve(session: Session, *, disposal_id: int, reviewer: str) -> Disposal:
    disposal = _get(session, disposal_id)
    if reviewer == disposal.proposed_by:
        raise Forbidden("A disposal must be reviewed by someone other than its proposer")
    if disposal.status != "proposed":
        raise Conflict(f"Disposal {disposal_id} is {disposal.status}, not waiting for review")
    disposal.status, disposal.reviewed_by, disposal.reviewed_at = "approved", reviewer, utcnow()
    audit.record(
        session,
        action="notebook.disposal_approved",
        actor=reviewer,
        target_type="disposal",
        target_id=disposal.id,
        details={"record_hash": disposal.record_hash},
    )
    return disposal


def carry_out(session: Session, *, disposal_id: int) -> int:
    """Destroy the approved entries; safe to run twice (the second run does nothing)."""
    disposal = _get(session, disposal_id)
    if disposal.status == "carried out":
        return 0
    if disposal.status != "approved":
        raise Conflict(f"Disposal {disposal_id} has not been approved")
    destroyed = 0
    for item in disposal.items:
        entry = session.execute(
            select(Entry)
            .join(Notebook, Notebook.id == Entry.notebook_id)
            .where(Notebook.officer == item["officer"], Entry.seq == item["seq"])
        ).scalar_one()
        entry.nonce, entry.ciphertext, entry.disposed = None, None, True
        destroyed += 1
    disposal.status, disposal.carried_out_at = "carried out", utcnow()
    session.flush()
    audit.record(
        session,
        action="notebook.disposal_carried_out",
        actor=audit.SYSTEM_ACTOR,
        target_type="disposal",
        target_id=disposal.id,
        details={"entries": destroyed, "record_hash": disposal.record_hash},
    )
    return destroyed


def verify_disposal(disposal: Disposal) -> bool:
    return _record_hash(disposal.cutoff, disposal.items) == disposal.record_hash
