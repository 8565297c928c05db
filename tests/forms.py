"""Submitting a rendered page's form the way a browser would: with the hidden fields it carries."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

_FORM = re.compile(r'<form[^>]*action="([^"]*)"[^>]*>(.*?)</form>', re.S)
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def submit_form(
    client: TestClient, page: Any, *, action: str, data: dict[str, str] | None = None
) -> Any:
    """Posts the page's form for `action` with its hidden fields as rendered, plus `data`."""
    bodies = [body for found, body in _FORM.findall(page.text) if found == action]
    assert bodies, f"the page has no form that posts to {action}"
    return client.post(action, data={**dict(_HIDDEN.findall(bodies[0])), **(data or {})})
