"""A contract's fields as typed by finance staff or read from a CSV/Excel row: checked once,
here, into `ContractFields`, or refused with one `Problem` per field that is wrong.

The same checks serve the form, the import and the API, so a figure that the form refuses can
never arrive by spreadsheet instead.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields
from typing import Any

from synergy.core.formatting import whole_number
from synergy.savings.models import CATEGORIES, RECURRENCES
from synergy.savings.money import MoneyError, parse_pence

_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./_-]{0,39}$")
_BASELINE_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
_YES = {"yes", "y", "true", "1", "cashable"}
_NO = {"no", "n", "false", "0", "non-cashable", "non cashable", "noncashable"}
MAX_TERM_YEARS = 25

# Column (and form field) names, in the order exports write them.
COLUMNS = (
    "reference",
    "supplier",
    "application",
    "category",
    "owner",
    "start_date",
    "end_date",
    "term_years",
    "renewal_date",
    "notice_date",
    "baseline_year",
    "original_annual",
    "revised_annual",
    "original_total",
    "revised_total",
    "recurrence",
    "cashable",
    "implementation_cost",
    "evidence_reference",
    "notes",
    "budget_holder_signed_by",
    "budget_holder_signed_on",
    "finance_signed_by",
    "finance_signed_on",
)
LABELS = {
    "reference": "Reference",
    "supplier": "Supplier",
    "application": "Application",
    "category": "Saving category",
    "owner": "Owner (budget holder)",
    "start_date": "Start date",
    "end_date": "End date",
    "term_years": "Term in years",
    "renewal_date": "Renewal date",
    "notice_date": "Notice date",
    "baseline_year": "Baseline year",
    "original_annual": "Original cost per year",
    "revised_annual": "Revised cost per year",
    "original_total": "Original cost for the whole term",
    "revised_total": "Revised cost for the whole term",
    "recurrence": "One-off or recurring",
    "cashable": "Cashable",
    "implementation_cost": "Implementation costs",
    "evidence_reference": "Evidence reference",
    "notes": "Notes",
    "budget_holder_signed_by": "Budget holder who signed off",
    "budget_holder_signed_on": "Budget holder sign-off date",
    "finance_signed_by": "Finance officer who signed off",
    "finance_signed_on": "Finance sign-off date",
}
OPTIONAL = {
    "implementation_cost",
    "evidence_reference",
    "notes",
    "budget_holder_signed_by",
    "budget_holder_signed_on",
    "finance_signed_by",
    "finance_signed_on",
}
MAX_LENGTHS = {
    "supplier": 200,
    "application": 200,
    "owner": 200,
    "evidence_reference": 200,
    "notes": 4000,
    "budget_holder_signed_by": 200,
    "finance_signed_by": 200,
}


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


@dataclass(frozen=True)
class ContractFields:
    reference: str
    supplier: str
    application: str
    category: str
    owner: str
    start_date: dt.date
    end_date: dt.date
    term_years: int
    renewal_date: dt.date
    notice_date: dt.date
    baseline_year: str
    original_annual_pence: int
    revised_annual_pence: int
    original_total_pence: int
    revised_total_pence: int
    recurrence: str
    cashable: bool
    implementation_cost_pence: int
    evidence_reference: str
    notes: str
    budget_holder_signed_by: str | None
    budget_holder_signed_on: dt.date | None
    finance_signed_by: str | None
    finance_signed_on: dt.date | None

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


class InvalidContract(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(
            "; ".join(f"{LABELS.get(p.field, p.field)}: {p.message}" for p in problems)
        )
        self.problems = problems


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_date(value: object) -> dt.date:
    """ISO (2024-04-01), UK (01/04/2024) or a spreadsheet date cell."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValueError(f"'{text}' is not a date; use 2024-04-01 or 01/04/2024")


def _choice(text: str, options: dict[str, str]) -> str:
    wanted = text.strip().lower().replace("-", "_").replace(" ", "_")
    for key, label in options.items():
        if wanted in (key, label.lower().replace("-", "_").replace(" ", "_")):
            return key
    raise ValueError(f"'{text}' is not one of: {', '.join(options.values())}")


