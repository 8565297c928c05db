"""Retention: reviewed, audited disposal that leaves a verifiable record; chains still verify."""

from __future__ import annotations

import datetime as dt

import pytest

from synergy.core import audit
from synergy.core.audit_chain import seal_pending, verify_chain
from synergy.core.audit_keys import load_audit_keys
from synergy.core.errors import Conflict, Forbidden
from synergy.notebook import retention, service
from tests.notebook.conftest import write


def test_old_entries_are_destroyed_after_review_and_the_chain_still_verifies(
    db, keyring, tmp_path
) -> None:
    write(db, keyring, text="old note")
    recent = write(db, keyring, text="recent note")
    six_years_on = recent.server_time + dt.timedelta(days=round(365.25 * 6))
    disposal = retention.propose(db, retention_years=6, actor="records.manager", now=six_years_on)
    assert [(i["officer"], i["seq"]) for i in disposal.items] == [("alex.morgan", 1)]
    with pytest.raises(Conflict):
        retention.carry_out(db, disposal_id=disposal.id)
    with pytest.raises(Forbidden):
        retention.approve(db, disposal_id=disposal.id, reviewer="records.manager")
    retention.approve(db, disposal_id=disposal.id, reviewer="inspector")
    assert retention.carry_out(db, disposal_id=disposal.id) == 1
    assert retention.carry_out(db, disposal_id=disposal.id) == 0
    db.expire_all()
    views = service.entry_views(db, keyring, service.get_notebook(db, officer="alex.morgan"))
    assert views[0].content is None and views[1].content is not None
    assert service.verify(db, keyring)[0].ok
    assert retention.verify_disposal(disposal)
    assert disposal.items[0]["entry_hash"] == views[0].entry_hash
    actions = [r.action for r in audit.recent(db)]
    assert "notebook.disposal_carried_out" in actions and "notebook.disposal_approved" in actions
    keys = load_audit_keys(tmp_path / "audit-keys.json")
    while seal_pending(db, keys):
        pass
    assert verify_chain(db, keys).ok
