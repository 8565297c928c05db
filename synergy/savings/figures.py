"""What each contract saved, and the headline figures the items add up to.

The method (Crown Commercial Service "Measuring Up", Government Efficiency Framework):
- the baseline is the price actually paid in the baseline year (`original_annual`), and the
  saving over the term is the original cost for the whole term less the revised cost;
- savings are net of implementation costs, which count in full once the contract starts;
- a recurring saving is realised year by year: by a given date, the share of the whole-term
  saving for the contract years that have begun (the rest is "still to come"); a one-off saving
  is realised in full when the contract starts;
- only savings signed off by the budget holder and finance, with evidence, are counted; others
  are shown apart as awaiting sign-off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from synergy.savings.models import ONE_OFF, Contract
from synergy.savings.money import format_pounds, share


@dataclass(frozen=True)
class ContractSaving:
    contract: Contract
    gross_pence: int
    net_pence: int
    to_date_pence: int
    to_come_pence: int
    years_begun: int

    @property
    def counted(self) -> bool:
        return self.contract.signed_off and self.net_pence > 0

    @property
    def how(self) -> str:
        c = self.contract
        realised = (
            "one-off: realised when the contract starts"
            if c.recurrence == ONE_OFF
            else f"recurring: {self.years_begun} of {c.term_years} contract years begun"
        )
        return (
            f"original {format_pounds(c.original_total_pence)} − revised "
            f"{format_pounds(c.revised_total_pence)} = gross {format_pounds(self.gross_pence)}; "
            f"less implementation {format_pounds(c.implementation_cost_pence)} = net "
            f"{format_pounds(self.net_pence)}; {realised}"
        )


def years_begun(contract: Contract, as_at: dt.date) -> int:
    if as_at < contract.start_date:
        return 0
    years = as_at.year - contract.start_date.year
    if (as_at.month, as_at.day) < (contract.start_date.month, contract.start_date.day):
        years -= 1
    return min(contract.term_years, years + 1)


def saving_of(contract: Contract, as_at: dt.date) -> ContractSaving:
    gross = contract.original_total_pence - contract.revised_total_pence
    net = gross - contract.implementation_cost_pence
    begun = years_begun(contract, as_at)
    if begun == 0:
        to_date = 0
    elif contract.recurrence == ONE_OFF:
        to_date = net
    else:
        to_date = share(gross, begun, contract.term_years) - contract.implementation_cost_pence
    return ContractSaving(contract, gross, net, to_date, net - to_date, begun)


@dataclass
class ApplicationRow:
    application: str
    contracts: int = 0
    original_pence: int = 0
    revised_pence: int = 0
    net_pence: int = 0
    to_date_pence: int = 0
    to_come_pence: int = 0


@dataclass
class ItemTotals:
    """The headline figures as the itemised register gives them."""

    contracts_reviewed: int = 0
    contracts_with_savings: int = 0
    original_total: int = 0
    revised_total: int = 0
    implementation_total: int = 0
    saved_to_date: int = 0
    still_to_come: int = 0
    awaiting_sign_off: int = 0
    awaiting_sign_off_net: int = 0
    by_application: list[ApplicationRow] = field(default_factory=list)
    savings: list[ContractSaving] = field(default_factory=list)


def item_totals(contracts: Iterable[Contract], as_at: dt.date) -> ItemTotals:
    totals = ItemTotals()
    rows: dict[str, ApplicationRow] = {}
    for contract in contracts:
        totals.contracts_reviewed += 1
        saving = saving_of(contract, as_at)
        totals.savings.append(saving)
        if not saving.counted:
            if saving.net_pence > 0:
                totals.awaiting_sign_off += 1
                totals.awaiting_sign_off_net += saving.net_pence
            continue
        totals.contracts_with_savings += 1
        totals.original_total += contract.original_total_pence
        totals.revised_total += contract.revised_total_pence
        totals.implementation_total += contract.implementation_cost_pence
        totals.saved_to_date += saving.to_date_pence
        totals.still_to_come += saving.to_come_pence
        row = rows.setdefault(contract.application, ApplicationRow(contract.application))
        row.contracts += 1
        row.original_pence += contract.original_total_pence
        row.revised_pence += contract.revised_total_pence
        row.net_pence += saving.net_pence
        row.to_date_pence += saving.to_date_pence
        row.to_come_pence += saving.to_come_pence
    totals.by_application = sorted(rows.values(), key=lambda r: (-r.to_date_pence, r.application))
    return totals
