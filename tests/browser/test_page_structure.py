"""The GOV.UK page rules on every page: one h1, a title starting with it, unique ids, a lang."""

from __future__ import annotations

import pytest

from tests.browser.checks import structure_problems
from tests.browser.examples import PAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_follows_the_page_rules(open_example, path: str) -> None:  # type: ignore[no-untyped-def]
    page = open_example(path)
    problems = structure_problems(page)
    assert not problems, f"{page.url}:\n" + "\n".join(problems)
