"""Starting the simulator and workers as real processes, for the TLS and chaos tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

SYNERGY = str(Path(sys.executable).with_name("synergy"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listening on {port}")


def spawn(
    command: list[str], *, env: dict[str, str] | None = None, log: Path | None = None
) -> subprocess.Popen:
    """Start a process; its output goes to `log` (the child keeps its own handle)."""
    if log is None:
        return subprocess.Popen(
            command,
            env={**os.environ, **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    with open(log, "ab") as out:
        return subprocess.Popen(command, env={**os.environ, **(env or {})}, stdout=out, stderr=out)


def start_simulator(
    port: int, *args: str, env: dict[str, str] | None = None, log: Path | None = None
) -> subprocess.Popen:
    process = spawn([SYNERGY, "acro-sim", "--port", str(port), *args], env=env, log=log)
    wait_for_port(port, process)
    return process


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
