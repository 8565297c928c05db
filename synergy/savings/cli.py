"""`synergy savings import FILE`, `synergy savings report [--json]` and
`synergy savings renewal-alerts` (run it daily from cron)."""

from __future__ import annotations

import datetime as dt
import getpass
import json
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer()
savings_app = typer.Typer(help="The savings register.", no_args_is_help=True)
app.add_typer(savings_app, name="savings")


@savings_app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A .csv or .xlsx file of contracts or figures")],
    by: Annotated[
        str | None,
        typer.Option("--by", help="Who is importing, as kept in each contract's history"),
    ] = None,
) -> None:
    """Import contracts (or a report's headline figures); nothing is stored if any row is bad.
    Each change is kept as made by `--by` (default: cli:<the system user running it>)."""
    from synergy.core.commands import command_session, command_settings, fail
    from synergy.savings.transfer import ImportRejected, import_file

    actor = (by or "").strip()[:64] or f"cli:{getpass.getuser()}"[:64]
    try:
        content = file.read_bytes()
    except OSError as exc:
        raise fail(f"Cannot read {file}: {exc.strerror}") from None
    with command_session(command_settings(ctx)) as db:
        try:
            result = import_file(db, filename=file.name, content=content, actor=actor)
        except ImportRejected as exc:  # nothing was added: the session has nothing to commit
            problems = exc.problems
        else:
            typer.echo(result.summary())
            return
    typer.secho(f"{file.name}: nothing was imported.", err=True, fg=typer.colors.RED)
    for problem in problems:
        typer.secho(f"  line {problem.line}: {problem.reason}", err=True)
    raise typer.Exit(1)


@savings_app.command("report")
def report_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """The current headline report: figures, totals from the items and each difference."""
    from synergy.core.commands import command_session, command_settings
    from synergy.savings import report
    from synergy.savings.settings import SavingsSettings

    config = command_settings(ctx)
    with command_session(config) as db:
        _, result = report.current(db, actor="cli")
        data = report.as_json(result, config.section(SavingsSettings), db)
    if as_json:
        typer.echo(json.dumps(data, indent=2))
        return
    typer.echo(
        f"{data['report']['title']} (as at {data['report']['as_at']}, {data['report']['status']})"
    )
    for line in result.lines:
        typed = line.show(line.typed)
        mark = f"  DIFFERENCE {line.show(line.difference)}" if line.disagrees else ""
        typer.echo(f"  {line.label}: headline {typed}; items {line.show(line.items)}{mark}")


@savings_app.command("renewal-alerts")
def renewal_alerts_command(ctx: typer.Context) -> None:
    """Raise renewal alerts due today (90, 60 and 30 days before notice); safe to run twice."""
    from synergy.core.commands import command_session, command_settings
    from synergy.savings.renewals import raise_alerts
    from synergy.savings.settings import SavingsSettings

    config = command_settings(ctx)
    thresholds = config.section(SavingsSettings).alert_days
    with command_session(config) as db:
        raised = raise_alerts(db, dt.date.today(), thresholds)
    for due in raised:
        typer.echo(
            f"{due.contract.reference}: {due.days_left} days to notice ({due.threshold_days})"
        )
    typer.echo(f"{len(raised)} renewal alert(s) raised")
