"""Benchmark: web-chat turns under concurrent conversations, served by `synergy run`.

Starts a real server (`synergy run --processes N`, event worker and audit sealer included) on
a throwaway database, then holds `--conversations` conversations open at once over loopback:
each client starts a conversation, says `--turns` things, and starts another, until
`--requests` requests have been made. Prints requests per second and the latency of a chat
turn at the 50th, 95th and 99th percentiles, for each process count asked for, in this one run.

    .venv/bin/python bench/chat_load.py                       # PostgreSQL, 1 and 2 processes
    .venv/bin/python bench/chat_load.py --database sqlite --processes 1
    .venv/bin/python bench/chat_load.py --requests 300        # a quick look

PostgreSQL: SYNERGY_BENCH_DATABASE_URL (default postgres@127.0.0.1:5432); a throwaway database
is created and dropped. Every request goes to 127.0.0.1 and the run is bounded by
`--requests` and `--timeout`.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.acro.processes import free_port, spawn, stop, wait_for_port  # noqa: E402
from tests.conftest import _drop_postgres_database, _postgres_test_database  # noqa: E402

SERVER = os.environ.get(
    "SYNERGY_BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
# This checkout's code, whichever checkout the virtual environment was installed from.
SYNERGY = [sys.executable, "-m", "synergy"]
CONVERSATIONS = itertools.count(1)
# Every conversation's words differ (its number is in each saying), so nothing the server keeps
# from one conversation's turns makes another's cheaper than a real caller's would be.
SAYINGS = (
    "Hello, I want to report that my bike was stolen from number {n}",
    "It was taken from outside {n} Station Road yesterday evening near the library",
    "It is a blue Carrera mountain bike, frame number WTU{n:06d}",
    "No, I did not see who took it, but my neighbour at {n} might have",
    "My phone number is 07700 9{n:05d}",
    "Thank you, my reference note is {n}",
)


def _wait_until_idle(root: int, *, timeout: float) -> float:
    """Seconds until the server's processes use under 2% of a core over a second."""
    started = time.monotonic()
    before = _tree_cpu_seconds(root)
    while time.monotonic() - started < timeout:
        time.sleep(1.0)
        now = _tree_cpu_seconds(root)
        if now - before < 0.02:
            break
        before = now
    return time.monotonic() - started


def _tree_cpu_seconds(root: int) -> float:
    """CPU time (user + system) used so far by process `root` and every process under it,
    read from /proc (Linux): the server's own cost, whatever else the machine is doing."""
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        ticks[int(entry)] = int(fields[11]) + int(fields[12])
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        grew = bool(more)
        tree |= more
    return sum(ticks.get(pid, 0) for pid in tree) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _client(
    http: httpx.AsyncClient, turns: int, budget: list[int], starts: list[float], said: list[float]
) -> int:
    failures = 0
    while budget[0] > 0:
        budget[0] -= 1
        began = time.perf_counter()
        opened = await http.post("/api/contact/sessions")
        starts.append(time.perf_counter() - began)
        if opened.status_code != 201:
            failures += 1
            continue
        token = opened.json()["token"]
        conversation = next(CONVERSATIONS)
        for number in range(turns):
            if budget[0] <= 0:
                break
            budget[0] -= 1
            began = time.perf_counter()
            reply = await http.post(
                f"/api/contact/sessions/{token}/turns",
                json={"text": SAYINGS[number % len(SAYINGS)].format(n=conversation)},
            )
            said.append(time.perf_counter() - began)
            if reply.status_code != 200:
                failures += 1
    return failures


async def _load(base: str, conversations: int, turns: int, requests: int) -> dict[str, float]:
    budget = [requests]
    starts: list[float] = []
    said: list[float] = []
    limits = httpx.Limits(max_connections=conversations * 2)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
        began = time.perf_counter()
        failures = await asyncio.gather(
            *(_client(http, turns, budget, starts, said) for _ in range(conversations))
        )
        elapsed = time.perf_counter() - began
    return {
        "requests": len(starts) + len(said),
        "failures": sum(failures),
        "per_second": (len(starts) + len(said)) / elapsed,
        "turn_p50_ms": 1000 * statistics.median(said),
        "turn_p95_ms": 1000 * percentile(said, 0.95),
        "turn_p99_ms": 1000 * percentile(said, 0.99),
        "start_p99_ms": 1000 * percentile(starts, 0.99),
    }


def run_once(database_url: str, processes: int, args: argparse.Namespace, folder: Path) -> dict:
    port = free_port()
    env = {
        "SYNERGY_DATABASE_URL": database_url,
        "SYNERGY_DATA_DIR": str(folder / "var"),
        "SYNERGY_FRONTEND_DIR": str(PROJECT / "node_modules"),
        "SYNERGY_CONTACT_STARTS_PER_ADDRESS_PER_HOUR": "100000",
        "SYNERGY_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(PROJECT),
    }
    spawn([*SYNERGY, "db", "upgrade"], env=env).wait(timeout=120)
    server = spawn(
        [*SYNERGY, "run", "--port", str(port), "--processes", str(processes)],
        env=env,
        log=folder / f"server-{processes}.log",
    )
    try:
        wait_for_port(port, server, timeout=60)
        # Every process up and done starting: imports and the triage model's load in the
        # background take a few seconds of CPU each, which a server that has been running
        # for a while no longer spends. On a slower machine a fixed pause let them fall
        # into the measured run.
        settled = _wait_until_idle(server.pid, timeout=90)
        print(f"processes={processes}: server settled {settled:.1f}s after its port opened")
        base = f"http://127.0.0.1:{port}"
        asyncio.run(_load(base, args.conversations, args.turns, 40))  # warm up
        measured = _load(base, args.conversations, args.turns, args.requests)
        # The clients' own full garbage collections (over 100 ms each) would count as server
        # latency: keep them to what the measured run itself creates.
        gc.collect()
        gc.freeze()
        cpu_before = _tree_cpu_seconds(server.pid)
        figures = asyncio.run(asyncio.wait_for(measured, args.timeout))
        # Web processes, event worker and audit sealer; not the database server.
        cpu = _tree_cpu_seconds(server.pid) - cpu_before
        figures["server_cpu_ms"] = 1000 * cpu / max(1, figures["requests"])
        return figures
    finally:
        stop(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--turns", type=int, default=4)
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per run at most")
    args = parser.parse_args()
    print(
        f"{args.conversations} conversations at once, {args.turns} turns each, "
        f"{args.requests} requests per run, on {args.database}"
    )
    for processes in args.processes:
        with tempfile.TemporaryDirectory() as folder:
            if args.database == "postgresql":
                url = _postgres_test_database(SERVER)
            else:
                url = f"sqlite:///{folder}/bench.db"
            try:
                figures = run_once(url, processes, args, Path(folder))
            finally:
                if args.database == "postgresql":
                    _drop_postgres_database(SERVER, url)
        print(
            f"processes={processes}: {figures['requests']} requests, "
            f"{figures['failures']} failed, {figures['per_second']:.0f} requests/s; chat turn "
            f"p50 {figures['turn_p50_ms']:.0f} ms, p95 {figures['turn_p95_ms']:.0f} ms, "
            f"p99 {figures['turn_p99_ms']:.0f} ms; start p99 {figures['start_p99_ms']:.0f} ms; "
            f"server CPU {figures['server_cpu_ms']:.1f} ms per request",
            flush=True,
        )


if __name__ == "__main__":
    main()
