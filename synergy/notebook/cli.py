"""`synergy notebook ...`: verify notebooks and extracts, rotate keys, back up and restore."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from synergy.notebook.deps import NotebookContext

app = typer.Typer()
notebook_app = typer.Typer(help="Pocket notebooks.", no_args_is_help=True)
app.add_typer(notebook_app, name="notebook")


@contextmanager
def _open(ctx: typer.Context) -> Iterator[tuple[sessionmaker[Session], NotebookContext]]:
    from synergy.core.commands import command_settings
    from synergy.core.db import engine_for, make_session_factory
    from synergy.notebook.deps import context_for

    settings = command_settings(ctx)
    engine = engine_for(settings)
    try:
        yield make_session_factory(engine), context_for(settings)
    finally:
        engine.dispose()


@notebook_app.command("verify")
def verify(
    ctx: typer.Context,
    officer: Annotated[str | None, typer.Option(help="Only this officer's notebook")] = None,
) -> None:
    """Walk each notebook's hash chain; exit 1 naming the first altered or missing entry."""
    from synergy.notebook import service

    with _open(ctx) as (factory, context), factory() as session:
        reports = service.verify(session, context.keyring, officer=officer)
    failed = False
    for report in reports:
        if report.ok:
            typer.echo(f"{report.officer}: OK, {report.entries_checked} entries")
        else:
            failed = True
            typer.secho(
                f"{report.officer}: FAILED at entry {report.first_bad_seq}: {report.problem}",
                fg="red",
            )
    if not reports:
        typer.echo("No notebooks.")
    raise typer.Exit(1 if failed else 0)


@notebook_app.command("verify-extract")
def verify_extract(
    ctx: typer.Context, file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]
) -> None:
    """Check a PDF extract against the notebook, byte for byte."""
    from synergy.notebook import disclosure

    with _open(ctx) as (factory, context), factory() as session:
        report = disclosure.verify_extract(session, context.keyring, file.read_bytes())
    if report.ok:
        typer.echo(
            f"OK: {report.message}; officer {report.officer}, entries "
            f"{', '.join(map(str, report.entries))}; extract hash {report.extract_hash}"
        )
        return
    typer.secho(f"FAILED: {report.message}", fg="red")
    raise typer.Exit(1)


@notebook_app.command("rotate-master-key")
def rotate_master_key(ctx: typer.Context) -> None:
    """Re-wrap officer keys held under a retired master key with the current one."""
    from synergy.notebook.rotation import rotate_master_key as rotate

    with _open(ctx) as (factory, context), factory() as session:
        moved = rotate(session, context.keyring, actor="system")
        session.commit()
    typer.echo(f"Re-wrapped {moved} officer keys under master key {context.keyring.current_id}.")


@notebook_app.command("rotate-officer-key")
def rotate_officer_key(ctx: typer.Context, officer: str) -> None:
    """Give one officer's notebook a new key and re-encrypt its entries."""
    from synergy.notebook.rotation import rotate_officer_key as rotate

    with _open(ctx) as (factory, context), factory() as session:
        count = rotate(session, context.keyring, officer=officer, actor="system")
        session.commit()
    typer.echo(f"Re-encrypted {count} entries of {officer} under a new key.")


@notebook_app.command("backup")
def make_backup(
    ctx: typer.Context,
    out: Annotated[Path, typer.Argument(dir_okay=False, help="File to write")],
    officer: Annotated[str | None, typer.Option(help="Only this officer's notebook")] = None,
) -> None:
    """Write an encrypted, signed backup of one notebook or all."""
    from synergy.notebook.backup import export_backup

    with _open(ctx) as (factory, context), factory() as session:
        data = export_backup(session, context.keyring, officer=officer, actor="system")
        session.commit()
    out.write_bytes(data)
    typer.echo(f"Wrote {out} ({len(data)} bytes).")


@notebook_app.command("restore")
def restore(
    ctx: typer.Context, file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]
) -> None:
    """Restore a backup onto a database that does not hold those notebooks; then verify."""
    from synergy.core.errors import SynergyError
    from synergy.notebook import service
    from synergy.notebook.backup import restore_backup

    with _open(ctx) as (factory, context), factory() as session:
        try:
            officers = restore_backup(session, context.keyring, file.read_bytes(), actor="system")
        except SynergyError as exc:
            typer.secho(exc.message, fg="red")
            raise typer.Exit(1) from None
        reports = [r for o in officers for r in service.verify(session, context.keyring, officer=o)]
        if not all(r.ok for r in reports):
            typer.secho("Restored notebooks fail verification; nothing restored.", fg="red")
            raise typer.Exit(1)
        session.commit()
    typer.echo(f"Restored and verified {len(officers)} notebooks: {', '.join(officers)}")


@notebook_app.command("retention-propose")
def retention_propose(
    ctx: typer.Context, actor: Annotated[str, typer.Option(help="Who proposes")]
) -> None:
    """List entries past the retention period in a disposal waiting for review."""
    from synergy.notebook.retention import propose

    with _open(ctx) as (factory, context), factory() as session:
        disposal = propose(session, retention_years=context.settings.retention_years, actor=actor)
        session.commit()
        typer.echo(
            f"Disposal {disposal.id}: {len(disposal.items)} entries; "
            f"record hash {disposal.record_hash}"
        )


@notebook_app.command("retention-approve")
def retention_approve(
    ctx: typer.Context, disposal_id: int, reviewer: Annotated[str, typer.Option()]
) -> None:
    """Approve a proposed disposal (someone other than its proposer)."""
    from synergy.notebook.retention import approve

    with _open(ctx) as (factory, _), factory() as session:
        approve(session, disposal_id=disposal_id, reviewer=reviewer)
        session.commit()
    typer.echo(f"Disposal {disposal_id} approved.")


@notebook_app.command("retention-run")
def retention_run(ctx: typer.Context, disposal_id: int) -> None:
    """Carry out an approved disposal (safe to run twice)."""
    from synergy.notebook.retention import carry_out

    with _open(ctx) as (factory, _), factory() as session:
        count = carry_out(session, disposal_id=disposal_id)
        session.commit()
    typer.echo(f"Disposal {disposal_id}: {count} entries destroyed.")
