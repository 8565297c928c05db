"""Key rotation. Re-wrapping under a new master key touches only the wrapped officer keys;
a new officer key re-encrypts that officer's entries (same content, same hashes), so the
chain verifies before and after."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.core import audit
from synergy.notebook.chain import entries_in_order
from synergy.notebook.keys import Keyring, entry_associated_data, new_officer_key, open_sealed, seal
from synergy.notebook.models import Notebook
from synergy.notebook.service import get_notebook, officer_key


def rotate_master_key(session: Session, keyring: Keyring, *, actor: str) -> int:
    """Re-wrap every officer key still under a retired master key; returns how many."""
    moved = 0
    stale = select(Notebook).where(Notebook.master_key_id != keyring.current_id)
    for notebook in session.execute(stale).scalars():
        key = officer_key(keyring, notebook)
        notebook.master_key_id, notebook.wrapped_key = keyring.wrap(key, notebook.officer)
        moved += 1
    session.flush()
    audit.record(
        session,
        action="notebook.master_key_rotated",
        actor=actor,
        details={"notebooks": moved, "master_key_id": keyring.current_id},
    )
    return moved


def rotate_officer_key(session: Session, keyring: Keyring, *, officer: str, actor: str) -> int:
    """Give the officer's notebook a new key and re-encrypt its entries; returns how many."""
    notebook = get_notebook(session, officer=officer)
    old, new = officer_key(keyring, notebook), new_officer_key()
    count = 0
    for entry in entries_in_order(session, notebook.id):
        if entry.disposed or entry.nonce is None or entry.ciphertext is None:
            continue
        associated = entry_associated_data(officer, entry.seq)
        plain = open_sealed(old, entry.nonce, entry.ciphertext, associated)
        entry.nonce, entry.ciphertext = seal(new, plain, associated)
        count += 1
    notebook.master_key_id, notebook.wrapped_key = keyring.wrap(new, officer)
    notebook.key_version += 1
    session.flush()
    audit.record(
        session,
        action="notebook.officer_key_rotated",
        actor=actor,
        target_type="notebook",
        target_id=officer,
        details={"entries": count, "key_version": notebook.key_version},
    )
    return count
