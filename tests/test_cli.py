"""The `synergy` command: migrate, demo data, users, and clear errors for bad input."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from synergy.cli import app


@pytest.fixture
def cli(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    import os

    for name in list(os.environ):
        if name.startswith("SYNERGY_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("SYNERGY_DATA_DIR", str(tmp_path))
    runner = CliRunner()

    def run(*args: str, password: str | None = None):  # type: ignore[no-untyped-def]
        env = {"SYNERGY_NEW_PASSWORD": password} if password else {}
        return runner.invoke(app, list(args), env=env)

    return run


def test_commands_refuse_an_unmigrated_database(cli) -> None:
    result = cli("users", "disable", "nobody")
    assert result.exit_code == 2
    assert "synergy db upgrade" in result.output


def test_upgrade_then_demo_prints_each_login_once(cli) -> None:
    assert cli("db", "upgrade").exit_code == 0
    first = cli("demo")
    assert first.exit_code == 0
    for username in (
        "admin",
        "officer",
        "agent",
        "supervisor",
        "investigator",
        "records",
        "finance",
    ):
        assert username in first.output
    again = cli("demo")
    assert "already exists" in again.output


def test_demo_gives_each_service_something_to_show_once(cli) -> None:
    from synergy.contact import service as contact
    from synergy.core.config import load_settings
    from synergy.core.db import engine_for, make_session_factory
    from synergy.evidence import service as evidence
    from synergy.records import service as records

    cli("db", "upgrade")
    assert "Demo content:" in cli("demo").output
    assert "Demo content already loaded" in cli("demo").output
    engine = engine_for(load_settings())
    try:
        with make_session_factory(engine)() as db:
            first, *others = contact.waiting_calls(db)  # the disclosure first
            assert first.vulnerabilities == ["domestic_abuse"] and len(others) == 1
            assert "partner hit me" in first.turns[1].text
            people = records.search_persons(db)
            arrests = [a for p in people for a in records.arrests_for_person(db, person_id=p.id)]
            assert len(people) == 2 and len(arrests) == 2
            assert any(records.has_non_uk_nationality(p.nationalities) for p in people)
            (request,) = evidence.list_requests(db)
            assert request.created_by == "investigator"
    finally:
        engine.dispose()


def test_user_lifecycle_from_the_command_line(cli) -> None:
    cli("db", "upgrade")
    created = cli(
        "users",
        "create",
        "jo.bloggs",
        "--roles",
        "officer,supervisor",
        "--name",
        "Jo Bloggs",
        password="a long enough password",
    )
    assert created.exit_code == 0, created.output
    assert (
        cli("users", "reset-password", "jo.bloggs", password="another long password").exit_code == 0
    )
    assert cli("users", "disable", "jo.bloggs").exit_code == 0
    assert cli("audit", "verify").exit_code == 0


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (
            ("users", "create", "x1", "--roles", "wizard", "--name", "X"),
            "long enough pw!",
            "unknown role",
        ),
        (("users", "create", "x1", "--roles", "officer", "--name", "X"), "short", "at least 12"),
        (
            ("users", "create", "Bad Name!", "--roles", "officer", "--name", "X"),
            "long enough pw!",
            "Username must be",
        ),
        (("users", "disable", "ghost"), None, "No user called"),
    ],
)
def test_bad_input_gives_a_clear_error(cli, args, password, message) -> None:
    cli("db", "upgrade")
    result = cli(*args, password=password)
    assert result.exit_code == 2
    assert message in result.output


def test_duplicate_username_is_refused(cli) -> None:
    cli("db", "upgrade")
    args = ("users", "create", "sam", "--roles", "officer", "--name", "Sam")
    assert cli(*args, password="a long enough password").exit_code == 0
    again = cli(*args, password="a long enough password")
    assert again.exit_code == 2 and "already exists" in again.output
