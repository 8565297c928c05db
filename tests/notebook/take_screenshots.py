"""Screenshots of the notebook on a phone for docs/notebook.md; not part of the normal run
(the name is not test_*). Run it by name when the pages' look changes, and commit the images:
    .venv/bin/pytest tests/notebook/take_screenshots.py -p no:cacheprovider
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.checks import PROJECT_ROOT
from tests.notebook.test_browser import (  # noqa: F401 - the tests and their fixture, run again here
    phone,
    test_officer_journey_on_a_phone,
    test_offline_entries_are_kept_encrypted_and_synced_once,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def shots() -> Path:
    images = PROJECT_ROOT / "docs" / "images"
    images.mkdir(parents=True, exist_ok=True)
    return images
