"""Page examples for the browser tests (see tests/browser/examples.py)."""

from __future__ import annotations

from synergy.core.roles import Role
from tests.browser.page_example import Example

PAGES: dict[str, Example] = {
    "/notebook": Example(role=Role.OFFICER),
    "/notebook/extract": Example(role=Role.OFFICER),
    "/notebook/schedule": Example(role=Role.OFFICER),
    "/notebook/offline": Example(role=Role.OFFICER),
    "/notebook/officers/{officer}": Example(
        role=Role.SUPERVISOR, url="/notebook/officers/alex.morgan"
    ),
}

NOT_PAGES: dict[str, str] = {
    "/notebook/officer": "redirects a supervisor to the notebook they asked for",
    "/notebook/assets/{name}": "the notebook's script and styles",
    "/notebook/sw.js": "the offline notebook's service worker (JavaScript)",
    "/notebook/manifest.webmanifest": "the offline notebook's web app manifest (JSON)",
    # Entries exist only in the signed-in officer's own notebook, which the fresh browser user
    # an example signs in does not have; tests/notebook/test_browser.py writes entries and
    # runs axe, the keyboard walk and the page checks on these two pages.
    "/notebook/entries/{seq}": "an entry in the signed-in officer's own notebook",
    "/notebook/entries/{seq}/records": "an entry's names, for records (own notebook)",
}
