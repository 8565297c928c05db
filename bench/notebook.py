"""Notebook figures: save p95 in a notebook of N entries, sync of 500 queued entries, and a
PDF extract of 200 entries. Prints figures; asserts nothing.

    python bench/notebook.py --entries 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import secrets
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import insert

from synergy.core.db import make_engine, make_session_factory, upgrade, utcnow
from synergy.notebook import disclosure, service, sync
from synergy.notebook.chain import entry_hash
from synergy.notebook.keys import Keyring, entry_associated_data, seal
from synergy.notebook.models import Entry
from synergy.notebook.schemas import EntryContent, SyncItem

OFFICER = "bench.officer"
TEXT = "Attended 12 Colmore Row B3 2BS, spoke to Jan KOWALSKI, call 0121 626 5000. " * 3


def prefill(factory, keyring: Keyring, count: int) -> None:  # type: ignore[no-untyped-def]
    """Real chained, encrypted rows, inserted in bulk so the bench starts quickly."""
    with factory() as session:
        notebook = service.open_notebook(session, keyring, officer=OFFICER)
        key = service.officer_key(keyring, notebook)
        prev, now, rows = notebook.head_hash, utcnow(), []
        for seq in range(1, count + 1):
            content = EntryContent(text=f"{seq}: {TEXT}")
            nonce, ciphertext = seal(key, content.canonical(), entry_associated_data(OFFICER, seq))
            digest = entry_hash(
                officer=OFFICER,
                seq=seq,
                corrects_seq=None,
                device_time=now,
                server_time=now,
                content_hash=content.content_hash(),
                prev_hash=prev,
            )
            rows.append(
                {
                    "notebook_id": notebook.id,
                    "seq": seq,
                    "corrects_seq": None,
                    "device_time": now,
                    "server_time": now,
                    "client_id": str(uuid.uuid4()),
                    "content_hash": content.content_hash(),
                    "prev_hash": prev,
                    "entry_hash": digest,
                    "nonce": nonce,
                    "ciphertext": ciphertext,
                    "disposed": False,
                }
            )
            prev = digest
            if len(rows) == 5000:
                session.execute(insert(Entry), rows)
                rows = []
        if rows:
            session.execute(insert(Entry), rows)
        notebook.head_seq, notebook.head_hash = count, prev
        session.commit()


def time_saves(factory, keyring: Keyring, saves: int) -> list[float]:  # type: ignore[no-untyped-def]
    timings = []
    for _ in range(saves):
        started = time.perf_counter()
        with factory() as session:
            service.add_entry(
                session,
                keyring,
                officer=OFFICER,
                content=EntryContent(text=TEXT),
                device_time=utcnow() - dt.timedelta(seconds=1),
            )
            session.commit()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def time_sync(factory, keyring: Keyring, count: int) -> float:  # type: ignore[no-untyped-def]
    items = []
    for seq in range(1, count + 1):
        body = json.dumps({"text": f"offline {seq}: {TEXT}"})
        items.append(
            SyncItem(
                client_id=str(uuid.uuid4()),
                device_id="bench-device-1",
                device_seq=seq,
                device_time=utcnow().isoformat(),
                content_json=body,
                upload_hash=hashlib.sha256(body.encode()).hexdigest(),
            )
        )
    started = time.perf_counter()
    for batch in range(0, count, 100):  # the app sends 100 a request
        with factory() as session:
            for item in items[batch : batch + 100]:
                sync.receive(
                    session, keyring, officer="bench.sync", item=item, max_photo_bytes=2_000_000
                )
            session.commit()
    return time.perf_counter() - started


def time_extract(factory, keyring: Keyring, count: int) -> tuple[float, int, int]:  # type: ignore[no-untyped-def]
    with factory() as session:
        started = time.perf_counter()
        pdf, _ = disclosure.make_extract(
            session, keyring, officer=OFFICER, seqs=list(range(1, count + 1)), actor="bench"
        )
        elapsed = time.perf_counter() - started
        session.rollback()
    return elapsed, len(pdf), pdf.count(b"/Type /Page\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        upgrade(url)
        factory = make_session_factory(make_engine(url))
        keyring = Keyring(secrets.token_bytes(32))
        started = time.perf_counter()
        prefill(factory, keyring, args.entries)
        print(f"prefilled {args.entries} entries in {time.perf_counter() - started:.1f} s")
        saves = time_saves(factory, keyring, args.saves)
        p95 = statistics.quantiles(saves, n=100)[94]
        print(
            f"save: {args.saves} saves, p50 {statistics.median(saves):.1f} ms, "
            f"p95 {p95:.1f} ms (target < 50 ms)"
        )
        seconds = time_sync(factory, keyring, 500)
        print(f"sync: 500 queued entries in {seconds:.2f} s ({500 / seconds:.0f} entries/s)")
        extract_s, size, pages = time_extract(factory, keyring, 200)
        print(
            f"extract: 200 entries in {extract_s:.2f} s, {size} bytes, {pages} pages (target < 3 s)"
        )


if __name__ == "__main__":
    main()