def _cashable(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in _YES:
        return True
    if lowered in _NO:
        return False
    raise ValueError(f"'{text}' is not yes or no")


def _term(text: str) -> int:
    years = whole_number(text)
    if years is None or not 1 <= years <= MAX_TERM_YEARS:
        raise ValueError(f"'{text}' is not a whole number of years from 1 to {MAX_TERM_YEARS}")
    return years


def _baseline_year(text: str) -> str:
    match = _BASELINE_YEAR.match(text)
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise ValueError(f"'{text}' is not a financial year like 2023/24")
    return text


_PARSERS: dict[str, Any] = {
    "category": lambda t: _choice(t, CATEGORIES),
    "recurrence": lambda t: _choice(t, RECURRENCES),
    "cashable": _cashable,
    "term_years": _term,
    "baseline_year": _baseline_year,
}
_DATES = {
    "start_date",
    "end_date",
    "renewal_date",
    "notice_date",
    "budget_holder_signed_on",
    "finance_signed_on",
}
_MONEY = {
    "original_annual",
    "revised_annual",
    "original_total",
    "revised_total",
    "implementation_cost",
}


def _parse_one(name: str, raw: object) -> object:
    text = _text(raw)
    if not text:
        if name in OPTIONAL:
            return 0 if name in _MONEY else (None if name in _DATES else "")
        raise ValueError("is missing")
    if name in _DATES:
        return parse_date(raw)
    if name in _MONEY:
        try:
            return parse_pence(raw)
        except MoneyError as exc:
            raise ValueError(str(exc)) from None
    if name in _PARSERS:
        return _PARSERS[name](text)
    if name == "reference" and not _REFERENCE.match(text):
        raise ValueError("use up to 40 letters, numbers, spaces, dots, slashes or dashes")
    if len(text) > MAX_LENGTHS.get(name, 200):
        raise ValueError(f"is longer than {MAX_LENGTHS.get(name, 200)} characters")
    return text


def _cross_checks(v: dict[str, Any]) -> list[Problem]:
    problems = []
    if v["end_date"] <= v["start_date"]:
        problems.append(Problem("end_date", "must be after the start date"))
    else:
        years = ((v["end_date"] - v["start_date"]).days + 1) / 365.25
        if round(years) != v["term_years"]:
            problems.append(
                Problem("term_years", f"is {v['term_years']} but the dates cover {years:.1f} years")
            )
    if v["notice_date"] > v["renewal_date"]:
        problems.append(Problem("notice_date", "must be on or before the renewal date"))
    if int(v["baseline_year"][:4]) > v["start_date"].year:
        problems.append(Problem("baseline_year", "must be before the contract starts"))
    problems += _sign_off_checks(v)
    return problems


def _sign_off_checks(v: dict[str, Any]) -> list[Problem]:
    problems = []
    for who, when in (
        ("budget_holder_signed_by", "budget_holder_signed_on"),
        ("finance_signed_by", "finance_signed_on"),
    ):
        if bool(v[who]) != bool(v[when]):
            problems.append(Problem(when if v[who] else who, "give both the name and the date"))
        if v[who] and not v["evidence_reference"]:
            problems.append(
                Problem("evidence_reference", "a saving is signed off only with its evidence")
            )
    return problems


def parse_contract(raw: dict[str, object]) -> ContractFields:
    """Every field checked; raises InvalidContract listing each problem."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for name in COLUMNS:
        try:
            values[name] = _parse_one(name, raw.get(name))
        except ValueError as exc:
            problems.append(Problem(name, str(exc)))
    if not problems:
        problems = list(dict.fromkeys(_cross_checks(values)))
    if problems:
        raise InvalidContract(problems)
    for money in _MONEY:
        values[f"{money}_pence"] = values.pop(money)
    for name in ("budget_holder_signed_by", "finance_signed_by"):
        values[name] = values[name] or None
    return ContractFields(**values)
