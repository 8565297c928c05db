"""Contracts: every field checked, every change kept (who, when, what), and a saving counted
only once the budget holder and finance have signed it off with evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from synergy.core.errors import Conflict, InvalidRequest
from synergy.savings import service
from synergy.savings.figures import item_totals, saving_of
from synergy.savings.schemas import InvalidContract, parse_contract
from tests.savings.factories import contract_row, make_contract


def test_every_bad_field_is_reported_at_once() -> None:
    row = contract_row(
        original_annual="12.345", start_date="31/02/2024", category="cheaper", cashable="maybe"
    )
    with pytest.raises(InvalidContract) as caught:
        parse_contract(row)
    fields = {p.field for p in caught.value.problems}
    assert fields == {"original_annual", "start_date", "category", "cashable"}
    assert "more than two decimal places" in str(caught.value)


def test_term_must_match_the_dates_and_notice_precede_renewal() -> None:
    with pytest.raises(InvalidContract) as caught:
        parse_contract(contract_row(term_years="3", notice_date="2026-05-01"))
    messages = {p.field: p.message for p in caught.value.problems}
    assert "the dates cover 2.0 years" in messages["term_years"]
    assert messages["notice_date"] == "must be on or before the renewal date"


def test_sign_off_without_evidence_is_refused() -> None:
    row = contract_row(budget_holder_signed_by="A Holder", budget_holder_signed_on="2024-05-01")
    with pytest.raises(InvalidContract, match="only with its evidence"):
        parse_contract(row)


def test_money_is_kept_in_exact_pence(db) -> None:
    contract = make_contract(db, original_total="4492169.01", revised_total="£3,455,402.00")
    assert contract.original_total_pence == 449216901
    assert contract.revised_total_pence == 345540200


def test_saving_is_net_of_implementation_and_realised_year_by_year(db) -> None:
    contract = make_contract(db)
    first_year = saving_of(contract, dt.date(2024, 6, 1))
    assert first_year.gross_pence == 20_000_000
    assert first_year.net_pence == 19_000_000
    assert first_year.to_date_pence == 9_000_000  # half the gross, less all implementation
    assert first_year.to_come_pence == 10_000_000
    assert saving_of(contract, dt.date(2025, 4, 1)).to_come_pence == 0
    assert saving_of(contract, dt.date(2024, 3, 31)).to_date_pence == 0


def test_unsigned_saving_is_not_counted_but_shown_as_awaiting(db) -> None:
    make_contract(db, reference="SAV-1")
    make_contract(db, reference="SAV-2", signed=False)
    totals = item_totals(service.list_contracts(db), dt.date(2025, 6, 1))
    assert totals.contracts_reviewed == 2
    assert totals.contracts_with_savings == 1
    assert totals.original_total == 100_000_000
    assert totals.awaiting_sign_off == 1
    assert totals.awaiting_sign_off_net == 19_000_000


def test_each_change_is_kept_with_who_when_and_what(db) -> None:
    contract = make_contract(db, signed=False)
    changed = parse_contract(contract_row(revised_total="750000.00", notes="Renegotiated"))
    service.update_contract(db, contract_id=contract.id, data=changed, actor="jo.finance")
    latest, created = service.history(db, contract_id=contract.id)
    assert created.action == "created" and created.changed_by == "finance"
    assert latest.changed_by == "jo.finance"
    assert latest.changed_at is not None
    assert latest.changes == {
        "revised_total_pence": [80_000_000, 75_000_000],
        "notes": ["", "Renegotiated"],
    }


def test_changing_a_signed_off_figure_withdraws_the_sign_offs(db) -> None:
    contract = make_contract(db)
    assert contract.signed_off
    row = contract_row(revised_total="700000.00", evidence_reference="INV-2024-0042")
    service.update_contract(db, contract_id=contract.id, data=parse_contract(row), actor="jo")
    assert not contract.signed_off
    assert contract.finance_signed_by is None
    assert service.history(db, contract_id=contract.id)[0].changes["finance_signed_by"] == [
        "finance",
        None,
    ]


def test_both_sign_offs_with_evidence_make_the_saving_count(db) -> None:
    contract = make_contract(db, signed=False)
    with pytest.raises(InvalidRequest, match="evidence"):
        service.sign_off(
            db, contract_id=contract.id, who="finance", budget_holder="", on=dt.date(2024, 5, 1),
            actor="fin", finance_officer=True,
        )  # fmt: skip
    contract.evidence_reference = "PO-991"
    service.sign_off(
        db, contract_id=contract.id, who="budget_holder", budget_holder="Ann Holder",
        on=dt.date(2024, 5, 1), actor="fin", finance_officer=True,
    )  # fmt: skip
    assert not contract.signed_off
    with pytest.raises(InvalidRequest, match="Only a finance officer"):
        service.sign_off(
            db, contract_id=contract.id, who="finance", budget_holder="", on=dt.date(2024, 5, 2),
            actor="admin", finance_officer=False,
        )  # fmt: skip
    service.sign_off(
        db, contract_id=contract.id, who="finance", budget_holder="", on=dt.date(2024, 5, 2),
        actor="fin", finance_officer=True,
    )  # fmt: skip
    assert contract.signed_off
    assert contract.finance_signed_by == "fin"
    assert service.history(db, contract_id=contract.id)[0].action == "signed_off"


def test_a_reference_is_used_once(db) -> None:
    make_contract(db)
    with pytest.raises(Conflict, match="already in the register"):
        make_contract(db)
