"""Browser fixtures: the real app served by uvicorn, and Debian's headless Chromium.

One Chromium and one uvicorn run for the whole session; each test gets a fresh browser context
(no cookies carried over) and its own app, on the emptied test database.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import os
import socket
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.responses import PlainTextResponse
from sqlalchemy.orm import Session, sessionmaker
from starlette.types import Receive, Scope, Send

from synergy.core import security
from synergy.core.deps import SESSION_COOKIE
from synergy.core.roles import Role
from synergy.core.serving import server_options
from synergy.identity import service as identity
from tests.browser.examples import PAGES
from tests.browser.page_example import Viewer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_SECONDS = 10


def _without_browser(reason: str) -> None:
    """In CI a missing browser is a broken build; on a laptop it is a skip that says why."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true, so the browser tests may not be skipped)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="package")
def browser():  # type: ignore[no-untyped-def]
    # Package scope: Playwright's sync API keeps an event loop running in this thread while it
    # is open, which would break later tests that call asyncio.run().
    if not CHROMIUM.exists():
        _without_browser(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _without_browser("Playwright for Python is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


_hash_once = functools.cache(security.hash_password)


@pytest.fixture(autouse=True)
def _reuse_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    # argon2 is slow on purpose (~0.1 s a hash) and these tests create a user each; one hash per
    # password is as good for checking pages, and signing in still verifies the password.
    monkeypatch.setattr(identity, "hash_password", _hash_once)


class LiveServer:
    """uvicorn on 127.0.0.1 in a background thread, started once for the session.

    Each test plugs in its own app (made by the `app` fixture, on that test's emptied database)
    with `serving(app)`, which also runs the app's lifespan; starting uvicorn once rather than
    per test keeps the suite fast.
    """

    def __init__(self) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        self._app: FastAPI | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        config = uvicorn.Config(
            self._dispatch,
            interface="asgi3",
            lifespan="on",
            log_config=None,
            access_log=False,
            timeout_graceful_shutdown=2,
            **server_options(),
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    async def _dispatch(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            self._loop = asyncio.get_running_loop()
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
        elif self._app is None:
            await PlainTextResponse("No test is running", status_code=503)(scope, receive, send)
        else:
            await self._app(scope, receive, send)

    def _run(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(SERVER_SECONDS)

    @contextmanager
    def serving(self, app: FastAPI) -> Iterator[str]:
        lifespan = app.router.lifespan_context(app)
        self._run(lifespan.__aenter__())
        self._app = app
        try:
            yield self.url
        finally:
            self._app = None
            self._run(lifespan.__aexit__(None, None, None))

    def start(self) -> None:
        self._thread.start()
        deadline = time.monotonic() + SERVER_SECONDS
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start serving on {self.url}")
            time.sleep(0.01)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(SERVER_SECONDS)
        self._socket.close()
        if self._thread.is_alive():
            raise RuntimeError(f"uvicorn on {self.url} did not stop")


@pytest.fixture(scope="session")
def _uvicorn() -> Iterator[LiveServer]:
    server = LiveServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def live_server(_uvicorn: LiveServer, app: FastAPI) -> Iterator[str]:
    """The base URL of the real app (this test's `app`), served over HTTP on 127.0.0.1."""
    with _uvicorn.serving(app) as url:
        yield url


@pytest.fixture
def context(browser, live_server: str):  # type: ignore[no-untyped-def]
    browser_context = browser.new_context(
        base_url=live_server, viewport={"width": 1280, "height": 800}
    )
    browser_context.set_default_timeout(10_000)
    yield browser_context
    browser_context.close()


@pytest.fixture
def page(context):  # type: ignore[no-untyped-def]
    return context.new_page()


def start_staff_session(
    session_factory: sessionmaker[Session], *roles: Role, display_name: str = "Alex Morgan"
) -> str:
    """Create a user holding `roles` and a signed-in session for them; returns the cookie value."""
    return new_staff_session(session_factory, *roles, display_name=display_name)[1]


def new_staff_session(
    session_factory: sessionmaker[Session], *roles: Role, display_name: str = "Alex Morgan"
) -> tuple[str, str]:
    """Create a user holding `roles` and a signed-in session; returns (username, cookie value)."""
    username = f"browser-{roles[0].value.replace('_', '-')}-{next(_user_numbers)}"
    with session_factory() as session:
        identity.create_user(
            session,
            username=username,
            display_name=display_name,
            password="a browser test password",  # noqa: S106 - never used to sign in
            roles=frozenset(roles),
        )
        account = identity.get_by_username(session, username=username)
        assert account is not None
        token = identity.start_session(session, user=account, source_ip="127.0.0.1")
        session.commit()
    return username, token


_user_numbers = itertools.count()


@pytest.fixture
def sign_in_as(context, live_server: str, session_factory):  # type: ignore[no-untyped-def]
    """`sign_in_as(Role.X, ...)` gives this browser a session for a new user with those roles
    and returns the user's name."""

    def _sign_in(*roles: Role, display_name: str = "Alex Morgan") -> str:
        username, token = new_staff_session(session_factory, *roles, display_name=display_name)
        context.add_cookies([{"name": SESSION_COOKIE, "value": token, "url": live_server}])
        return username

    return _sign_in


def example_address(
    path_template: str,
    session_factory: sessionmaker[Session],
    app: FastAPI,
    sign_in: Callable[[Role], str],
) -> str:
    """Run the example's setup, sign its viewer in (`sign_in(role)` returns their name), run
    the setup of the viewer's own data, and give the page's address."""
    example = PAGES[path_template]
    parameters = dict(example.setup(session_factory)) if example.setup else {}
    username = sign_in(example.role) if example.role is not None else ""
    if example.viewer_setup is not None:
        viewer = Viewer(username=username, app=app, session_factory=session_factory)
        parameters.update(example.viewer_setup(viewer))
    return example.address(path_template, parameters)


@pytest.fixture
def open_example(page, sign_in_as, session_factory, live_server, app):  # type: ignore[no-untyped-def]
    """`open_example("/admin/users")` opens that page in Chromium as examples.py says."""

    def _open(path_template: str):  # type: ignore[no-untyped-def]
        address = example_address(path_template, session_factory, app, sign_in_as)
        cookies = PAGES[path_template].cookies
        if cookies is not None:
            host = live_server.split("://", 1)[1].split(":")[0]
            page.context.add_cookies(
                [
                    {"name": name, "value": value, "domain": host, "path": path}
                    for name, (path, value) in cookies(session_factory).items()
                ]
            )
        response = page.goto(address, wait_until="load")
        assert response is not None
        assert response.status == 200, f"{address} answered {response.status}, not 200"
        assert response.url.endswith(address), f"{address} redirected to {response.url}"
        assert "text/html" in response.headers.get("content-type", "")
        return page

    return _open


@pytest.fixture
def fetch_example(client, session_factory, app):  # type: ignore[no-untyped-def]
    """`fetch_example("/admin/users")` is that page's HTML, fetched as examples.py says."""

    def _sign_in(role: Role) -> str:
        username, token = new_staff_session(session_factory, role)
        client.cookies.set(SESSION_COOKIE, token)
        return username

    def _fetch(path_template: str) -> str:
        address = example_address(path_template, session_factory, app, _sign_in)
        cookies = PAGES[path_template].cookies
        for name, (path, value) in (cookies(session_factory) if cookies else {}).items():
            client.cookies.set(name, value, path=path)
        response = client.get(address)
        assert response.status_code == 200, f"{address} answered {response.status_code}, not 200"
        assert "text/html" in response.headers.get("content-type", "")
        return str(response.text)

    return _fetch


ERROR_STATES = ("page-not-found", "forbidden", "sign-in-failed")


@pytest.fixture
def open_error_state(page, sign_in_as, make_user):  # type: ignore[no-untyped-def]
    """`open_error_state(name)` shows one of ERROR_STATES and returns the page."""

    def _open(name: str):  # type: ignore[no-untyped-def]
        if name == "page-not-found":
            sign_in_as(Role.OFFICER)
            response = page.goto("/no-such-page")
            expected = 404
        elif name == "forbidden":
            sign_in_as(Role.OFFICER)
            response = page.goto("/admin/users")
            expected = 403
        elif name == "sign-in-failed":
            username = make_user("casey", Role.OFFICER)
            page.goto("/login")
            page.get_by_label("Username").fill(username)
            page.get_by_label("Password", exact=True).fill("not the password")
            with page.expect_navigation() as navigation:
                page.get_by_role("button", name="Sign in").click()
            response = navigation.value
            expected = 401
        else:
            raise ValueError(f"no error state called {name!r}")
        assert response is not None and response.status == expected, name
        return page

    return _open
