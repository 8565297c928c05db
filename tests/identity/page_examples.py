"""Page examples for the browser tests (see tests/browser/examples.py)."""

from __future__ import annotations

from tests.browser.page_example import Example

PAGES: dict[str, Example] = {
    "/login": Example(role=None),
}
