"""Shared fixtures: a migrated database (SQLite by default, PostgreSQL when
SYNERGY_TEST_DATABASE_URL names one), the app, a client and staff accounts.

Each test starts from empty tables: they are emptied after every test, which (unlike a
rolled-back transaction) also works for tests that start worker processes of their own.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session

from synergy.app import create_app, import_all_models
from synergy.core.config import Settings, load_settings
from synergy.core.db import Base, make_engine, make_session_factory, upgrade
from synergy.core.deps import BROWSER_COOKIE, SESSION_COOKIE
from synergy.core.roles import Role
from synergy.core.security import csrf_token_for
from synergy.services import declared_services, settings_sections

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEST_PASSWORD = "correct horse battery staple"
TEST_SECRET = "test-secret-key-that-is-long-enough-0123456789"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="run only the tests that use the test database (the second, PostgreSQL, pass)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With --database-tests-only, leave out tests that never reach the database.

    Every fixture that opens the database depends on ``database_url``, so a test without it
    behaves the same on any database and has already run in the SQLite pass.
    """
    if not config.getoption("--database-tests-only"):
        return
    kept, left_out = [], []
    for item in items:
        uses_database = "database_url" in getattr(item, "fixturenames", ())
        (kept if uses_database else left_out).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


def _postgres_test_database(admin_url: str) -> str:
    """Create a throwaway database on the given server; returns its URL."""
    name = f"synergy_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return re.sub(r"/[^/]*$", f"/{name}", admin_url)


def _drop_postgres_database(admin_url: str, url: str) -> None:
    name = url.rsplit("/", 1)[1]
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = os.environ.get("SYNERGY_TEST_DATABASE_URL")
    if not server:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        return
    server = server.replace("postgresql://", "postgresql+psycopg://", 1)
    url = _postgres_test_database(server)
    try:
        yield url
    finally:
        _drop_postgres_database(server, url)


@pytest.fixture(scope="session")
def migrated_engine(database_url: str) -> Iterator[Engine]:
    upgrade(database_url)
    import_all_models()
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def _empty_all_tables(engine: Engine) -> None:
    """Delete every row, children before parents, and (on PostgreSQL) restart every id
    sequence as TRUNCATE ... RESTART IDENTITY would. DELETE on small tables takes a few
    milliseconds where TRUNCATE of every table took most of a second per test."""
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as connection:
        if engine.dialect.name != "postgresql":
            for table in tables:
                connection.execute(text(f"DELETE FROM {table}"))
            return
        connection.execute(text("; ".join(f"DELETE FROM {table}" for table in tables)))
        connection.execute(
            text(
                "SELECT setval(format('%I.%I', schemaname, sequencename), 1, false) "
                "FROM pg_sequences WHERE schemaname = current_schema() "
                "AND last_value IS NOT NULL"
            )
        )


@pytest.fixture
def engine(migrated_engine: Engine) -> Iterator[Engine]:
    yield migrated_engine
    _empty_all_tables(migrated_engine)


@pytest.fixture
def session_factory(engine: Engine):  # type: ignore[no-untyped-def]
    return make_session_factory(engine)


@pytest.fixture(scope="session")
def inspection_engine(database_url: str, migrated_engine: Engine) -> Iterator[Engine]:
    """For the `db` fixture: on SQLite its reads take no lock, so a test may hold it open
    while the app (which takes SQLite's write lock at BEGIN) serves requests."""
    engine = make_engine(database_url, immediate=False)
    yield engine
    engine.dispose()


@pytest.fixture
def db(engine: Engine, inspection_engine: Engine) -> Iterator[Session]:
    session = make_session_factory(inspection_engine)()
    yield session
    session.rollback()
    session.close()


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return load_settings(
        sections=settings_sections(declared_services()),
        data_dir=tmp_path / "var",
        database_url=database_url,
        secret_key=TEST_SECRET,
        frontend_dir=PROJECT_ROOT / "node_modules",
    )


@pytest.fixture
def app(settings: Settings, engine: Engine):  # type: ignore[no-untyped-def]
    return create_app(settings, engine=engine)


@pytest.fixture
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as test_client:
        yield test_client


def csrf_for(client: TestClient) -> str:
    """The CSRF token the site would put in this browser's forms."""
    if BROWSER_COOKIE not in client.cookies:
        client.get("/login")
    return csrf_token_for(
        TEST_SECRET.encode(),
        client.cookies[BROWSER_COOKIE],
        client.cookies.get(SESSION_COOKIE) or "",
    )


@pytest.fixture
def make_user(session_factory):  # type: ignore[no-untyped-def]
    from synergy.identity import service

    def _make(username: str, *roles: Role, password: str = TEST_PASSWORD) -> str:
        with session_factory() as session:
            service.create_user(
                session,
                username=username,
                display_name=username.title(),
                password=password,
                roles=frozenset(roles),
            )
            session.commit()
        return username

    return _make


# Authenticator app keys of users who set one up during a test, and the time step last used.
AUTHENTICATOR_KEYS: dict[str, str] = {}
_LAST_STEP: dict[str, int] = {}


def authenticator_code(username: str) -> str:
    """What the user's authenticator app would show (a later step each time: codes are used
    once only)."""
    import time

    import pyotp

    step = max(int(time.time()) // 30, _LAST_STEP.get(username, -1) + 1)
    _LAST_STEP[username] = step
    return str(pyotp.TOTP(AUTHENTICATOR_KEYS[username]).at(step * 30))


def sign_in(client: TestClient, username: str, password: str = TEST_PASSWORD) -> None:
    """Sign in through the real pages, setting up or using an authenticator app when the
    account's roles need one."""
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf_for(client)},
    )
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    if not location.startswith(("/login/code", "/login/set-up-code")):
        return
    page = client.get(location)
    if location.startswith("/login/set-up-code"):
        key = re.search(r'class="synergy-key"[^>]*>([A-Z2-7 ]+)<', page.text)
        assert key is not None, page.text
        AUTHENTICATOR_KEYS[username] = key.group(1).replace(" ", "")
        _LAST_STEP.pop(username, None)
    response = client.post(
        location.split("?")[0],
        data={"code": authenticator_code(username), "csrf_token": csrf_for(client)},
    )
    assert response.status_code == 303, response.text


@pytest.fixture
def signed_in(client: TestClient, make_user):  # type: ignore[no-untyped-def]
    """`signed_in(Role.X, ...)` creates a user with those roles and signs the client in."""
    counter = iter(range(1000))

    def _sign_in(*roles: Role) -> TestClient:
        username = f"user{next(counter)}-{'-'.join(r.value for r in roles)}"[:60].replace("_", "-")
        make_user(username, *roles)
        sign_in(client, username)
        return client

    return _sign_in


@pytest.fixture
def audit_chain_ok(session_factory, tmp_path):  # type: ignore[no-untyped-def]
    """Seal what the test wrote to the audit log, then say whether the whole chain verifies."""
    from synergy.core.audit_chain import seal_pending, verify_chain
    from synergy.core.audit_keys import load_audit_keys
    from synergy.core.db import transaction

    keys = load_audit_keys(tmp_path / "audit-keys.json")

    def check() -> bool:
        with transaction(session_factory) as session:
            while seal_pending(session, keys):
                pass
        with transaction(session_factory) as session:
            return verify_chain(session, keys).ok

    return check
