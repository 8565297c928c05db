"""The GOV.UK page rules on every page: one h1, a title starting with it, unique ids, a lang.

Checked on the HTML the server sends (no browser needed), as GOV.UK Notify does.
"""

from __future__ import annotations

import pytest

from tests.browser.checks import structure_problems
from tests.browser.examples import PAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_follows_the_page_rules(fetch_example, path: str) -> None:  # type: ignore[no-untyped-def]
    problems = structure_problems(fetch_example(path))
    assert not problems, f"{path}:\n" + "\n".join(problems)
