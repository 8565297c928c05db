"""The error pages people meet (not found, no access, failed sign-in) are as usable as the rest."""

from __future__ import annotations

import pytest

from tests.browser.checks import axe_problems, keyboard_problems, structure_problems
from tests.browser.conftest import ERROR_STATES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("state", ERROR_STATES)
def test_error_page_passes_axe_keyboard_and_page_checks(open_error_state, state: str) -> None:  # type: ignore[no-untyped-def]
    page = open_error_state(state)
    problems = [f"axe-core: {p}" for p in axe_problems(page)]
    problems += [f"page rules: {p}" for p in structure_problems(page.content())]
    problems += [f"keyboard: {p}" for p in keyboard_problems(page)]
    assert not problems, f"{state} ({page.url}):\n" + "\n".join(problems)
