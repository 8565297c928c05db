"""Giving entries out: PDF extracts (made, audited and checked again later) and the
schedule of unused material (MG6C) for the prosecution."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass

from sqlalchemy.orm import Session

from synergy.core import audit
from synergy.core.errors import InvalidRequest, NotFound
from synergy.identity.service import get_by_username
from synergy.notebook import service
from synergy.notebook.chain import verify_notebook
from synergy.notebook.extract import build_extract, extract_hash, read_manifest
from synergy.notebook.keys import Keyring
from synergy.notebook.presenting import uk_time

MAX_EXTRACT_ENTRIES = 1000


def _officer_name(session: Session, officer: str) -> str:
    account = get_by_username(session, username=officer)
    return account.display_name if account else officer


def _chosen(
    session: Session, keyring: Keyring, officer: str, seqs: list[int]
) -> list[service.EntryView]:
    if not seqs:
        raise InvalidRequest("Choose at least one entry", field="entries")
    if len(seqs) > MAX_EXTRACT_ENTRIES:
        raise InvalidRequest(
            f"An extract holds at most {MAX_EXTRACT_ENTRIES} entries", field="entries"
        )
    notebook = service.get_notebook(session, officer=officer)
    views = service.entry_views(session, keyring, notebook, seqs=sorted(set(seqs)))
    missing = sorted(set(seqs) - {v.seq for v in views})
    if missing:
        raise NotFound(f"Entries not in this notebook: {', '.join(map(str, missing))}")
    return views


def make_extract(
    session: Session, keyring: Keyring, *, officer: str, seqs: list[int], actor: str
) -> tuple[bytes, str]:
    """The PDF and its extract hash; audited (who, which entries, the hash), never the text."""
    views = _chosen(session, keyring, officer, seqs)
    pdf = build_extract(officer, _officer_name(session, officer), views)
    digest = extract_hash(officer, views)
    audit.record(
        session,
        action="notebook.extract_made",
        actor=actor,
        target_type="notebook",
        target_id=officer,
        details={
            "entries": [v.seq for v in views],
            "extract_hash": digest,
            "file_sha256": hashlib.sha256(pdf).hexdigest(),
        },
    )
    return pdf, digest


@dataclass(frozen=True)
class ExtractReport:
    ok: bool
    message: str
    officer: str | None = None
    entries: tuple[int, ...] = ()
    extract_hash: str | None = None


def verify_extract(session: Session, keyring: Keyring, pdf: bytes) -> ExtractReport:
    """Does this file match, byte for byte, what the notebook gives for the same entries?"""
    try:
        manifest = read_manifest(pdf)
        officer = str(manifest["officer"])
        seqs = [int(s) for s in manifest["entries"]]  # type: ignore[attr-defined]
        claimed = str(manifest["hash"])
    except (ValueError, KeyError, TypeError) as exc:
        return ExtractReport(False, f"Not a readable notebook extract: {exc}")
    notebook = service.find_notebook(session, officer=officer)
    if notebook is None:
        return ExtractReport(False, f"No notebook for {officer} on this system", officer)
    chain = verify_notebook(session, keyring, notebook)
    if not chain.ok:
        return ExtractReport(
            False, f"The notebook itself fails its check: {chain.problem}", officer
        )
    try:
        views = _chosen(session, keyring, officer, seqs)
    except (InvalidRequest, NotFound) as exc:
        return ExtractReport(False, exc.message, officer)
    expected = build_extract(officer, _officer_name(session, officer), views)
    digest = extract_hash(officer, views)
    if claimed != digest:
        return ExtractReport(
            False, "The extract's hash does not match the notebook's entries", officer
        )
    if expected != pdf:
        return ExtractReport(
            False,
            "The file differs from the extract the notebook gives for these entries "
            "(it was altered after it was made)",
            officer,
            tuple(seqs),
            digest,
        )
    return ExtractReport(True, "The extract matches the notebook", officer, tuple(seqs), digest)


@dataclass(frozen=True)
class ScheduleItem:
    number: int
    description: str
    reference: str
    entry_hash: str


def default_description(view: service.EntryView) -> str:
    first = (view.content.text.strip().splitlines() or [""])[0] if view.content else ""
    kind = f"correction of entry {view.corrects_seq}" if view.corrects_seq else "entry"
    summary = f": {first[:80]}" if first else ""
    return f"Pocket notebook {kind} by {view.officer}, {uk_time(view.device_time)}{summary}"


def mg6c_schedule(
    session: Session,
    keyring: Keyring,
    *,
    officer: str,
    seqs: list[int],
    descriptions: dict[int, str] | None = None,
) -> list[ScheduleItem]:
    views = _chosen(session, keyring, officer, seqs)
    given = descriptions or {}
    return [
        ScheduleItem(
            n, given.get(v.seq, "").strip() or default_description(v), v.reference, v.entry_hash
        )
        for n, v in enumerate(views, start=1)
    ]


def schedule_csv(items: list[ScheduleItem]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Item", "Description", "Location (notebook reference)", "Entry hash"])
    for item in items:
        writer.writerow([item.number, item.description, item.reference, item.entry_hash])
    return out.getvalue()
