"""Request bodies are limited per route while they stream in: an oversized body is refused
before it is read or parsed, and nothing is stored."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import uvicorn

from synergy.core.body_limits import DEFAULT_BODY_LIMIT
from synergy.core.serving import server_options


def _start_chat(client) -> str:  # type: ignore[no-untyped-def]
    return client.post("/api/contact/sessions").json()["token"]


def test_an_oversized_chat_message_is_refused_with_413_and_not_stored(client) -> None:
    token = _start_chat(client)
    huge = '{"text": "' + "a" * (2 << 20) + '"}'
    response = client.post(
        f"/api/contact/sessions/{token}/turns",
        content=huge,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert "Too Large" in response.text
    transcript = client.get(f"/api/contact/sessions/{token}").json()
    assert not any(turn.get("speaker") == "caller" for turn in transcript["turns"])


def test_an_oversized_acro_callback_is_refused_before_its_signature_is_checked(client) -> None:
    response = client.post(
        "/api/acro/responses",
        content=b"x" * (300 * 1024),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413


def test_a_staff_form_over_the_default_limit_is_refused(client) -> None:
    response = client.post(
        "/login",
        content=b"username=a&password=" + b"b" * (DEFAULT_BODY_LIMIT + 1),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413


@pytest.fixture
def served(app):  # type: ignore[no-untyped-def]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, **server_options())
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(timeout=30)


def _reply_to(port: int, head: bytes, body: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=20) as connection:
        connection.sendall(head + body)
        # The rest of the body is never sent: the answer must come without it.
        return connection.recv(4096)


def test_a_declared_150_mb_body_is_refused_before_any_of_it_arrives(served) -> None:
    head = (
        b"POST /api/contact/sessions/abc/turns HTTP/1.1\r\nHost: t\r\n"
        b"Content-Type: application/json\r\nContent-Length: 150000000\r\n\r\n"
    )
    assert _reply_to(served, head, b'{"text": "').startswith(b"HTTP/1.1 413")


def test_a_chunked_body_is_refused_as_soon_as_it_passes_the_limit(served) -> None:
    head = (
        b"POST /api/contact/sessions/abc/turns HTTP/1.1\r\nHost: t\r\n"
        b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    piece = b"a" * 8192
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for _ in range(4))  # 32 KiB
    assert _reply_to(served, head, chunks).startswith(b"HTTP/1.1 413")
