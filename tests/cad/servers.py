"""Real web servers for the live-board tests: the app in a uvicorn thread, or whole
`synergy run` processes, each on a free port on 127.0.0.1; and a signed-in HTTP client."""

from __future__ import annotations

import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from tests.conftest import TEST_PASSWORD, TEST_SECRET

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def app_in_thread(app: Any) -> Iterator[str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_config=None, access_log=False, timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_SECONDS
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def web_process(database_url: str, data_dir: Path) -> Iterator[str]:
    """`synergy run` (web only) in its own process, on the test database."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SYNERGY_")}
    env.update(
        SYNERGY_DATABASE_URL=database_url,
        SYNERGY_SECRET_KEY=TEST_SECRET,
        SYNERGY_DATA_DIR=str(data_dir),
        SYNERGY_FRONTEND_DIR=str(ROOT / "node_modules"),
    )
    data_dir.mkdir(parents=True, exist_ok=True)
    log = (data_dir / f"web-{port}.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "synergy", "run", "--port", str(port), "--no-with-worker"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{base}/healthz", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@contextmanager
def signed_in_client(base: str, username: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=10) as client:
        _sign_in(client, username)
        yield client


def _sign_in(client: httpx.Client, username: str) -> None:
    login = client.get("/login")
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', login.text)
    assert token is not None
    signed = client.post(
        "/login",
        data={"username": username, "password": TEST_PASSWORD, "csrf_token": token.group(1)},
    )
    assert signed.status_code == 303, signed.text
    # The CSRF token is renewed at sign-in: take the one the signed-in pages carry.
    home = client.get("/")
    renewed = re.search(r'name="csrf_token" value="([0-9a-f]+)"', home.text)
    assert renewed is not None
    client.headers["X-CSRF-Token"] = renewed.group(1)


class BoardListener:
    """Reads a board's server-sent events in a thread; `rows` receives each changed row."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self.rows: queue.Queue[dict[str, Any]] = queue.Queue()
        self.connected = threading.Event()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        assert self.connected.wait(START_SECONDS), "the board's event stream did not open"

    def _read(self) -> None:
        try:
            with self.client.stream("GET", "/cad/board/events", timeout=None) as response:
                if response.status_code != 200:
                    return
                for line in response.iter_lines():
                    if line.startswith(": connected"):
                        self.connected.set()
                    elif line.startswith("data: "):
                        self.rows.put(json.loads(line.removeprefix("data: ")))
        except (httpx.HTTPError, RuntimeError):
            return  # the server stopped or the test closed its client: the stream ends

    def next_row(self, *, within: float = 10.0) -> dict[str, Any]:
        return self.rows.get(timeout=within)
