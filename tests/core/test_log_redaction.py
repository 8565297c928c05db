"""No token reaches a log: real requests to a real server, then every line of its output is
searched for the tokens that were used."""

from __future__ import annotations

import logging
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from synergy.core.log_redaction import redact
from synergy.core.observability import configure_logging
from synergy.core.web import install_error_handlers, template_environment

ROOT = Path(__file__).resolve().parent.parent.parent


def _upload_link_token() -> str:
    return f"{secrets.token_hex(16)}.{secrets.token_urlsafe(32)}.{secrets.token_hex(32)}"


@pytest.mark.parametrize(
    "token",
    [
        secrets.token_urlsafe(32),
        secrets.token_hex(32),
        _upload_link_token(),
        "AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGhIjKl",  # mixed case, no digit
    ],
)
def test_every_kind_of_token_is_redacted(token: str) -> None:
    line = f"GET /api/contact/sessions/{token}/turns HTTP/1.1 200"
    assert token not in redact(line) and "[redacted]" in redact(line)
    for part in token.split("."):
        assert part not in redact(line)


def test_words_and_names_are_left_alone() -> None:
    line = "evidence.upload_request_created by investigator_smith at /evidence/requests/12"
    assert redact(line) == line


def test_named_secrets_are_redacted_whatever_their_shape() -> None:
    assert "hunter2" not in redact("password=hunter2 sent")
    assert "abc" not in redact("Authorization: Bearer abc")


def test_an_unhandled_error_on_a_token_url_logs_no_token(settings, capfd) -> None:
    token = _upload_link_token()
    app = FastAPI()
    app.state.templates = template_environment()
    app.state.settings = settings
    install_error_handlers(app)

    @app.get("/evidence/upload/{token}/files")
    def broken(token: str) -> None:
        raise RuntimeError(f"could not open the upload for {token}")

    configure_logging(settings)
    try:
        response = TestClient(app, raise_server_exceptions=False).get(
            f"/evidence/upload/{token}/files"
        )
    finally:
        logging.getLogger().handlers.clear()
    written = capfd.readouterr().err
    assert response.status_code == 500
    assert "RuntimeError" in written and "/evidence/upload/{token}/files" in written
    assert token not in written and token.split(".")[1] not in written


@pytest.mark.slow
def test_a_served_platform_writes_no_token_to_its_logs(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SYNERGY_")}
    env.update(
        SYNERGY_DATA_DIR=str(tmp_path / "var"),
        SYNERGY_FRONTEND_DIR=str(ROOT / "node_modules"),
        SYNERGY_LOG_LEVEL="DEBUG",
        PYTHONPATH=str(ROOT),
    )
    subprocess.run(
        [sys.executable, "-m", "synergy", "db", "upgrade"], env=env, check=True, timeout=120
    )
    from tests.acro.processes import free_port

    port = free_port()
    log_path = tmp_path / "server.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "synergy", "run", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=log,
        )
    used: list[str] = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=20) as http:
            for _ in range(300):
                try:
                    http.get("/healthz")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            chat = http.post("/api/contact/sessions").json()["token"]
            used.append(chat)
            http.post(f"/api/contact/sessions/{chat}/turns", json={"text": "I lost my wallet"})
            http.get(f"/api/contact/sessions/{chat}")
            link = _upload_link_token()
            used.append(link)
            http.get(f"/evidence/upload/{link}")
            http.get(f"/evidence/upload/{link}/files")
            http.head(f"/api/evidence/tus/{link}/{secrets.token_hex(16)}")
            page = http.get("/login")
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
            if csrf:
                used.append(csrf.group(1))
            used.extend(http.cookies.values())
    finally:
        server.terminate()
        server.wait(timeout=30)
    written = log_path.read_text()
    assert "/api/contact/sessions" in written  # requests were logged at all
    assert "[redacted]" in written  # and something had to be taken out
    leaks = [token for token in used if len(token) >= 16 and token in written]
    assert not leaks, f"tokens found in the server's log: {leaks}"
