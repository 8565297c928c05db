"""Notebook fixtures: a keyring with a random master key, and a helper to write entries."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

import pytest
from sqlalchemy.orm import Session

from synergy.core.db import utcnow
from synergy.notebook import service
from synergy.notebook.keys import Keyring
from synergy.notebook.models import Entry

# The browser fixtures, registered here (not in a test module) so that the package-scoped
# Chromium closes when the notebook's tests end, before another package opens its own.
from tests.browser.conftest import (  # noqa: F401, E402 - fixtures, registered by import
    _reuse_password_hashes,
    _uvicorn,
    browser,
    live_server,
)


@pytest.fixture
def keyring() -> Keyring:
    return Keyring(secrets.token_bytes(32))


def write(
    session: Session,
    keyring: Keyring,
    officer: str = "alex.morgan",
    text: str = "Note",
    **content: Any,
) -> Entry:
    return service.add_entry(
        session,
        keyring,
        officer=officer,
        content=service.content_from({"text": text, **content}),
        device_time=utcnow() - dt.timedelta(seconds=30),
    )


def a_photo(side: int = 40, seed: int = 1) -> bytes:
    """A PNG picture of random pixels (they do not compress: about 3 * side * side bytes)."""
    import io
    import random

    from PIL import Image

    pixels = random.Random(seed).randbytes(side * side * 3)
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), pixels).save(out, format="PNG")
    return out.getvalue()


def an_incident(session: Session) -> str:
    """An incident log number to attach entries to: a real incident where command and control
    is installed (attaching checks it exists), else any well-formed number."""
    import importlib.util

    if importlib.util.find_spec("synergy.cad") is None:
        return "log 42 of 03/12/2026"
    from tests.cad.factories import open_incident

    return str(open_incident(session).log_number)
