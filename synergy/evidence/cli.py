"""`synergy evidence-expire`: delete abandoned, unfinished uploads (run it from cron)."""

from __future__ import annotations

import typer

app = typer.Typer()


@app.command("evidence-expire")
def evidence_expire() -> None:
    """Delete unfinished evidence uploads idle longer than SYNERGY_EVIDENCE_ABANDONED_HOURS."""
    from synergy.cli import _session, settings
    from synergy.evidence.deps import abandoned_after, evidence_root
    from synergy.evidence.uploads import expire_abandoned

    config = settings()
    with _session() as db:
        count = expire_abandoned(db, storage=evidence_root(config), idle=abandoned_after(config))
    typer.echo(f"deleted {count} abandoned upload(s)")
