"""Demo content: the 21 contracts with savings and the headline figures of the West Midlands
Police board report "High Level Overview of the current IT Strategy" (Accountability and
Governance Board, 22 October 2024, section 5, Financial Implications).

From the report, as printed: 71 contracts reviewed, 21 with savings, original contract cost
£4,492,169, revised cost £3,455,402, amount saved to date £1,062,215, the amount saved for
each of 21 applications (total £1,062,214.91), and RPA savings since 2022 of £3.5m cost and
£149.56k "FTE operational hours".

Not in the report, so made up for the demo and said so in each contract's notes: suppliers,
owners, categories, dates, and how the £4,492,169 original cost splits between contracts
(here in proportion to each saving). Each contract is a one-year term begun before the demo
date, so its whole saving is "to date". The report's own figures do not agree with each other
(original − revised = £1,036,767, not £1,062,215), which the reconciliation shows.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from synergy.core.services import DemoContext
from synergy.savings import reconciliation, renewals, service
from synergy.savings.money import share
from synergy.savings.schemas import ContractFields

SOURCE = "WMP board report, 22 October 2024, section 5"
SEED_SAVINGS = [  # (application, amount saved in pence), as printed
    ("Oracle RightNow CX/IT Licensing", 36181676),
    ("Microsoft Azure SCE Agreement", 12145143),
    ("LivePerson / LiveEngage", 10660460),
    ("FSD Server Break Fix Renewal", 10250006),
    ("iTrent Warks Read Only License", 7000000),
    ("Microsoft Sentinel - 100GB Commitment", 5082011),
    ("COSAIN", 4780800),
    ("Risual DFU - Managed Service", 3283408),
    ("Veritas NetBackup", 2987788),
    ("StarTraq", 2755255),
    ("SailPoint", 2671200),
    ("Microsoft Sentinel - Data Error", 2272860),
    ("QPulse Upgrade", 1447300),
    ("XRY Logical & Physical Licenses and PinPoint", 1223349),
    ("Annual AWS Spend Review - CDPv2", 1201200),
    ("F5 Renewal", 995700),
    ("Adobe SCC Renewal", 453318),
    ("Lynx Auditor", 332967),
    ("Promaps", 285798),
    ("Compact Missing Persons Renewal", 205452),
    ("RouteFinder", 5800),
]
HEADLINE = {
    "contracts_reviewed": 71,
    "contracts_with_savings": 21,
    "original_total": 449216900,
    "revised_total": 345540200,
    "saved_to_date": 106221500,
    "rpa_cost_savings": 350000000,
    "rpa_hours_value": 14956000,
}
NOTE = (
    f"Amount saved from {SOURCE}. Supplier, owner, category, dates and the split of the "
    "original cost (in proportion to the saving) are demo values, not from the report."
)


def _original_costs() -> list[int]:
    """The report's original cost split in proportion to saving; the last takes the pennies
    of rounding, so the items add up to the report's £4,492,169 exactly."""
    total_saved = sum(pence for _, pence in SEED_SAVINGS)
    costs = [share(HEADLINE["original_total"], saved, total_saved) for _, saved in SEED_SAVINGS]
    costs[-1] += HEADLINE["original_total"] - sum(costs)
    return costs


def _contract(index: int, application: str, saved: int, today: dt.date) -> ContractFields:
    original = _original_costs()[index]
    end = today + dt.timedelta(days=40 + 15 * index)  # notice dates spread over the year
    start = dt.date(end.year - 1, end.month, end.day) + dt.timedelta(days=1)
    return ContractFields(
        reference=f"WMP-{index + 1:02d}",
        supplier=application.split(" ")[0].split("/")[0],
        application=application,
        category="new_commercial_arrangements",
        owner="Head of IT&D Commercial",
        start_date=start,
        end_date=end,
        term_years=1,
        renewal_date=end + dt.timedelta(days=1),
        notice_date=end - dt.timedelta(days=90),
        baseline_year=f"{start.year - 1}/{start.year % 100:02d}",
        original_annual_pence=original,
        revised_annual_pence=original - saved,
        original_total_pence=original,
        revised_total_pence=original - saved,
        recurrence="recurring",
        cashable=True,
        implementation_cost_pence=0,
        evidence_reference=SOURCE,
        notes=NOTE,
        budget_holder_signed_by="Head of IT&D Commercial",
        budget_holder_signed_on=start,
        finance_signed_by="Fran Finance",
        finance_signed_on=start,
    )


def load_seed_register(db: Session, _context: DemoContext) -> list[str]:
    if service.find_by_reference(db, reference="WMP-01") is not None:
        return ["Demo content already loaded: savings register."]
    today = dt.date.today()
    for index, (application, saved) in enumerate(SEED_SAVINGS):
        service.create_contract(db, data=_contract(index, application, saved, today), actor="demo")
    report = reconciliation.start_report(
        db, title="IT strategy board report, October 2024", as_at=today, actor="demo"
    )
    reconciliation.enter_figures(
        db, report_id=report.id, values=HEADLINE, source=SOURCE, actor="demo"
    )
    alerts = renewals.raise_alerts(db, today)
    return [
        f"Demo content: savings register with the {len(SEED_SAVINGS)} contracts with savings "
        f"and the headline figures of the {SOURCE}, {len(alerts)} renewal alerts raised "
        "(sign in as finance, open /savings)."
    ]
