"""The `synergy` command: serve, migrate, load demo data, manage users, verify the audit log,
run the event worker, and each service's own commands."""

from __future__ import annotations

import getpass
import os
import signal
import sys
import threading
from contextlib import AbstractContextManager
from typing import Annotated

import typer
from sqlalchemy.orm import Session

from synergy.core.commands import CommandContext, command_session, fail
from synergy.core.config import ConfigError, Settings, load_settings
from synergy.core.services import resolve

__all__ = ["app", "fail", "main", "settings"]

app = typer.Typer(
    help="Synergy: digital services for a UK police force.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
users_app = typer.Typer(help="Staff accounts.", no_args_is_help=True)
audit_app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
app.add_typer(audit_app, name="audit")


def settings() -> Settings:
    """The settings, with every installed service's own section, read once per command."""
    from synergy.services import declared_services, settings_sections

    try:
        return load_settings(sections=settings_sections(declared_services()))
    except ConfigError as exc:
        raise fail(str(exc)) from None


@app.callback()
def _read_settings_on_first_use(ctx: typer.Context) -> None:
    ctx.obj = CommandContext(load=settings)


def _session() -> AbstractContextManager[Session]:
    return command_session(settings())


@app.command()
def run(
    host: Annotated[str | None, typer.Option(help="Address to listen on")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on", min=1, max=65535)] = None,
    with_worker: Annotated[bool, typer.Option(help="Also run the event worker")] = True,
) -> None:
    """Serve the platform (and its event worker) until interrupted."""
    import uvicorn

    from synergy.app import create_app
    from synergy.core.db import NotMigrated
    from synergy.core.serving import server_options

    config = settings()
    try:
        web = create_app(config)
    except (NotMigrated, ConfigError) as exc:
        raise fail(str(exc)) from None
    stop = threading.Event()
    if with_worker:
        from synergy.worker import build_worker

        worker = build_worker(config, worker_id="web-worker")
        threading.Thread(target=worker.run, args=(stop,), daemon=True, name="events").start()
    try:
        uvicorn.run(
            web,
            host=host or config.host,
            port=port or config.port,
            log_config=None,
            proxy_headers=config.behind_tls,
            **server_options(),
        )
    finally:
        stop.set()


@app.command()
def worker(
    worker_id: Annotated[str, typer.Option(help="Name shown on claimed events")] = "",
    once: Annotated[bool, typer.Option(help="Deliver what is ready, then exit")] = False,
    lease_seconds: Annotated[float, typer.Option(min=1)] = 60.0,
) -> None:
    """Deliver events from the outbox to their subscribers."""
    from synergy.worker import build_worker

    config = settings()
    name = worker_id or f"worker-{os.getpid()}"
    events = build_worker(config, worker_id=name, lease_seconds=lease_seconds)
    if once:
        typer.echo(f"delivered {events.drain()} events")
        return
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    typer.echo(f"{name}: delivering events (Ctrl-C to stop)")
    events.run(stop)


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument(help="Target revision")] = "heads") -> None:
    """Run the database migrations."""
    from synergy.core.db import current_revisions, engine_for, upgrade

    config = settings()
    upgrade(config.effective_database_url, revision)
    engine = engine_for(config)
    typer.echo(f"database at {', '.join(current_revisions(engine)) or 'empty'}")
    engine.dispose()


@users_app.command("create")
def users_create(
    username: str,
    roles: Annotated[str, typer.Option(help="Comma-separated, e.g. officer,supervisor")],
    name: Annotated[str, typer.Option(help="Full name")],
    email: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Create a staff account; asks for the password (or reads SYNERGY_NEW_PASSWORD)."""
    from synergy.core.roles import parse_roles
    from synergy.identity import service

    try:
        chosen = parse_roles(roles)
    except ValueError as exc:
        raise fail(f"--roles: {exc}") from None
    password = _new_password()
    with _session() as db:
        service.create_user(
            db,
            username=username,
            display_name=name,
            password=password,
            roles=chosen,
            email=email,
            actor="cli",
        )
    typer.echo(f"created {username.strip().lower()} with roles {', '.join(sorted(chosen))}")


@users_app.command("disable")
def users_disable(username: str) -> None:
    """Stop an account signing in and end its sessions."""
    from synergy.identity import service

    with _session() as db:
        service.disable_user(db, username=username, actor="cli")
    typer.echo(f"disabled {username}")


@users_app.command("reset-password")
def users_reset_password(username: str) -> None:
    """Set a new password, unlock the account and end its sessions."""
    from synergy.identity import service

    password = _new_password()
    with _session() as db:
        service.reset_password(db, username=username, password=password, actor="cli")
    typer.echo(f"password reset for {username}")


def _new_password() -> str:
    from synergy.core.security import WeakPassword, check_password_strength

    password = os.environ.get("SYNERGY_NEW_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise fail("Set SYNERGY_NEW_PASSWORD or run in a terminal to type the password")
        password = getpass.getpass("New password: ")
        if getpass.getpass("Repeat it: ") != password:
            raise fail("The passwords do not match")
    try:
        check_password_strength(password)
    except WeakPassword as exc:
        raise fail(str(exc)) from None
    return password


@audit_app.command("verify")
def audit_verify() -> None:
    """Walk the audit chain; exit 1 and name the first bad record if it was tampered with."""
    from synergy.core.audit import verify_chain

    with _session() as db:
        report = verify_chain(db)
    if report.ok:
        typer.echo(f"audit log intact: {report.records_checked} records verified")
        return
    raise fail(f"AUDIT LOG TAMPERED: {report.problem}", code=1)


@app.command()
def demo() -> None:
    """Load demo data (a few users of each role, and some content in each service) and print
    the passwords once."""
    from synergy.demo import load_demo
    from synergy.services import declared_services

    config = settings()
    with _session() as db:
        lines = load_demo(db, settings=config, services=declared_services())
    for line in lines:
        typer.echo(line)


def _mount_service_commands() -> None:
    """Each installed service's declared commands join the `synergy` command."""
    from synergy.services import declared_services

    for service in declared_services():
        for reference in service.commands:
            service_app: typer.Typer = resolve(reference)
            app.registered_commands.extend(service_app.registered_commands)


_mount_service_commands()


def main() -> None:
    app()
