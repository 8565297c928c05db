"""Page examples for the browser tests (see tests/browser/examples.py)."""

from __future__ import annotations

from synergy.core.roles import Role
from tests.browser.page_example import Example

PAGES: dict[str, Example] = {
    "/admin": Example(role=Role.ADMINISTRATOR),
    "/admin/users": Example(role=Role.ADMINISTRATOR),
    "/admin/users/new": Example(role=Role.ADMINISTRATOR),
    "/admin/audit": Example(role=Role.SUPERVISOR),
}
