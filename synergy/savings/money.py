"""Money as whole pence (int) and quantities as Decimal: never floats.

Amounts are typed by people ("£1,234.56", "1234.5", "£4.49m" is refused) and read from
spreadsheets (a cell may hold a number); both are turned into pence exactly or refused with a
reason, so a bad figure never turns into a wrong one.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PENCE_PER_POUND = 100
MAX_PENCE = 10**14  # £1 trillion: far above any contract, well inside a BIGINT


class MoneyError(ValueError):
    """The text is not an amount of money in pounds and pence."""


def parse_pence(value: object, *, allow_negative: bool = False) -> int:
    """'£1,234.56' / '1234.56' / Decimal('1234.56') / 1234 -> 123456 pence."""
    if isinstance(value, bool):
        raise MoneyError("is not an amount of money")
    if isinstance(value, float):
        # Spreadsheet cells arrive as floats; their decimal form (repr) is the typed figure.
        value = repr(value)
    text = str(value).strip().replace(",", "").replace(" ", "")
    if text.startswith("£"):
        text = text[1:]
    elif text.startswith("-£"):
        text = "-" + text[2:]
    if not text:
        raise MoneyError("is empty")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise MoneyError(f"'{value}' is not an amount in pounds, like 1234.56") from None
    if not amount.is_finite():
        raise MoneyError(f"'{value}' is not an amount in pounds, like 1234.56")
    pence = amount * PENCE_PER_POUND
    if pence != pence.to_integral_value():
        raise MoneyError(f"'{value}' has more than two decimal places")
    if pence < 0 and not allow_negative:
        raise MoneyError(f"'{value}' is negative")
    if abs(pence) >= MAX_PENCE:
        raise MoneyError(f"'{value}' is too large")
    return int(pence)


def pounds(pence: int) -> Decimal:
    return (Decimal(pence) / PENCE_PER_POUND).quantize(Decimal("0.01"))


def format_pounds(pence: int, *, whole: bool = False) -> str:
    """123456 -> '£1,234.56'; whole=True rounds to the pound: '£1,235'."""
    sign = "-" if pence < 0 else ""
    value = pounds(abs(pence))
    if whole:
        return f"{sign}£{value.quantize(Decimal('1'), rounding=ROUND_HALF_UP):,}"
    return f"{sign}£{value:,}"


def plain_pounds(pence: int) -> str:
    """123456 -> '1234.56', for CSV and spreadsheets (no symbol, no separators)."""
    sign = "-" if pence < 0 else ""
    return f"{sign}{pounds(abs(pence))}"


def share(pence: int, numerator: int, denominator: int) -> int:
    """pence * numerator / denominator, rounded half up to a whole penny."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    exact = Decimal(pence) * numerator / denominator
    return int(exact.quantize(Decimal("1"), rounding=ROUND_HALF_UP))
