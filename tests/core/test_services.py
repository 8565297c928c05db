"""The service seam: every installed service is found through its declaration, and the app,
the worker and the command line can be built with only some of them."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from synergy.app import create_app
from synergy.core.roles import Role
from synergy.core.routing import iter_api_routes
from synergy.core.services import Service, declaration_of, resolve
from synergy.services import SERVICES, declared_services
from synergy.worker import all_subscriptions
from tests.conftest import sign_in


def _paths(app) -> set[str]:  # type: ignore[no-untyped-def]
    return {route.path for route in iter_api_routes(app)}


def test_every_installed_service_declares_itself_under_its_own_name() -> None:
    for service in declared_services():
        assert service.name in SERVICES
        for reference in (*service.routers, *service.subscriptions, *service.commands):
            assert reference.startswith(f"synergy.{service.name}."), reference
            assert resolve(reference) is not None


def test_an_app_with_only_identity_and_admin_serves_only_their_pages(
    settings, engine, make_user
) -> None:
    app = create_app(settings, engine=engine, services=declared_services(["identity", "admin"]))
    paths = _paths(app)
    assert {"/", "/login", "/admin/users"} <= paths
    assert not any(p.startswith(("/records", "/acro", "/evidence", "/contact")) for p in paths)
    make_user("sam", Role.SUPERVISOR, Role.RECORDS_OFFICER)
    with TestClient(app, follow_redirects=False) as client:
        sign_in(client, "sam")
        home = client.get("/")
        assert client.get("/records").status_code == 404
    assert 'href="/admin"' in home.text
    assert 'href="/records"' not in home.text  # the records tile comes with records


def test_the_full_app_has_every_service_tile(app) -> None:
    assert [tile.url for tile in app.state.services] == [
        s.tile.url for s in declared_services() if s.tile is not None
    ]
    assert {"/records", "/acro", "/evidence", "/contact"} <= {t.url for t in app.state.services}


def test_the_worker_takes_only_the_given_services_subscriptions(settings) -> None:
    everything = {s.name for s in all_subscriptions(settings)}
    assert "acro.create_request" in everything
    records_only = all_subscriptions(settings, declared_services(["records"]))
    assert records_only == []
    acro_only = {s.name for s in all_subscriptions(settings, declared_services(["acro"]))}
    assert acro_only == {"acro.create_request", "acro.send_request"}


def test_a_package_without_a_declaration_is_refused_with_what_to_write() -> None:
    with pytest.raises(TypeError, match=r"SERVICE = Service\(name='core'"):
        declaration_of("core")


def test_a_reference_to_a_missing_object_names_it() -> None:
    with pytest.raises(ImportError, match="no 'nothing'"):
        resolve("synergy.records.pages:nothing")


def test_service_commands_join_the_synergy_command() -> None:
    from synergy.cli import app

    names = {command.name for command in app.registered_commands}
    assert {"evidence-expire", "voice-sip", "acro-sim"} <= names


def test_a_declaration_is_cheap_to_read() -> None:
    # Declarations name modules; reading them must not import a service's routes or models.
    import subprocess
    import sys

    probe = (
        "import sys; from synergy.services import declared_services; declared_services(); "
        "print(sorted(m for m in sys.modules if m.startswith('synergy.') and "
        "m.split('.')[-1] in ('pages', 'routes', 'models', 'events', 'cli')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]", out


def test_service_declarations_are_frozen() -> None:
    service = Service(name="example")
    with pytest.raises(AttributeError):
        service.name = "other"  # type: ignore[misc]


def test_start_up_hooks_run_when_the_app_is_built(app) -> None:
    # evidence's hook keeps upload tokens out of uvicorn's access log.
    import logging

    from synergy.evidence.log_redaction import UploadTokenRedactor

    access = logging.getLogger("uvicorn.access")
    assert any(isinstance(f, UploadTokenRedactor) for f in access.filters)


def test_without_the_identity_service_nobody_is_signed_in(settings, engine, make_user) -> None:
    # Sign-in is identity's, plugged into the core when the app starts.
    full = create_app(settings, engine=engine)
    admin_only = create_app(settings, engine=engine, services=declared_services(["admin"]))
    make_user("ada", Role.ADMINISTRATOR)
    with TestClient(full, follow_redirects=False) as client:
        sign_in(client, "ada")
        assert client.get("/admin/users").status_code == 200
        cookies = dict(client.cookies)
    with TestClient(admin_only, follow_redirects=False, cookies=cookies) as client:
        assert client.get("/admin/users").status_code in (302, 303, 401)


def test_records_runs_without_acro_and_shows_its_checks_only_with_it(
    settings, engine, session_factory, make_user
) -> None:
    from tests.records.factories import make_person

    with session_factory() as session:
        person = make_person(session)
        session.commit()
    make_user("rory", Role.RECORDS_OFFICER)
    for names, shown in ((["identity", "records"], False), (["identity", "records", "acro"], True)):
        app = create_app(settings, engine=engine, services=declared_services(names))
        with TestClient(app, follow_redirects=False) as client:
            sign_in(client, "rory")
            page = client.get(f"/records/persons/{person.id}")
        assert page.status_code == 200
        assert ("Overseas conviction checks" in page.text) is shown, names


def test_a_declaration_lists_its_settings_sections_in_a_tuple() -> None:
    with pytest.raises(TypeError, match="tuple"):
        Service(name="board", settings="synergy.board.settings:BoardSettings")  # type: ignore[arg-type]
