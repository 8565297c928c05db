"""Screenshots for the documentation; not part of the normal run (the name is not test_*).

Run it by name when a page's look changes, and commit the images:
    .venv/bin/pytest tests/browser/take_screenshots.py -p no:cacheprovider
"""

from __future__ import annotations

import pytest

from synergy.core.roles import Role
from tests.browser.checks import PROJECT_ROOT

pytestmark = pytest.mark.browser

IMAGES = PROJECT_ROOT / "docs" / "images"


def test_signed_in_home_page(page, sign_in_as) -> None:  # type: ignore[no-untyped-def]
    sign_in_as(*Role, display_name="Sam Patel")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    page.evaluate("document.fonts.ready")
    IMAGES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(IMAGES / "home.png"))
