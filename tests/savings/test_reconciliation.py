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
