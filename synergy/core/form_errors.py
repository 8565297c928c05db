"""Every problem with a submitted form at once, as GOV.UK pages show them: an error summary
listing each problem linked to its field, and the same message beside the field.

A service's validation adds each problem it finds to a `FormErrors` and raises `InvalidForm`
at the end, so the person filling in the form fixes everything in one go instead of meeting
the problems one submission at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from synergy.core.errors import InvalidRequest

T = TypeVar("T")


class InvalidForm(InvalidRequest):
    """A form with one or more problems; `problems` is (field id, message) pairs in order."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        field, message = problems[0]
        super().__init__(message, field=field)
        self.problems = problems


class FormErrors:
    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []

    def add(self, field: str, message: str) -> None:
        """Note a problem; only the first for each field is kept (one message per field)."""
        if field not in {known for known, _ in self.problems}:
            self.problems.append((field, message))

    def check(self, field: str, read: Callable[[], T]) -> T | None:
        """`read()`, or None with its InvalidRequest noted against its field (or `field`)."""
        try:
            return read()
        except InvalidForm as exc:
            for each in exc.problems:
                self.add(*each)
        except InvalidRequest as exc:
            self.add(exc.field or field, exc.message)
        return None

    def raise_if_any(self) -> None:
        if self.problems:
            raise InvalidForm(list(self.problems))


def summary(error: InvalidRequest | None) -> list[dict[str, str]]:
    """The error summary's list for GOV.UK's macro: every problem, linked to its field."""
    if error is None:
        return []
    problems = (
        error.problems if isinstance(error, InvalidForm) else [(error.field or "", error.message)]
    )
    return [{"text": text, "href": f"#{field}"} for field, text in problems]


def by_field(error: InvalidRequest | None) -> dict[str, str]:
    """Each field's message, for the `errorMessage` beside it."""
    if error is None:
        return {}
    problems = (
        error.problems if isinstance(error, InvalidForm) else [(error.field or "", error.message)]
    )
    return dict(problems)
