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
    processes: Annotated[
        int,
        typer.Option(help="Web server processes (each with its own database pool)", min=1, max=64),
    ] = 1,
) -> None:
    """Serve the platform (and its event worker) until interrupted."""
    import uvicorn

    from synergy.app import create_app
    from synergy.core.db import NotMigrated
    from synergy.core.memory import settle_for_serving
    from synergy.core.serving import (
        PortInUse,
        claim_port,
        serve_in_processes,
        server_options,
    )

    config = settings()
    address = host or config.host
    try:
        # Before anything starts: a second server must not even start an event worker.
        chosen = claim_port(address, port or config.port)
        web = create_app(config)
    except (NotMigrated, ConfigError, PortInUse) as exc:
        raise fail(str(exc)) from None
    stop = threading.Event()
    if with_worker:
        from synergy.worker import build_worker

        worker = build_worker(config, worker_id="web-worker")
        threading.Thread(target=worker.run, args=(stop,), daemon=True, name="events").start()
        _start_audit_sealer(config, stop)
    try:
        if processes == 1:
            settle_for_serving()
            uvicorn.run(
                web,
                host=address,
                port=chosen,
                log_config=None,
                proxy_headers=config.behind_tls,
                **server_options(),
            )
            return
        # Each process builds its own app from the same environment and listens on its own
        # socket; this one supervises them and runs the event worker.
        web.state.engine.dispose()
        status = serve_in_processes(
            "synergy.app:create_app_from_environment",
            processes=processes,
            host=address,
            port=chosen,
            log_config=None,
            proxy_headers=config.behind_tls,
            **server_options(),
        )
    except PortInUse as exc:
        raise fail(str(exc)) from None
    finally:
        stop.set()
    if status:
        raise typer.Exit(status)


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
        try:
            typer.echo(f"delivered {events.drain()} events")
        finally:
            events.factory.kw["bind"].dispose()
        audit_seal()
        return
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    _start_audit_sealer(config, stop)
    typer.echo(f"{name}: delivering events (Ctrl-C to stop)")
    events.run(stop)


def _start_audit_sealer(config: Settings, stop: threading.Event) -> None:
    from synergy.core.audit_chain import start_sealer
    from synergy.core.db import engine_for, make_session_factory

    start_sealer(config, make_session_factory(engine_for(config)), stop)


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


@users_app.command("remove-second-factor")
def users_remove_second_factor(username: str) -> None:
    """Remove a lost authenticator app; the user sets up a new one at their next sign-in."""
    from synergy.identity import service

    with _session() as db:
        service.remove_second_factor(db, username=username, actor="cli")
    typer.echo(f"authenticator app removed for {username}; they will set up a new one")


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
def audit_verify(
    checkpoint: Annotated[
        list[str] | None,
        typer.Option(help="A checkpoint line kept offline (from `audit checkpoint`); repeatable"),
    ] = None,
    public_key: Annotated[
        str | None, typer.Option(help="The signing public key kept offline, to check with")
    ] = None,
) -> None:
    """Walk the audit chain and its signed checkpoints; exit 1 and say what is wrong if the log
    was altered, cut short, rewritten or emptied."""
    from synergy.core.audit_chain import checkpoints_for, keys_for, verify_chain
    from synergy.core.audit_keys import AuditKeyError, public_key_from_text

    config = settings()
    try:
        keys = keys_for(config)
        verifier = public_key_from_text(public_key) if public_key else None
    except AuditKeyError as exc:
        raise fail(str(exc)) from None
    with _session() as db:
        report = verify_chain(
            db, keys, checkpoints_for(config), kept_checkpoints=checkpoint, public_key=verifier
        )
    if report.ok:
        typer.echo(
            f"audit log intact: {report.records_checked} records verified, "
            f"{report.checkpoints_checked} signed checkpoints matched"
            + (f", {report.unsealed} new records not sealed yet" if report.unsealed else "")
        )
        return
    raise fail(f"AUDIT LOG TAMPERED: {report.problem}", code=1)


@audit_app.command("seal")
def audit_seal() -> None:
    """Seal the audit records written since the last round now (workers do it continuously)."""
    from synergy.core.audit_chain import checkpoints_for, keys_for, seal_pending

    config = settings()
    sealed = 0
    with _session() as db:
        while batch := seal_pending(db, keys_for(config), checkpoints_for(config)):
            sealed += batch
    typer.echo(f"sealed {sealed} audit records")


@audit_app.command("checkpoint")
def audit_checkpoint() -> None:
    """Print the newest signed checkpoint and the public key, to keep offline."""
    from synergy.core.audit_chain import checkpoints_for, keys_for

    config = settings()
    line = checkpoints_for(config).newest_line()
    if line is None:
        raise fail("no checkpoint yet: the worker writes one after it seals new audit records")
    typer.echo(f"checkpoint: {line}")
    typer.echo(f"public key: {keys_for(config).public_key_text()}")


@audit_app.command("rotate-key")
def audit_rotate_key() -> None:
    """Seal new audit records with a new HMAC key; older records keep verifying with theirs."""
    from synergy.core.audit_chain import keys_for

    key_id = keys_for(settings()).rotate()
    typer.echo(f"new audit records are now sealed with key {key_id}")


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
            app.registered_groups.extend(service_app.registered_groups)


_mount_service_commands()


def main() -> None:
    app()
