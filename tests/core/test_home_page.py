"""Each role's home page: what it offers opens for that role, and an empty one says why."""

import re

import pytest
from fastapi.testclient import TestClient

from synergy.core.roles import Role


@pytest.mark.parametrize("role", list(Role))
def test_every_link_on_a_roles_home_page_opens_for_that_role(signed_in, role: Role) -> None:
    client: TestClient = signed_in(role)
    home = client.get("/").text
    main = home[home.index("<main") : home.index("</main>")]
    for link in set(re.findall(r'href="(/[^"]*)"', main)):
        assert client.get(link).status_code == 200, f"{role.value} is offered {link}"


def test_supervisors_are_not_offered_account_management(signed_in) -> None:
    home = signed_in(Role.SUPERVISOR).get("/").text
    assert "Manage staff accounts" not in home


def test_a_role_without_services_is_told_so_not_told_to_get_a_role(signed_in) -> None:
    home = signed_in(Role.FINANCE).get("/").text
    if "Services your roles give you access to" in home:
        pytest.skip("a service for finance staff is installed")
    assert "Ask an administrator to give you a role" not in home
    assert "None of the services switched on here is for your role yet (Finance)" in home
