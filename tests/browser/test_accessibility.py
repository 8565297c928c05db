"""axe-core finds no WCAG 2.2 A or AA violations on any page (error pages: test_error_pages)."""

from __future__ import annotations

import pytest

from tests.browser.checks import axe_problems
from tests.browser.examples import PAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_has_no_axe_violations(open_example, path: str) -> None:  # type: ignore[no-untyped-def]
    page = open_example(path)
    problems = axe_problems(page)
    assert not problems, f"axe-core on {page.url}:\n" + "\n".join(problems)
