"""Headline figures typed in (as a board report's are) against the items: each disagreement
listed with its amount; the report is final only when each has a written explanation."""

from __future__ import annotations

import datetime as dt

import pytest

from synergy.core.errors import Conflict, InvalidRequest
from synergy.savings import reconciliation as rec
from synergy.savings.models import FINAL
from tests.savings.factories import make_contract


def _report(db):  # type: ignore[no-untyped-def]
    return rec.start_report(db, title="Board report", as_at=dt.date(2025, 6, 1), actor="fin")


def test_each_disagreement_is_listed_with_its_amount(db) -> None:
    make_contract(db)  # original £1,000,000, revised £800,000, net £190,000 all realised
    report = _report(db)
    rec.enter_figures(
        db, report_id=report.id, actor="fin", source="typed",
        values={"contracts_reviewed": 1, "original_total": 100_000_000,
                "saved_to_date": 19_500_000},
    )  # fmt: skip
    result = rec.reconcile(db, report)
    assert [(line.figure, line.difference) for line in result.disagreements] == [
        ("saved_to_date", 500_000)
    ]
    assert result.disagreements[0].show(500_000) == "£5,000.00"


def test_report_cannot_be_final_until_each_difference_is_explained(db) -> None:
    make_contract(db)
    report = _report(db)
    rec.enter_figures(
        db, report_id=report.id, actor="fin", source="typed",
        values={"revised_total": 79_000_000, "contracts_with_savings": 2},
    )  # fmt: skip
    with pytest.raises(Conflict, match=r"Revised contract cost \(-£10,000.00\)"):
        rec.finalise(db, report_id=report.id, actor="fin")
    rec.explain(
        db, report_id=report.id, figure="revised_total", explanation="Rounded in the board paper",
        actor="fin", as_at=report.as_at,
    )  # fmt: skip
    with pytest.raises(Conflict, match="Contracts with savings"):
        rec.finalise(db, report_id=report.id, actor="fin")
    rec.explain(
        db, report_id=report.id, figure="contracts_with_savings", explanation="One not signed",
        actor="fin", as_at=report.as_at,
    )  # fmt: skip
    assert rec.finalise(db, report_id=report.id, actor="fin").status == FINAL
    with pytest.raises(Conflict, match="final"):
        rec.enter_figures(
            db, report_id=report.id, values={"original_total": 1}, source="typed", actor="fin"
        )


def test_an_explanation_answers_only_the_amount_it_was_written_for(db) -> None:
    make_contract(db)
    report = _report(db)
    rec.enter_figures(
        db, report_id=report.id, values={"original_total": 99_000_000}, source="t", actor="fin"
    )
    rec.explain(
        db, report_id=report.id, figure="original_total", explanation="VAT excluded",
        actor="fin", as_at=report.as_at,
    )  # fmt: skip
    assert rec.reconcile(db, report).unexplained == []
    make_contract(db, reference="SAV-0002")  # the items move: the difference changes
    assert [line.figure for line in rec.reconcile(db, report).unexplained] == ["original_total"]


def test_an_empty_explanation_or_a_figure_that_agrees_is_refused(db) -> None:
    make_contract(db)
    report = _report(db)
    rec.enter_figures(
        db, report_id=report.id, values={"contracts_reviewed": 2}, source="t", actor="f"
    )
    with pytest.raises(InvalidRequest, match="Write why"):
        rec.explain(db, report_id=report.id, figure="contracts_reviewed", explanation="  ",
                    actor="f", as_at=report.as_at)  # fmt: skip
    rec.enter_figures(
        db, report_id=report.id, values={"contracts_reviewed": 1}, source="t", actor="f"
    )
    with pytest.raises(InvalidRequest, match="agrees"):
        rec.explain(db, report_id=report.id, figure="contracts_reviewed", explanation="x",
                    actor="f", as_at=report.as_at)  # fmt: skip


def test_typed_figures_are_parsed_exactly_or_refused() -> None:
    assert rec.parse_figure("original_total", "£4,492,169") == 449_216_900
    assert rec.parse_figure("contracts_reviewed", "71") == 71
    with pytest.raises(InvalidRequest, match="whole number"):
        rec.parse_figure("contracts_reviewed", "71.5")
    with pytest.raises(InvalidRequest, match="not an amount"):
        rec.parse_figure("saved_to_date", "£1.06m")


def test_a_final_report_stays_checked_against_the_items_it_was_finalised_on(db) -> None:
    from decimal import Decimal

    from synergy.savings import automation, service
    from synergy.savings.schemas import parse_contract
    from tests.savings.factories import SIGNED, contract_row

    first = make_contract(db)
    report = _report(db)
    rec.enter_figures(
        db, report_id=report.id, actor="fin", source="typed",
        values={"contracts_reviewed": 2, "original_total": 100_000_000},
    )  # fmt: skip
    rec.explain(
        db, report_id=report.id, figure="contracts_reviewed", explanation="One left out",
        actor="fin", as_at=report.as_at,
    )  # fmt: skip
    rec.finalise(db, report_id=report.id, actor="fin")
    before = [(x.figure, x.typed, x.items, x.explanation) for x in rec.reconcile(db, report).lines]
    by_app_before = rec.reconcile(db, report).totals.by_application

    # Later the register changes: a second contract, a new figure on the first, an RPA month.
    make_contract(db, reference="SAV-0002", application="Other")
    changed = contract_row(**{**SIGNED, "original_total": "1200000.00"})
    service.update_contract(db, contract_id=first.id, data=parse_contract(changed), actor="fin")
    rpa = automation.add_rpa_entry(
        db, process="Vetting", month=dt.date(2025, 5, 1), runs=10, minutes_per_run=Decimal(6),
        staff_rate_pence=2000, cashable_pence=5000, source="run log", actor="fin",
    )  # fmt: skip
    later = report.finalised_at + dt.timedelta(seconds=1)  # as a later request would stamp them
    rpa.entered_at = later
    for change in service.history(db, contract_id=first.id)[:1] + service.history(
        db, contract_id=service.find_by_reference(db, reference="SAV-0002").id
    ):
        change.changed_at = later
    db.flush()

    after = rec.reconcile(db, report)
    assert [(x.figure, x.typed, x.items, x.explanation) for x in after.lines] == before
    assert after.unexplained == []
    assert after.totals.by_application == by_app_before
    # A new draft sees the register as it is now.
    draft = rec.start_report(db, title="Next", as_at=dt.date(2025, 6, 1), actor="fin")
    lines = {x.figure: x.items for x in rec.reconcile(db, draft).lines}
    assert lines["contracts_reviewed"] == 2 and lines["rpa_cost_savings"] == 5000
