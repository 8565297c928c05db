"""Runs the real app under uvicorn in a child process, so that clients can be interrupted and
the server killed and started again mid-upload."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from synergy.core.config import Settings
from tests.conftest import TEST_SECRET
from tests.evidence.smtp import free_port


class ServerProcess:
    def __init__(self, settings: Settings, log_path: Path) -> None:
        self.settings = settings
        self.port = free_port()
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerProcess:
        env = {
            **os.environ,
            "SYNERGY_DATABASE_URL": self.settings.effective_database_url,
            "SYNERGY_DATA_DIR": str(self.settings.data_dir),
            "SYNERGY_SECRET_KEY": TEST_SECRET,
            "SYNERGY_FRONTEND_DIR": str(self.settings.frontend_dir),
        }
        command = [
            sys.executable,
            "-c",
            "from synergy.cli import main; main()",
            "run",
            "--port",
            str(self.port),
            "--no-with-worker",
        ]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(command, env=env, stdout=log, stderr=log)
        deadline = time.monotonic() + 120  # a busy shared machine can take a while
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server did not start: {self.log_path.read_text()[-2000:]}")

    def kill(self) -> None:
        """Stop at once, as a crash or power cut would."""
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
            self.process = None
