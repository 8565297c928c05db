"""Every page passes axe-core's WCAG 2.2 A and AA rules and works with a keyboard alone.

Both checks share one page load (the slow part), so each page costs one browser visit; the
failure message says which check found what. Error pages: test_error_pages.py.
"""

from __future__ import annotations

import pytest

from tests.browser.checks import axe_problems, keyboard_problems
from tests.browser.examples import PAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_passes_axe_core_and_keyboard_checks(open_example, path: str) -> None:  # type: ignore[no-untyped-def]
    page = open_example(path)
    # axe first, on the page as it loaded; the keyboard walk then moves focus about.
    problems = [f"axe-core: {p}" for p in axe_problems(page)]
    problems += [f"keyboard: {p}" for p in keyboard_problems(page)]
    assert not problems, f"{page.url}:\n" + "\n".join(problems)
