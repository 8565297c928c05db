"""Architecture test: every route declares who may use it, and the rule is enforced."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import Mount, Route

from synergy.core.deps import Access
from synergy.core.roles import ALL_ROLES, Role
from synergy.core.routing import iter_api_routes, iter_routes
from tests.conftest import csrf_for, sign_in

# Routes added by the framework itself, with why they need no rule.
FRAMEWORK_ROUTES = {"/api/openapi.json": "machine-readable API description, no data"}


def _access_rules(route: APIRoute) -> list[Access]:
    found: list[Access] = []

    def walk(dependant) -> None:  # type: ignore[no-untyped-def]
        for dependency in dependant.dependencies:
            if isinstance(dependency.call, Access):
                found.append(dependency.call)
            walk(dependency)

    walk(route.dependant)
    return found


def _api_routes(app) -> Iterator[APIRoute]:  # type: ignore[no-untyped-def]
    return iter_api_routes(app)


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "abc1", path)


def test_every_route_declares_exactly_one_access_rule(app) -> None:
    missing = []
    for route in iter_routes(app):
        if isinstance(route, APIRoute):
            if len(_access_rules(route)) != 1:
                missing.append(f"{sorted(route.methods)} {route.path}")
        elif isinstance(route, Mount):
            assert route.path.startswith(("/static", "/assets")), route.path
        elif isinstance(route, Route):
            assert route.path in FRAMEWORK_ROUTES, f"undeclared route {route.path}"
    assert len(list(iter_api_routes(app))) >= 10
    assert not missing, "routes without exactly one allow()/public() rule: " + ", ".join(missing)


def untyped_path_parameters(app) -> list[str]:  # type: ignore[no-untyped-def]
    """Path parameters without a type. FastAPI reports a missing annotation as `Any`."""
    found = []
    for route in _api_routes(app):
        for param in route.dependant.path_params:
            if param.field_info.annotation in (None, Any):
                found.append(f"{param.name} in {route.path}")
    return found


def test_urls_are_kebab_case_and_path_parameters_typed(app) -> None:
    for route in _api_routes(app):
        literal = re.sub(r"\{[^}]+\}", "", route.path)
        assert re.fullmatch(r"[a-z0-9/\-.]*", literal), f"not kebab-case: {route.path}"
    assert untyped_path_parameters(app) == []


def test_an_unannotated_path_parameter_is_found() -> None:
    bad = FastAPI()

    @bad.get("/cases/{case_id}")
    def case(case_id):  # type: ignore[no-untyped-def]  # noqa: ANN001
        return case_id

    @bad.get("/people/{person_id}")
    def person(person_id: int) -> int:
        return person_id

    assert untyped_path_parameters(bad) == ["case_id in /cases/{case_id}"]


def _protected(app) -> list[tuple[str, str, Access]]:  # type: ignore[no-untyped-def]
    rows = []
    for route in _api_routes(app):
        rule = _access_rules(route)[0]
        if not rule.public:
            for method in sorted(route.methods - {"HEAD"}):
                rows.append((method, route.path, rule))
    return rows


def test_no_protected_route_is_reachable_without_signing_in(app, client: TestClient) -> None:
    protected = _protected(app)
    assert len(protected) >= 5
    token = csrf_for(client)
    for method, path, _rule in protected:
        response = client.request(method, _concrete(path), headers={"X-CSRF-Token": token})
        if path.startswith("/api/"):
            assert response.status_code == 401, (method, path, response.status_code)
        else:
            assert response.status_code == 303, (method, path, response.status_code)
            assert response.headers["location"].startswith("/login?next=")


def test_no_protected_route_is_reachable_with_the_wrong_roles(app, client, make_user) -> None:
    by_roles: dict[frozenset[Role], list[tuple[str, str]]] = {}
    for method, path, rule in _protected(app):
        if rule.roles != ALL_ROLES:
            by_roles.setdefault(rule.roles, []).append((method, path))
    assert by_roles, "expected some role-restricted routes"
    for number, (roles, routes) in enumerate(sorted(by_roles.items(), key=str)):
        outsider_roles = ALL_ROLES - roles
        username = f"outsider{number}"
        make_user(username, *outsider_roles)
        client.cookies.clear()
        sign_in(client, username)
        token = csrf_for(client)
        for method, path in routes:
            response = client.request(method, _concrete(path), headers={"X-CSRF-Token": token})
            assert response.status_code == 403, (method, path, sorted(roles), response.status_code)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_only_its_services_on_the_home_page(app, signed_in, role: Role) -> None:
    client = signed_in(role)
    page = client.get("/").text
    for service in app.state.services:
        shown = f'href="{service.url}"' in page
        assert shown == service.open_to(frozenset({role})), (role, service.name)
