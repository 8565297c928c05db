"""`synergy acro-sim`: run the local ACRO gateway simulator (for tests and the demo)."""

from __future__ import annotations

import os
import ssl
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer()


@app.command("acro-sim")
def acro_sim(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8790,
    fault_rate: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Share of faulty answers")
    ] = 0.0,
    seed: Annotated[int, typer.Option(help="Seed for the fault generator")] = 0,
    callback_url: Annotated[str, typer.Option(help="Where replies are pushed")] = "",
    reply_delay: Annotated[float, typer.Option(min=0.0)] = 0.2,
    late_delay: Annotated[float, typer.Option(min=0.0)] = 5.0,
    slow_delay: Annotated[float, typer.Option(min=0.0)] = 0.5,
    hang_seconds: Annotated[float, typer.Option(min=0.0, help="How long a timeout hangs")] = 15.0,
    certfile: Annotated[Path | None, typer.Option(help="Server certificate (HTTPS)")] = None,
    keyfile: Annotated[Path | None, typer.Option(help="Its private key")] = None,
    client_ca: Annotated[
        Path | None, typer.Option(help="Require client certs signed by this CA")
    ] = None,
) -> None:
    """Serve the local ACRO gateway simulator; replies signed with SYNERGY_ACRO_CALLBACK_SECRET."""
    import uvicorn

    from synergy.acro.simulator import SimulatorConfig, create_simulator_app

    config = SimulatorConfig(
        fault_rate=fault_rate,
        seed=seed,
        callback_url=callback_url,
        callback_secret=os.environ.get("SYNERGY_ACRO_CALLBACK_SECRET", ""),
        reply_delay=reply_delay,
        late_delay=late_delay,
        slow_delay=slow_delay,
        hang_seconds=hang_seconds,
    )
    if callback_url and not config.callback_secret:
        typer.secho("Set SYNERGY_ACRO_CALLBACK_SECRET to sign replies", err=True, fg="red")
        raise typer.Exit(2)
    tls: dict[str, object] = {}
    if certfile is not None:
        tls = {"ssl_certfile": str(certfile), "ssl_keyfile": str(keyfile) if keyfile else None}
        if client_ca is not None:
            tls.update(ssl_ca_certs=str(client_ca), ssl_cert_reqs=ssl.CERT_REQUIRED)
    typer.echo(f"ACRO simulator on {host}:{port} (fault rate {fault_rate}, seed {seed})")
    uvicorn.run(create_simulator_app(config), host=host, port=port, log_level="warning", **tls)  # type: ignore[arg-type]
