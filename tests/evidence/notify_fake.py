"""A local stand-in for the GOV.UK Notify API (v2 text and email notifications), on 127.0.0.1.

It checks what the real API checks that matters to us: a bearer JWT signed (HS256) with the
key's secret and issued by the key's service id less than 30 seconds ago, a known template,
and a UK mobile number. It answers as Notify documents: 201 with the notification, or an
error status with `{"status_code": ..., "errors": [{"error": ..., "message": ...}]}`.
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt

SERVICE_ID = "5d3c1e0a-7b9f-4c2e-9a51-0f6e2d8b4c71"
SECRET = "8f2b6a4e-1c3d-4e5f-a6b7-c8d9e0f1a2b3"
API_KEY = f"synergy_test-{SERVICE_ID}-{SECRET}"
SMS_TEMPLATE = "a1b2c3d4-0000-4000-8000-000000000001"
EMAIL_TEMPLATE = "a1b2c3d4-0000-4000-8000-000000000002"
UK_MOBILE = re.compile(r"^(?:\+44|0044|0)7\d{9}$")


@dataclass
class FakeNotify:
    base_url: str = ""
    sent: list[dict[str, Any]] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)


def _error(status: int, kind: str, message: str) -> tuple[int, dict[str, Any]]:
    return status, {"status_code": status, "errors": [{"error": kind, "message": message}]}


def _check_token(header: str) -> tuple[int, dict[str, Any]] | None:
    token = header.removeprefix("Bearer ").strip()
    try:
        claims = jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_iat": False})
    except jwt.PyJWTError:
        return _error(403, "AuthError", "Invalid token: signature, api token not found")
    if claims.get("iss") != SERVICE_ID:
        return _error(403, "AuthError", "Invalid token: service not found")
    if abs(time.time() - float(claims.get("iat", 0))) > 30:
        return _error(403, "AuthError", "Error: Your system clock must be accurate to 30 seconds")
    return None


def _notification(kind: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    template = SMS_TEMPLATE if kind == "sms" else EMAIL_TEMPLATE
    if body.get("template_id") != template:
        return _error(400, "BadRequestError", "Template not found")
    if kind == "sms":
        number = re.sub(r"[\s()-]", "", str(body.get("phone_number", "")))
        if not UK_MOBILE.match(number):
            return _error(400, "ValidationError", "phone_number Not a UK mobile number")
    elif "@" not in str(body.get("email_address", "")):
        return _error(400, "ValidationError", "email_address Not a valid email address")
    notification_id = str(uuid.uuid4())
    return 201, {
        "id": notification_id,
        "reference": body.get("reference"),
        "content": {"body": json.dumps(body.get("personalisation", {}))},
        "uri": f"/v2/notifications/{notification_id}",
        "template": {"id": template, "version": 1, "uri": f"/v2/template/{template}"},
    }


@contextmanager
def fake_notify() -> Iterator[FakeNotify]:
    state = FakeNotify()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the standard library's name
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            found = re.fullmatch(r"/v2/notifications/(sms|email)", self.path)
            answer = _check_token(self.headers.get("Authorization", ""))
            if answer is None:
                answer = (
                    _notification(found.group(1), body)
                    if found
                    else _error(404, "NotFound", "Not found")
                )
            status, reply = answer
            if status == 201:
                state.sent.append({"kind": found.group(1) if found else "", **body})
            else:
                state.refused.append((status, reply["errors"][0]["message"]))
            data = json.dumps(reply).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
