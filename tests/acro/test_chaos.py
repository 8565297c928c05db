"""Chaos: thousands of arrests while the gateway misbehaves and workers are killed.

Arrests (some of the same people, some UK-only, some missing details that a records officer
fills in later) are recorded while the simulator injects every kind of fault and worker
processes are killed with SIGKILL and restarted; on PostgreSQL four workers run at once.
Afterwards there must be exactly one accepted request per qualifying arrest, none for UK-only
nationals, none lost, no duplicates, and every incomplete one must have been in the work queue.

SYNERGY_ACRO_CHAOS_ARRESTS sets the number of arrests (default 2000, the issue's figure).
"""

from __future__ import annotations

import os
import random
import signal
import threading
import time

import httpx
import pytest
from sqlalchemy import select

from synergy.acro import service as acro
from synergy.acro.models import ACCEPTED, INCOMPLETE, AcroRequest
from synergy.core.audit import AuditRecord
from synergy.core.events import OutboxEvent
from tests.acro.processes import SYNERGY, free_port, spawn, start_simulator, stop
from tests.conftest import TEST_SECRET
from tests.records.factories import make_person, record_arrest

# 2,000 takes about 3 minutes per database on a loaded two-core machine, too long for CI's
# budget; CI runs 600 and the full figure is run by hand (see docs/acro.md).
ARRESTS = int(os.environ.get("SYNERGY_ACRO_CHAOS_ARRESTS", "2000"))
TIME_LIMIT = float(os.environ.get("SYNERGY_ACRO_CHAOS_SECONDS", "240"))
KILLS = int(os.environ.get("SYNERGY_ACRO_CHAOS_KILLS", "5"))
NATIONALITIES = [["PL"], ["RO"], ["GB", "IE"], ["LT"], ["GB"], ["FR", "DZ"], ["GB"], ["IN"]]


def _worker_env(database_url, gateway_url, tmp_path) -> dict[str, str]:
    return {
        "SYNERGY_DATABASE_URL": database_url,
        "SYNERGY_SECRET_KEY": TEST_SECRET,
        "SYNERGY_DATA_DIR": str(tmp_path / "worker"),
        "SYNERGY_ACRO_GATEWAY_URL": gateway_url,
        "SYNERGY_ACRO_TIMEOUT_SECONDS": "0.5",
        "SYNERGY_ACRO_RETRY_BASE_SECONDS": "0.05",
        "SYNERGY_ACRO_RETRY_CAP_SECONDS": "1",
        "SYNERGY_ACRO_MAX_ATTEMPTS": "100",
        "SYNERGY_LOG_LEVEL": "WARNING",
    }


class Workers:
    def __init__(self, count, env, log):
        self.env, self.log, self.kills, self.started = env, log, 0, 0
        self.processes = [self._start() for _ in range(count)]

    def _start(self):
        self.started += 1
        return spawn(
            [SYNERGY, "worker", "--worker-id", f"chaos-{self.started}", "--lease-seconds", "10"],
            env=self.env,
            log=self.log,
        )

    def kill_one(self, rng):
        index = rng.randrange(len(self.processes))
        self.processes[index].send_signal(signal.SIGKILL)
        self.processes[index].wait()
        self.kills += 1
        self.processes[index] = self._start()

    def stop(self):
        for process in self.processes:
            process.send_signal(signal.SIGKILL)
            process.wait()


