"""A worker process for the outbox tests: `python -m tests.core.outbox_worker_process URL LOG ID`.

Its subscription has two effects: a line in LOG (outside the database, so a repeat delivery
shows up there) and an audit record (inside the delivery's transaction, so it must appear
exactly once per event however often delivery is repeated).
"""

from __future__ import annotations

import sys
import threading
import time

from synergy.core import audit
from synergy.core.db import make_engine, make_session_factory
from synergy.core.events import Event, OutboxWorker, Subscription

TOPIC = "test.something_happened"


def main(url: str, log_path: str, worker_id: str) -> None:
    def handle(session, event: Event) -> None:  # type: ignore[no-untyped-def]
        with open(log_path, "a") as log:
            log.write(f"{worker_id} {event.id}\n")
            log.flush()
        time.sleep(0.01)  # give the test time to kill us mid-delivery
        audit.record(session, action="test.delivered", actor=worker_id, target_id=event.id)

    worker = OutboxWorker(
        factory=make_session_factory(make_engine(url)),
        subscriptions=[Subscription(TOPIC, "test-recorder", handle)],
        worker_id=worker_id,
        batch_size=5,
        lease_seconds=1.5,
    )
    worker.run(threading.Event(), idle_sleep=0.05)


if __name__ == "__main__":
    main(*sys.argv[1:4])
