"""Benchmark: the live incident board with thousands of open incidents and many boards open.

Seeds open incidents (opened over the previous days), starts `synergy run` web processes on
127.0.0.1, connects board clients to the live feed (server-sent events), then:

1. paced: raises incidents through the JSON API at a steady rate (default 20,000 an hour, the
   figure the national command and control system of the 2000s was tested at) and times, for
   each, the raise request (p50/p95) and the time from sending it to the moment the last board
   client has the new row (an upper bound on change-committed-to-every-board);
2. burst: raises incidents as fast as a few concurrent clients can, for a bounded time, and
   prints the sustained rate and the board latency during it;
3. board page: times GET /cad (every open incident counted, the most urgent listed), after
   one untimed load, with the seeded incidents before the runs, and after them (all open
   incidents, and the overdue only).

    .venv/bin/python bench/incident_board.py                     # SQLite, one web process
    .venv/bin/python bench/incident_board.py --postgres          # PostgreSQL, two web processes
    .venv/bin/python bench/incident_board.py --incidents 500 --clients 5 --seconds 10   # quick

Loopback only, bounded in time. Figures depend on the machine; run it on a quiet one.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

import httpx  # noqa: E402

from synergy.cad import service  # noqa: E402
from synergy.cad.models import Source  # noqa: E402
from synergy.cad.schemas import Caller, Location  # noqa: E402
from synergy.core.db import make_engine, make_session_factory, upgrade  # noqa: E402
from synergy.core.roles import Role  # noqa: E402
from synergy.identity import service as identity  # noqa: E402
from tests.cad.servers import web_process  # noqa: E402
from tests.conftest import TEST_PASSWORD, _drop_postgres_database, _postgres_test_database  # noqa: E402

POSTGRES = os.environ.get(
    "SYNERGY_BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
DISTRICTS = ["B1", "B5", "B12", "B23", "CV1", "CV3", "WS1", "WS2", "DY1", "DY4", "WV1", "WV10"]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def postcode(n: int) -> str:
    """A valid postcode that differs from its neighbours in the run."""
    district, rest = DISTRICTS[n % len(DISTRICTS)], n // len(DISTRICTS)
    letters = INWARD_LETTERS[rest % 20] + INWARD_LETTERS[rest // 20 % 20]
    return f"{district} {1 + rest // 400 % 9}{letters}"


CODES = ["CRIME-THEFT", "ASB-NUISANCE", "PSW-CONCERN", "TRANSPORT-RTC-DAMAGE", "CRIME-BURGLARY"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def seed(url: str, count: int) -> None:
    """`count` open incidents spread over the previous days (log numbers restart daily)."""
    engine = make_engine(url)
    factory = make_session_factory(engine)
    now = dt.datetime.now(dt.UTC)
    per_day = 2000
    with factory() as session:
        identity.create_user(
            session,
            username="bench-controller",
            display_name="Bench",
            password=TEST_PASSWORD,
            roles=frozenset({Role.CONTROLLER}),
        )
        session.commit()
    for start in range(0, count, 500):
        with factory() as session:
            for n in range(start, min(count, start + 500)):
                day, within = divmod(n, per_day)
                opened = now - dt.timedelta(days=day + 1, seconds=within * 20)
                service.open_incident(
                    session,
                    source=Source.CONTROLLER,
                    caller=Caller(name=f"Caller {n}", phone=f"07700{n:06d}"),
                    location=Location(address=f"{n} Long Street", postcode=postcode(n)),
                    opening_code=CODES[n % len(CODES)],
                    grade=1 + n % 4,
                    remarks="Seeded for the board benchmark",
                    actor="bench",
                    opened_at=opened,
                )
            session.commit()
    engine.dispose()


def sign_in(base: str) -> tuple[dict[str, str], str]:
    with httpx.Client(base_url=base, timeout=30) as client:
        login = client.get("/login")
        token = login.text.split('name="csrf_token" value="')[1].split('"')[0]
        client.post(
            "/login",
            data={"username": "bench-controller", "password": TEST_PASSWORD, "csrf_token": token},
        )
        # The CSRF token is renewed at sign-in: take the one the signed-in pages carry.
        home = client.get("/")
        token = home.text.split('name="csrf_token" value="')[1].split('"')[0]
        return dict(client.cookies), token


class Boards:
    """Board clients reading the live feed; `seen[log_number]` = when each client had it."""

    def __init__(self) -> None:
        self.seen: dict[str, list[float]] = {}
        self.ready = 0

    async def client(self, base: str, cookies: dict[str, str], stop: asyncio.Event) -> None:
        async with (
            httpx.AsyncClient(base_url=base, cookies=cookies, timeout=None) as client,
            client.stream("GET", "/cad/board/events") as response,
        ):
            async for line in response.aiter_lines():
                if line.startswith(": connected"):
                    self.ready += 1
                elif line.startswith("data: "):
                    row = json.loads(line[6:])
                    self.seen.setdefault(row["log_number"], []).append(time.perf_counter())
                if stop.is_set():
                    return


async def raise_one(client: httpx.AsyncClient, n: int) -> tuple[str, float, float]:
    body = {
        "caller": {"name": f"Bench caller {n}", "phone": f"07800{n:06d}"},
        "location": {"address": f"{n} Bench Road", "postcode": postcode(n)},
        "opening_code": CODES[n % len(CODES)],
        "grade": 1 + n % 4,
        "remarks": "Benchmark",
    }
    sent = time.perf_counter()
    response = await client.post("/api/cad/incidents", json=body)
    answered = time.perf_counter()
    response.raise_for_status()
    return response.json()["log_number"], sent, answered


async def paced(
    client: httpx.AsyncClient, rate_per_hour: float, seconds: float, first: int
) -> list[tuple[str, float, float]]:
    interval = 3600 / rate_per_hour
    tasks, start = [], time.perf_counter()
    for n in range(int(seconds / interval)):
        await asyncio.sleep(max(0.0, start + n * interval - time.perf_counter()))
        tasks.append(asyncio.create_task(raise_one(client, first + n)))
    return list(await asyncio.gather(*tasks))


async def burst(
    client: httpx.AsyncClient, seconds: float, workers: int, first: int
) -> list[tuple[str, float, float]]:
    done: list[tuple[str, float, float]] = []
    deadline = time.perf_counter() + seconds
    counter = iter(range(first, first + 10**6))

    async def worker() -> None:
        while time.perf_counter() < deadline:
            done.append(await raise_one(client, next(counter)))

    await asyncio.gather(*(worker() for _ in range(workers)))
    return done


def delivery(boards: Boards, raised: list[tuple[str, float, float]], clients: int) -> list[float]:
    """Per incident: seconds from sending the raise request to the last board having it."""
    late = []
    for log_number, sent, _ in raised:
        seen = boards.seen.get(log_number, [])
        late.append(max(seen) - sent if len(seen) == clients else float("inf"))
    return late


def report(
    name: str, raised: list[tuple[str, float, float]], late: list[float], elapsed: float
) -> None:
    create = [answered - sent for _, sent, answered in raised]
    missing = sum(1 for v in late if v == float("inf"))
    print(
        f"{name}: {len(raised)} incidents in {elapsed:.1f} s = "
        f"{len(raised) / elapsed * 3600:,.0f} an hour"
    )
    print(
        f"  raise request  p50 {percentile(create, 0.5) * 1000:.1f} ms  "
        f"p95 {percentile(create, 0.95) * 1000:.1f} ms"
    )
    print(
        f"  to every board p50 {percentile(late, 0.5) * 1000:.1f} ms  "
        f"p95 {percentile(late, 0.95) * 1000:.1f} ms  (rows missing on a board: {missing})"
    )


async def board_page(client: httpx.AsyncClient, runs: int, when: str, query: str = "") -> None:
    """Time loads of the board page (`query`: a filter), one after another."""
    (await client.get("/cad" + query)).raise_for_status()  # templates and caches warm
    timings = []
    for _ in range(runs):
        begun = time.perf_counter()
        page = await client.get("/cad" + query)
        timings.append(time.perf_counter() - begun)
        page.raise_for_status()
    rows = page.text.count('class="govuk-link cad-row-link"')
    total = int(page.text.split('data-total="')[1].split('"')[0])
    print(
        f"board page {when}: {total:,} incidents, the {rows:,} most urgent listed "
        f"({len(page.content) / 1e6:.2f} MB): "
        f"p50 {percentile(timings, 0.5) * 1000:.0f} ms  "
        f"p95 {percentile(timings, 0.95) * 1000:.0f} ms over {runs} loads"
    )


async def measure(bases: list[str], args: argparse.Namespace) -> None:
    cookies, token = sign_in(bases[0])
    boards, stop = Boards(), asyncio.Event()
    readers = [
        asyncio.create_task(boards.client(bases[i % len(bases)], cookies, stop))
        for i in range(args.clients)
    ]
    while boards.ready < args.clients:
        await asyncio.sleep(0.05)
    limits = httpx.Limits(max_connections=20)
    async with httpx.AsyncClient(
        base_url=bases[-1],
        cookies=cookies,
        timeout=30,
        limits=limits,
        headers={"X-CSRF-Token": token},
    ) as client:
        await board_page(client, args.page_runs, "as seeded")
        started = time.perf_counter()
        raised = await paced(client, args.rate, args.seconds, 0)
        await asyncio.sleep(2)
        report(
            f"paced at {args.rate:,.0f} an hour",
            raised,
            delivery(boards, raised, args.clients),
            time.perf_counter() - started - 2,
        )
        started = time.perf_counter()
        burst_raised = await burst(client, args.burst_seconds, args.burst_clients, 10**5)
        elapsed = time.perf_counter() - started
        await asyncio.sleep(2)
        report(
            f"burst with {args.burst_clients} clients",
            burst_raised,
            delivery(boards, burst_raised, args.clients),
            elapsed,
        )
        await board_page(client, args.page_runs, "after the runs")
        await board_page(client, args.page_runs, "after the runs, overdue only", "?state=overdue")
    stop.set()
    for reader in readers:
        reader.cancel()
    await asyncio.gather(*readers, return_exceptions=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--incidents", type=int, default=5000, help="open incidents to seed")
    parser.add_argument("--clients", type=int, default=50, help="board clients (live feed)")
    parser.add_argument("--rate", type=float, default=20_000, help="paced incidents an hour")
    parser.add_argument("--seconds", type=float, default=60, help="length of the paced run")
    parser.add_argument("--burst-seconds", type=float, default=20)
    parser.add_argument("--burst-clients", type=int, default=4)
    parser.add_argument("--page-runs", type=int, default=20)
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL, two web processes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        if args.postgres:
            url = _postgres_test_database(POSTGRES)
            stack.callback(_drop_postgres_database, POSTGRES, url)
        else:
            url = f"sqlite:///{folder}/bench.db"
        upgrade(url)
        begun = time.perf_counter()
        seed(url, args.incidents)
        print(
            f"seeded {args.incidents:,} open incidents in {time.perf_counter() - begun:.0f} s "
            f"({'PostgreSQL' if args.postgres else 'SQLite'})"
        )
        processes = 2 if args.postgres else 1
        bases = [
            stack.enter_context(web_process(url, Path(folder) / f"web{i}"))
            for i in range(processes)
        ]
        print(
            f"{processes} web process(es); {args.clients} board clients"
            + (", split between them; incidents raised through the second" if processes > 1 else "")
        )
        asyncio.run(measure(bases, args))


if __name__ == "__main__":
    main()
