"""Signing in and out, throttling, idle timeout and security headers."""

from __future__ import annotations

import datetime as dt
import re

from fastapi.testclient import TestClient
from sqlalchemy import update

from synergy.core import audit
from synergy.core.roles import Role
from synergy.identity.models import SignInThrottle, UserSession
from tests.conftest import TEST_PASSWORD, csrf_for, sign_in


def _attempt(client: TestClient, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf_for(client)},
    )


def test_staff_sign_in_lands_on_their_services(client: TestClient, make_user) -> None:
    make_user("sam", Role.SUPERVISOR)
    sign_in(client, "sam")
    page = client.get("/")
    assert page.status_code == 200
    assert "Signed in as Sam" in page.text
    assert "Administration" in page.text


def test_session_cookie_is_http_only_and_same_site(client: TestClient, make_user) -> None:
    make_user("sam", Role.OFFICER)
    response = _attempt(client, "sam", TEST_PASSWORD)
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


def test_wrong_password_shows_an_error_and_no_session(client: TestClient, make_user) -> None:
    make_user("sam", Role.OFFICER)
    response = _attempt(client, "sam", "not the password")
    assert response.status_code == 401
    assert "Enter a correct username and password" in response.text
    assert 'class="govuk-error-summary' in response.text
    assert client.get("/").status_code == 303


def test_blank_fields_are_named_in_the_error_summary(client: TestClient) -> None:
    response = _attempt(client, "", "")
    assert response.status_code == 422
    assert "Enter your username" in response.text and "Enter your password" in response.text


def _error(response) -> str:  # type: ignore[no-untyped-def]
    match = re.search(r'<p id="username-error"[^>]*>(.*?)</p>', response.text, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(1))).strip() if match else ""


def test_repeated_failures_are_throttled_alike_for_real_and_unknown_usernames(
    client: TestClient, make_user, settings
) -> None:
    make_user("sam", Role.OFFICER)
    answers = {}
    for name in ("sam", "nobody-here"):
        for _ in range(settings.login_max_failures):
            assert _attempt(client, name, "wrong password!").status_code == 401
        refused = _attempt(client, name, "wrong password!")
        answers[name] = (refused.status_code, _error(refused))
    assert answers["sam"] == answers["nobody-here"]
    assert answers["sam"][0] == 429 and "Too many sign-in attempts" in answers["sam"][1]
    assert "locked" not in answers["sam"][1]
    # While throttled, even the right password is refused from this address.
    assert _attempt(client, "sam", TEST_PASSWORD).status_code == 429


def test_a_stranger_cannot_shut_someone_out_from_their_own_address(
    app, make_user, settings
) -> None:
    make_user("sam", Role.OFFICER)
    with TestClient(app, client=("198.51.100.7", 4000), follow_redirects=False) as stranger:
        for _ in range(settings.login_max_failures + 3):
            _attempt(stranger, "sam", "guessing!")
        assert _attempt(stranger, "sam", "guessing!").status_code == 429
    with TestClient(app, client=("192.0.2.10", 5000), follow_redirects=False) as sam:
        assert _attempt(sam, "sam", TEST_PASSWORD).status_code == 303


def test_one_address_trying_many_usernames_is_throttled(app, settings) -> None:
    with TestClient(app, client=("198.51.100.8", 4000), follow_redirects=False) as sprayer:
        for number in range(settings.login_max_failures_per_address):
            _attempt(sprayer, f"user{number}", "Password1234!")
        assert _attempt(sprayer, "someone-else", "Password1234!").status_code == 429


def test_the_throttle_ends_after_its_window(client: TestClient, make_user, settings, db) -> None:
    make_user("sam", Role.OFFICER)
    for _ in range(settings.login_max_failures):
        _attempt(client, "sam", "wrong password!")
    assert _attempt(client, "sam", TEST_PASSWORD).status_code == 429
    past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=settings.lockout_minutes + 1)
    db.execute(update(SignInThrottle).values(window_started=past))
    db.commit()
    assert _attempt(client, "sam", TEST_PASSWORD).status_code == 303


def test_failures_and_throttling_are_audited(client: TestClient, make_user, settings, db) -> None:
    make_user("sam", Role.OFFICER)
    for _ in range(settings.login_max_failures + 1):
        _attempt(client, "sam", "wrong password!")
    actions = [r.action for r in audit.recent(db, limit=20)]
    assert actions.count("login.failed") == settings.login_max_failures
    assert "login.throttled" in actions


def test_idle_session_expires(client: TestClient, make_user, settings, db) -> None:
    make_user("sam", Role.OFFICER)
    sign_in(client, "sam")
    assert client.get("/").status_code == 200
    idle = dt.timedelta(minutes=settings.session_idle_minutes + 1)
    db.execute(update(UserSession).values(last_seen_at=dt.datetime.now(dt.UTC) - idle))
    db.commit()
    response = client.get("/")
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2F"


def test_sign_out_ends_the_session_on_the_server(client: TestClient, make_user) -> None:
    make_user("sam", Role.OFFICER)
    sign_in(client, "sam")
    stolen = client.cookies["synergy_session"]
    client.post("/logout", data={"csrf_token": csrf_for(client)})
    client.cookies.set("synergy_session", stolen)
    assert client.get("/").status_code == 303


def test_disabled_user_cannot_sign_in(client: TestClient, make_user, db) -> None:
    from synergy.identity import service

    make_user("sam", Role.OFFICER)
    service.disable_user(db, username="sam")
    db.commit()
    assert _attempt(client, "sam", TEST_PASSWORD).status_code == 401


def test_next_parameter_cannot_send_users_to_another_site(client: TestClient, make_user) -> None:
    make_user("sam", Role.OFFICER)
    response = client.post(
        "/login",
        data={
            "username": "sam",
            "password": TEST_PASSWORD,
            "csrf_token": csrf_for(client),
            "next": "//evil.example/phish",
        },
    )
    assert response.headers["location"] == "/"


def test_pages_carry_security_headers(client: TestClient) -> None:
    response = client.get("/login")
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self' 'nonce-" in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "strict-transport-security" not in response.headers


def test_hsts_is_sent_behind_tls(settings, engine) -> None:
    from synergy.app import create_app

    app = create_app(settings.model_copy(update={"behind_tls": True}), engine=engine)
    with TestClient(app) as client:
        response = client.get("/login")
    assert "max-age=" in response.headers["strict-transport-security"]
    assert "secure" in response.headers["set-cookie"].lower()
