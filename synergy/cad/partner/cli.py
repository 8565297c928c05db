"""`synergy cad-partner-sim`: a partner control room on this machine, for tests and the demo."""

from __future__ import annotations

import asyncio
import os
from typing import Annotated

import typer

app = typer.Typer()

SECRET_VARIABLE = "SYNERGY_CAD_PARTNER_SIM_SECRET"  # noqa: S105 - a variable's name


@app.command("cad-partner-sim")
def cad_partner_sim(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="0: any free port")] = 8791,
    agency: Annotated[str, typer.Option(help="The simulator's agency code")] = "SIMFS",
    peer: Annotated[str, typer.Option(help="Our agency code (its messages' recipient)")] = "WMP",
    target_url: Annotated[
        str, typer.Option(help="Our receiving endpoint, for the incidents it sends")
    ] = "",
    send: Annotated[int, typer.Option(min=0, help="Incidents to send once it has started")] = 0,
    updates: Annotated[int, typer.Option(min=0, max=50, help="Updates per sent incident")] = 1,
    close: Annotated[bool, typer.Option(help="Close each sent incident at the end")] = True,
    fault_rate: Annotated[float, typer.Option(min=0.0, max=1.0, help="Share of faults")] = 0.0,
    reject_rate: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Share of our messages rejected")
    ] = 0.0,
    seed: Annotated[int, typer.Option(help="Seed for the fault generator")] = 0,
    concurrency: Annotated[
        int, typer.Option(min=1, max=64, help="Incidents it sends at the same time")
    ] = 4,
    hang_seconds: Annotated[float, typer.Option(min=0.0, help="How long a timeout hangs")] = 15.0,
) -> None:
    """Serve a simulated partner control room (signing with SYNERGY_CAD_PARTNER_SIM_SECRET)."""
    import uvicorn

    from synergy.cad.partner.simulator import SimulatorConfig, create_simulator_app

    secret = os.environ.get(SECRET_VARIABLE, "")
    if not secret:
        typer.secho(f"Set {SECRET_VARIABLE} (the secret shared with us)", err=True, fg="red")
        raise typer.Exit(2)
    if send and not target_url:
        typer.secho("--send needs --target-url", err=True, fg="red")
        raise typer.Exit(2)
    config = SimulatorConfig(
        agency_code=agency,
        peer_code=peer,
        secret=secret,
        target_url=target_url,
        fault_rate=fault_rate,
        reject_rate=reject_rate,
        seed=seed,
        hang_seconds=hang_seconds,
        updates=updates,
        close=close,
        send_at_start=send,
        concurrency=concurrency,
    )
    web = create_simulator_app(config)
    server = uvicorn.Server(uvicorn.Config(web, host=host, port=port, log_level="warning"))
    typer.echo(
        f"partner simulator {agency} on {host}:{port} (fault rate {fault_rate}, seed {seed})"
    )
    asyncio.run(server.serve())
