"""Encryption at rest: AES-256-GCM throughout (`cryptography`).

- Each officer's notebook has its own random 256-bit key. It is stored only wrapped
  (encrypted) under the master key, with the officer's name as associated data so a wrapped
  key cannot be moved to another notebook.
- Each entry is encrypted under its officer's key with a fresh 96-bit nonce; the associated
  data binds the ciphertext to its notebook and sequence number, so swapping two entries'
  ciphertexts fails to decrypt rather than showing the wrong note.
- Master keys are named by a key id (a hash of the key, never the key), so a wrapped key says
  which master key opens it, and rotation can re-wrap them one by one.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

NONCE_BYTES = 12


class KeyUnavailable(Exception):
    """A wrapped key or ciphertext cannot be opened with the keys this server holds."""


def key_id(key: bytes) -> str:
    return hashlib.sha256(b"synergy-notebook-master-key:" + key).hexdigest()[:16]


def new_officer_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def seal(key: bytes, plaintext: bytes, associated: bytes) -> tuple[bytes, bytes]:
    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce, AESGCM(key).encrypt(nonce, plaintext, associated)


def open_sealed(key: bytes, nonce: bytes, ciphertext: bytes, associated: bytes) -> bytes:
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, associated)
    except InvalidTag:
        raise KeyUnavailable("the stored ciphertext does not open with this key") from None


def entry_associated_data(officer: str, seq: int) -> bytes:
    return f"notebook-entry:{officer}:{seq}".encode()


@dataclass(frozen=True)
class Keyring:
    """The current master key and those being retired."""

    current: bytes
    retired: list[bytes] = field(default_factory=list)

    @property
    def current_id(self) -> str:
        return key_id(self.current)

    def _by_id(self, wanted: str) -> bytes:
        for key in [self.current, *self.retired]:
            if hmac.compare_digest(key_id(key), wanted):
                return key
        raise KeyUnavailable(
            f"master key {wanted} is not configured (set SYNERGY_NOTEBOOK_MASTER_KEY or "
            "list it in SYNERGY_NOTEBOOK_RETIRED_MASTER_KEYS)"
        )

    def wrap(self, officer_key: bytes, officer: str) -> tuple[str, bytes]:
        nonce, sealed = seal(self.current, officer_key, f"notebook-key:{officer}".encode())
        return self.current_id, nonce + sealed

    def unwrap(self, master_id: str, wrapped: bytes, officer: str) -> bytes:
        master = self._by_id(master_id)
        nonce, sealed = wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:]
        return open_sealed(master, nonce, sealed, f"notebook-key:{officer}".encode())

    def derived(self, purpose: str) -> bytes:
        """A key for one purpose (backups), derived from the current master key."""
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose.encode()).derive(
            self.current
        )
