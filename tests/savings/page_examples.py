"""Page examples for the browser tests (see tests/browser/examples.py)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session, sessionmaker

from synergy.core.roles import Role
from tests.browser.page_example import Example


def _the_seed_register(session_factory: sessionmaker[Session]) -> Mapping[str, str]:
    from synergy.core.config import Settings
    from synergy.core.services import DemoContext
    from synergy.savings import automation
    from synergy.savings.demo import load_seed_register
    from synergy.savings.models import Contract

    with session_factory() as session:
        load_seed_register(session, DemoContext(settings=Settings(), secret=b"x" * 32))
        import datetime as dt
        from decimal import Decimal

        automation.add_rpa_entry(
            session, process="Vetting checks", month=dt.date(2026, 9, 1), runs=1200,
            minutes_per_run=Decimal("4.5"), staff_rate_pence=2000, cashable_pence=0,
            source="RPA team run log", actor="finance",
        )  # fmt: skip
        contract = session.query(Contract).filter_by(reference="WMP-01").one()
        session.commit()
        return {"contract_id": str(contract.id)}


PAGES: dict[str, Example] = {
    "/savings": Example(role=Role.FINANCE, setup=_the_seed_register),
    "/savings/contracts": Example(role=Role.FINANCE, setup=_the_seed_register),
    "/savings/contracts/new": Example(role=Role.FINANCE),
    "/savings/contracts/{contract_id}": Example(role=Role.FINANCE, setup=_the_seed_register),
    "/savings/contracts/{contract_id}/edit": Example(
        role=Role.ADMINISTRATOR, setup=_the_seed_register
    ),
    "/savings/import": Example(role=Role.FINANCE),
    "/savings/report": Example(role=Role.FINANCE, setup=_the_seed_register),
    "/savings/automation": Example(role=Role.FINANCE, setup=_the_seed_register),
}

NOT_PAGES: dict[str, str] = {
    "/savings/export/csv": "the register as a CSV download",
    "/savings/export/xlsx": "the register as an Excel download",
    "/savings/report/csv": "the headline report as a CSV download",
    "/savings/report/pdf": "the headline report as a PDF download",
}
