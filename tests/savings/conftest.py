"""The browser fixtures (real Chromium against the real app) for the finance journey test."""

from tests.browser.conftest import (  # noqa: F401 - fixtures, registered by import
    _reuse_password_hashes,
    _uvicorn,
    browser,
    context,
    live_server,
    page,
    sign_in_as,
)
