"""`synergy evidence-expire`: delete abandoned, unfinished uploads (run it from cron)."""

from __future__ import annotations

import typer

app = typer.Typer()


@app.command("evidence-expire")
def evidence_expire(ctx: typer.Context) -> None:
    """Delete unfinished evidence uploads idle longer than SYNERGY_EVIDENCE_ABANDONED_HOURS."""
    from synergy.core.commands import command_session, command_settings
    from synergy.evidence.deps import abandoned_after, evidence_root
    from synergy.evidence.uploads import expire_abandoned

    config = command_settings(ctx)
    with command_session(config) as db:
        count = expire_abandoned(db, storage=evidence_root(config), idle=abandoned_after(config))
    typer.echo(f"deleted {count} abandoned upload(s)")
