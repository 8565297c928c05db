"""Every unsafe request from a browser must carry that browser's CSRF token."""

from __future__ import annotations

from fastapi.testclient import TestClient

from synergy.core.roles import Role
from tests.conftest import TEST_PASSWORD, csrf_for, sign_in


def test_sign_in_without_csrf_token_is_refused(client: TestClient, make_user) -> None:
    make_user("olu", Role.OFFICER)
    client.get("/login")
    response = client.post("/login", data={"username": "olu", "password": TEST_PASSWORD})
    assert response.status_code == 403
    assert "did not come from this site" in response.text
    assert "synergy_session" not in client.cookies


def test_token_from_another_browser_is_refused(app, make_user) -> None:
    make_user("olu", Role.OFFICER)
    with (
        TestClient(app, follow_redirects=False) as first,
        TestClient(app, follow_redirects=False) as second,
    ):
        stolen = csrf_for(first)
        second.get("/login")
        response = second.post(
            "/login", data={"username": "olu", "password": TEST_PASSWORD, "csrf_token": stolen}
        )
    assert response.status_code == 403


def test_forged_token_is_refused_on_staff_forms(client: TestClient, make_user) -> None:
    make_user("admin1", Role.ADMINISTRATOR)
    make_user("victim", Role.OFFICER)
    sign_in(client, "admin1")
    response = client.post("/admin/users/victim/disable", data={"csrf_token": "0" * 64})
    assert response.status_code == 403
    # and the account was left alone
    client.cookies.clear()
    sign_in(client, "victim")


def test_api_call_needs_the_header_token(client: TestClient, make_user) -> None:
    make_user("admin1", Role.ADMINISTRATOR)
    sign_in(client, "admin1")
    refused = client.post("/logout")
    assert refused.status_code == 403
    accepted = client.post("/logout", headers={"X-CSRF-Token": csrf_for(client)})
    assert accepted.status_code == 303


def test_a_planted_browser_cookie_with_its_token_is_refused_once_signed_in(app, make_user) -> None:
    """Someone who sets a victim's browser cookie to one they know (from a sibling site,
    say) and posts the token that goes with it gets nowhere: once signed in, the token is
    bound to the victim's session as well."""
    make_user("admin1", Role.ADMINISTRATOR)
    make_user("victim", Role.OFFICER)
    with (
        TestClient(app, follow_redirects=False) as attacker,
        TestClient(app, follow_redirects=False) as admin,
    ):
        planted_token = csrf_for(attacker)
        planted_browser = attacker.cookies["synergy_browser"]
        sign_in(admin, "admin1")
        admin.cookies.delete("synergy_browser")
        admin.cookies.set("synergy_browser", planted_browser)
        forged = admin.post("/admin/users/victim/disable", data={"csrf_token": planted_token})
        assert forged.status_code == 403
        page_token = csrf_for(admin)
        assert page_token != planted_token
        assert admin.post("/logout", data={"csrf_token": page_token}).status_code == 303
    with TestClient(app, follow_redirects=False) as victim:
        sign_in(victim, "victim")
