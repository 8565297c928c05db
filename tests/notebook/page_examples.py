"""Page examples for the browser tests (see tests/browser/examples.py).

An entry page shows an entry of the signed-in officer's own notebook, written under the app's
keys. An example's setup is given only the database, so it finds both: the browser tests sign
in as "browser-officer-<next number>" and the app under test has just created its master key
file in its data folder, the newest one in this test run's temporary folder.
"""

from __future__ import annotations

import datetime as dt
import getpass
import itertools
import tempfile
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from synergy.core.db import utcnow
from synergy.core.roles import Role
from synergy.notebook import service
from synergy.notebook.keys import Keyring
from synergy.notebook.settings import MASTER_KEY_FILE, decode_key
from tests.browser.page_example import Example


def _app_keyring(session_factory: sessionmaker[Session]) -> Keyring:
    # With SQLite the test database lives in this run's temporary folder (<base>/db0/test.db)
    # and each test's app keeps its data, the key file among it, in <base>/<test>/var. With
    # PostgreSQL, look in pytest's default temporary folders for the newest key file.
    database = session_factory.kw["bind"].url.database or ""
    if database.endswith(".db"):
        folders = [Path(database).resolve().parents[1]]
    else:
        folders = list((Path(tempfile.gettempdir()) / f"pytest-of-{getpass.getuser()}").glob("*"))
    files = [f for folder in folders for f in folder.glob(f"*/var/{MASTER_KEY_FILE}")]
    if not files:
        raise RuntimeError("the app under test has no notebook master key file")
    newest = max(files, key=lambda p: p.stat().st_mtime)
    return Keyring(decode_key(newest.read_text(), name=str(newest)))


def _next_browser_officer() -> str:
    from tests.browser import conftest as browser

    number = next(browser._user_numbers)
    browser._user_numbers = itertools.chain([number], browser._user_numbers)
    return f"browser-officer-{number}"


def _an_entry(session_factory: sessionmaker[Session]) -> Mapping[str, str]:
    officer, keyring = _next_browser_officer(), _app_keyring(session_factory)
    content = service.content_from(
        {
            "text": "Spoke to Jan KOWALSKI born 27/03/1990 at B3 2BS. Call 0121 626 5000.",
            "sketch": {
                "description": "Junction plan: car came from the north",
                "drawing": {"width": 600, "height": 300, "strokes": [[[10, 10], [200, 150]]]},
            },
            "signatures": [{"role": "witness", "name": "Mary Jones"}],
        }
    )
    with session_factory() as session:
        entry = service.add_entry(
            session, keyring, officer=officer, content=content,
            device_time=utcnow() - dt.timedelta(minutes=2),
        )  # fmt: skip
        service.correct_entry(
            session, keyring, officer=officer, seq=entry.seq, text="Born 27/03/1991",
            reason="Year misheard", device_time=utcnow(),
        )  # fmt: skip
        session.commit()
        return {"seq": str(entry.seq)}


PAGES: dict[str, Example] = {
    "/notebook": Example(role=Role.OFFICER, setup=_an_entry),
    "/notebook/entries/{seq}": Example(role=Role.OFFICER, setup=_an_entry),
    "/notebook/entries/{seq}/records": Example(role=Role.OFFICER, setup=_an_entry),
    "/notebook/extract": Example(role=Role.OFFICER, setup=_an_entry),
    "/notebook/schedule": Example(role=Role.OFFICER, setup=_an_entry),
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
}
