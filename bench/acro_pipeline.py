"""Benchmark: the ACRO pipeline on PostgreSQL against the simulator, with 1 and 4 workers.

With `synergy worker` processes running, commits a backlog of arrests of foreign nationals at
once and times how fast the workers send them all (throughput: requests accepted per second,
from the backlog's commit to the last acceptance); then records arrests one by one at a steady
rate below capacity and prints the arrest-to-sent latency (arrest recorded to request accepted
by the gateway) at the 50th and 95th percentiles.

    .venv/bin/python bench/acro_pipeline.py                  # backlog 500, 250 paced at 5/s
    .venv/bin/python bench/acro_pipeline.py --arrests 2000 --rate 10 --workers 1 4

Needs PostgreSQL (SYNERGY_BENCH_DATABASE_URL, default postgres@127.0.0.1:5432); a throwaway
database is created and dropped. Run on an otherwise quiet machine: figures scale with cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from sqlalchemy import select, text  # noqa: E402

from synergy.acro.models import ACCEPTED, AcroRequest  # noqa: E402
from synergy.app import import_all_models  # noqa: E402
from synergy.core.db import Base, make_engine, make_session_factory, upgrade  # noqa: E402
from synergy.core.events import pending_count  # noqa: E402
from synergy.records import service as records  # noqa: E402
from tests.acro.processes import SYNERGY, free_port, spawn, start_simulator, stop  # noqa: E402
from tests.conftest import (  # noqa: E402
    TEST_SECRET,
    _drop_postgres_database,
    _postgres_test_database,
)
from tests.records.factories import arrest_in, person_in  # noqa: E402

SERVER = os.environ.get(
    "SYNERGY_BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def _empty(engine) -> None:
    tables = ", ".join(t.name for t in reversed(Base.metadata.sorted_tables))
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


def _start_workers(count: int, env: dict[str, str], folder: Path) -> list:
    processes = []
    for index in range(count):
        log = folder / f"worker-{count}-{index}.log"
        processes.append(
            spawn([SYNERGY, "worker", "--worker-id", f"bench-{index}"], env=env, log=log)
        )
        deadline = time.monotonic() + 60
        while b"delivering events" not in (log.read_bytes() if log.exists() else b""):
            if time.monotonic() > deadline:
                raise TimeoutError(f"worker did not start; see {log}")
            time.sleep(0.1)
    return processes


def _record(factory, people: list[int], count: int, *, rate: float | None) -> dict[int, object]:
    """Record `count` arrests: all in one transaction (rate None) or one by one at `rate`/s.
    Returns when each arrest was recorded; for a backlog, when its one transaction committed
    (the workers can see none of it before), so the recording itself is not timed as sending."""
    recorded_at = {}
    with factory() as db:
        for n in range(count):
            started = time.monotonic()
            arrest = records.record_arrest(
                db, person_id=people[n % len(people)], data=arrest_in(), actor="bench"
            )
            recorded_at[arrest.id] = arrest.recorded_at
            if rate is not None:
                db.commit()
                time.sleep(max(0.0, 1 / rate - (time.monotonic() - started)))
        db.commit()
    if rate is None:
        committed = dt.datetime.now(dt.UTC)
        recorded_at = dict.fromkeys(recorded_at, committed)
    return recorded_at


def _wait_accepted(factory, arrest_ids) -> list[AcroRequest]:
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        with factory() as db:
            done = (
                db.execute(
                    select(AcroRequest).where(
                        AcroRequest.status == ACCEPTED, AcroRequest.arrest_id.in_(list(arrest_ids))
                    )
                )
                .scalars()
                .all()
            )
        if len(done) == len(arrest_ids):
            return list(done)
        time.sleep(0.2)
    raise TimeoutError("requests not all accepted")


def _wait_outbox_empty(factory) -> dt.datetime:
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        with factory() as db:
            if pending_count(db) == 0:
                return dt.datetime.now(dt.UTC)
        time.sleep(0.05)
    raise TimeoutError("outbox not drained")


def run_once(factory, arrests: int, rate: float, workers: int, env, folder: Path) -> dict:
    """Throughput: a backlog of `arrests` committed at once, drained by the workers.
    Latency: `arrests // 2` more recorded one by one at `rate` per second."""
    with factory() as db:
        people = [
            records.create_person(db, person_in(family_name=f"Bench{i}"), actor="bench").id
            for i in range(max(1, arrests // 2))
        ]
        db.commit()
    processes = _start_workers(workers, env, folder)
    try:
        backlog = _record(factory, people, arrests, rate=None)
        first = min(backlog.values())
        done = _wait_accepted(factory, backlog)
        last = max(r.accepted_at for r in done)
        drained = (last - first).total_seconds()
        # The backlog's other deliveries (command and control's arrest links, the savings
        # register's counts) follow its last acceptance; the latency run starts once they are
        # done, so it measures a steady rate, not the tail of the backlog.
        settled = _wait_outbox_empty(factory)
        after = (settled - last).total_seconds()
        paced = _record(factory, people, arrests // 2, rate=rate)
        done = _wait_accepted(factory, paced)
    finally:
        for process in processes:
            stop(process)
    latencies = sorted((r.accepted_at - paced[r.arrest_id]).total_seconds() for r in done)
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "workers": workers,
        "accepted": len(backlog),
        "seconds": drained,
        "per_second": len(backlog) / drained,
        "settled_after": after,
        "paced": len(paced),
        "rate": rate,
        "p50_ms": cuts[49] * 1000,
        "p95_ms": cuts[94] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arrests", type=int, default=500)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--rate", type=float, default=5.0, help="arrests/s for the latency run")
    args = parser.parse_args()
    url = _postgres_test_database(SERVER)
    port = free_port()
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        simulator = start_simulator(port, log=folder / "simulator.log")
        try:
            upgrade(url)
            import_all_models()
            engine = make_engine(url)
            factory = make_session_factory(engine)
            env = {
                "SYNERGY_DATABASE_URL": url,
                "SYNERGY_SECRET_KEY": TEST_SECRET,
                "SYNERGY_DATA_DIR": str(folder / "var"),
                "SYNERGY_LOG_LEVEL": "WARNING",
                "SYNERGY_ACRO_GATEWAY_URL": f"http://127.0.0.1:{port}",
            }
            print(f"ACRO pipeline, PostgreSQL, simulator without faults, {os.cpu_count()} cores")
            for workers in args.workers:
                _empty(engine)
                result = run_once(factory, args.arrests, args.rate, workers, env, folder)
                print(
                    f"{result['workers']} worker(s): backlog of {result['accepted']} sent in "
                    f"{result['seconds']:.1f}s = {result['per_second']:.1f} requests/s "
                    f"(its other deliveries done {result['settled_after']:.1f}s later); "
                    f"{result['paced']} arrests at {result['rate']:g}/s: arrest-to-sent "
                    f"p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms"
                )
            engine.dispose()
        finally:
            stop(simulator)
            _drop_postgres_database(SERVER, url)


if __name__ == "__main__":
    main()
