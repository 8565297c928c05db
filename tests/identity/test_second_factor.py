"""Supervisors and administrators sign in with a code from an authenticator app as well as
their password; everyone else may add one."""

from __future__ import annotations

import re

import pyotp
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from synergy.core import audit
from synergy.core.deps import SESSION_COOKIE
from synergy.core.roles import Role
from tests.conftest import (
    AUTHENTICATOR_KEYS,
    TEST_PASSWORD,
    authenticator_code,
    csrf_for,
    sign_in,
)


def _password(client: TestClient, username: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/login",
        data={"username": username, "password": TEST_PASSWORD, "csrf_token": csrf_for(client)},
    )


def _code(client: TestClient, path: str, code: str):  # type: ignore[no-untyped-def]
    return client.post(path, data={"code": code, "csrf_token": csrf_for(client)})


def test_a_supervisor_must_set_up_an_app_before_getting_in(
    client: TestClient, make_user, db
) -> None:
    make_user("sam", Role.SUPERVISOR)
    after_password = _password(client, "sam")
    assert after_password.headers["location"].startswith("/login/set-up-code")
    assert SESSION_COOKIE not in client.cookies
    page = client.get(after_password.headers["location"])
    assert page.status_code == 200 and "<svg" in page.text
    key = re.search(r'class="synergy-key"[^>]*>([A-Z2-7 ]+)<', page.text).group(1)
    assert "Signed in as" not in client.get("/").text
    wrong = _code(client, "/login/set-up-code", "000000")
    assert wrong.status_code == 401 and "6-digit code" in wrong.text
    right = _code(client, "/login/set-up-code", pyotp.TOTP(key.replace(" ", "")).now())
    assert right.status_code == 303 and SESSION_COOKIE in client.cookies
    assert "Signed in as Sam" in client.get("/").text
    assert "user.second_factor_set_up" in [r.action for r in audit.recent(db, limit=10)]


def test_next_time_the_code_is_asked_for_and_a_used_code_is_refused(
    app, client: TestClient, make_user
) -> None:
    make_user("sam", Role.SUPERVISOR)
    sign_in(client, "sam")
    with TestClient(app, follow_redirects=False) as again:
        assert _password(again, "sam").headers["location"].startswith("/login/code")
        code = authenticator_code("sam")
        assert _code(again, "/login/code", code).status_code == 303
    with TestClient(app, follow_redirects=False) as replay:
        _password(replay, "sam")
        assert _code(replay, "/login/code", code).status_code == 401  # used once already


def test_guessing_codes_is_throttled(client: TestClient, make_user, settings) -> None:
    make_user("sam", Role.SUPERVISOR)
    sign_in(client, "sam")
    client.cookies.clear()
    _password(client, "sam")
    for _ in range(settings.login_max_failures):
        assert _code(client, "/login/code", "123456").status_code == 401
    refused = _code(client, "/login/code", authenticator_code("sam"))
    assert refused.status_code == 429 and "Too many" in refused.text


def test_the_code_step_needs_the_password_step_first(client: TestClient, make_user) -> None:
    make_user("sam", Role.SUPERVISOR)
    for response in (
        client.get("/login/code"),
        _code(client, "/login/code", "123456"),
    ):
        assert response.status_code == 303 and response.headers["location"].startswith("/login?")
    client.cookies.set("synergy_sign_in", "1.99999999999.forged", path="/login")
    forged = _code(client, "/login/code", "123456")
    assert forged.status_code == 303 and SESSION_COOKIE not in client.cookies


def test_an_officer_signs_in_with_a_password_alone(client: TestClient, make_user) -> None:
    make_user("pat", Role.OFFICER)
    response = _password(client, "pat")
    assert response.headers["location"] == "/" and SESSION_COOKIE in client.cookies


def test_the_csrf_token_is_renewed_at_sign_in(client: TestClient, make_user) -> None:
    make_user("pat", Role.OFFICER)
    before = csrf_for(client)
    _password(client, "pat")
    after = csrf_for(client)
    assert before != after
    stale = client.post("/logout", data={"csrf_token": before})
    assert stale.status_code == 403


def test_an_administrator_can_remove_a_lost_app(
    client: TestClient, make_user, monkeypatch, settings
) -> None:
    from synergy.cli import app as cli

    make_user("sam", Role.SUPERVISOR)
    sign_in(client, "sam")
    monkeypatch.setenv("SYNERGY_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("SYNERGY_DATA_DIR", str(settings.data_dir))
    result = CliRunner().invoke(cli, ["users", "remove-second-factor", "sam"])
    assert result.exit_code == 0, result.output
    client.cookies.clear()
    assert _password(client, "sam").headers["location"].startswith("/login/set-up-code")
    AUTHENTICATOR_KEYS.pop("sam", None)