def _record_arrests(session_factory, rng):
    """Returns (qualifying arrest ids, UK-only arrest ids, incomplete arrest ids)."""
    qualifying, uk_only, incomplete = set(), set(), set()
    with session_factory() as db:
        people = []
        for i in range(max(1, ARRESTS // 3)):
            nationalities = NATIONALITIES[i % len(NATIONALITIES)]
            missing = i % 25 == 3 and nationalities != ["GB"]
            people.append(
                make_person(
                    db,
                    family_name=f"Chaos{i}",
                    nationalities=nationalities,
                    place_of_birth=None if missing else "Somewhere",
                )
            )
        db.commit()
        for n in range(ARRESTS):
            person = rng.choice(people)
            arrest = record_arrest(db, person)
            if person.nationalities == ["GB"]:
                uk_only.add(arrest.id)
            else:
                qualifying.add(arrest.id)
                if person.place_of_birth is None:
                    incomplete.add(arrest.id)
            if n % 5 == 4:
                db.commit()
        db.commit()
    return qualifying, uk_only, incomplete


def _complete_the_work_queue(session_factory, expected: int, deadline: float) -> set[int]:
    completed: set[int] = set()
    while len(completed) < expected and time.monotonic() < deadline:
        with session_factory() as db:
            waiting = acro.list_requests(db, status=INCOMPLETE, limit=1000)
            for request in waiting:
                acro.complete_request(
                    db,
                    request_id=request.id,
                    actor="records1",
                    values={"place_of_birth": "Bucharest, Romania"},
                )
                completed.add(request.arrest_id)
            db.commit()
        time.sleep(0.5)
    return completed


def _accepted_count(session_factory) -> int:
    with session_factory() as db:
        return len(db.execute(select(AcroRequest.id).where(AcroRequest.status == ACCEPTED)).all())


@pytest.mark.slow
@pytest.mark.timeout(int(TIME_LIMIT) + 120)
def test_chaos_every_qualifying_arrest_gets_exactly_one_accepted_request(
    session_factory, database_url, tmp_path
):
    rng = random.Random(2024)
    postgres = database_url.startswith("postgresql")
    port = free_port()
    simulator = start_simulator(
        port,
        "--fault-rate",
        "0.2",
        "--seed",
        "11",
        "--hang-seconds",
        "0.8",
        "--slow-delay",
        "0.2",
        log=tmp_path / "simulator.log",
    )
    gateway = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    workers = Workers(
        4 if postgres else 1, _worker_env(database_url, gateway, tmp_path), tmp_path / "workers.log"
    )
    # Workers are killed while arrests are still being recorded and sent, at a steady pace that
    # does not depend on how fast this machine is.
    stop_killing = threading.Event()

    def kill_workers() -> None:
        killer_rng = random.Random(7)
        while workers.kills < KILLS and not stop_killing.wait(1.0):
            workers.kill_one(killer_rng)

    killer = threading.Thread(target=kill_workers, name="chaos-killer")
    killer.start()
    try:
        qualifying, uk_only, incomplete = _record_arrests(session_factory, rng)
        recorded = time.monotonic()
        deadline = started + TIME_LIMIT
        completed: set[int] = set()
        while time.monotonic() < deadline and _accepted_count(session_factory) < len(qualifying):
            if len(completed) < len(incomplete):
                completed |= _complete_the_work_queue(
                    session_factory, len(incomplete), time.monotonic() + 1
                )
            time.sleep(0.5)
        elapsed = time.monotonic() - started
    finally:
        killer.join()
        stop_killing.set()
        workers.stop()
        stats = httpx.get(f"{gateway}/v1/stats", timeout=10).json()
        stop(simulator)

    with session_factory() as db:
        requests = db.execute(select(AcroRequest)).scalars().all()
        queued_incomplete = {
            int(r.details["arrest_id"])
            for r in db.execute(
                select(AuditRecord).where(AuditRecord.action == "acro.request_created")
            ).scalars()
            if r.details["missing_fields"]
        }
        dead = db.execute(select(OutboxEvent.id).where(OutboxEvent.status == "dead")).all()
    by_arrest = {r.arrest_id: r for r in requests}
    print(
        f"\nchaos: {ARRESTS} arrests, {len(qualifying)} qualifying, {len(incomplete)} "
        f"incomplete; {len(workers.processes)} workers, {workers.kills} killed; recorded in "
        f"{recorded - started:.1f}s, all accepted after {elapsed:.1f}s; gateway saw "
        f"{stats['posts']} posts, {stats['repeats']} repeats, faults {stats['faults']}"
    )
    assert len(requests) == len(by_arrest) == len(qualifying), "one request per arrest"
    assert set(by_arrest) == qualifying and not set(by_arrest) & uk_only
    assert {r.status for r in requests} == {ACCEPTED}, "none lost or stuck"
    assert stats["accepted"] == len(qualifying)
    assert sorted(stats["keys"]) == sorted(r.idempotency_key for r in requests), "no duplicates"
    assert queued_incomplete == incomplete == completed, "every incomplete one was queued"
    assert all(by_arrest[a].completed_by == "records1" for a in incomplete)
    assert workers.kills == KILLS and sum(stats["faults"].values()) > 0
    assert dead == [], "no event given up on"
