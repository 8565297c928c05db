"""The keys that make the audit log tamper-evident, kept in a file outside the database.

Two kinds of key, both generated on first use into one JSON file readable only by the service
account (`SYNERGY_AUDIT_KEY_FILE`, default `data_dir/audit-keys.json`):
- HMAC-SHA256 keys that link the chain. Someone who can write to the database but cannot read
  this file cannot recompute the chain after changing a record. Each sealed record names the key
  it was sealed with, so keys can be rotated (`synergy audit rotate-key`) and old records still
  verify with the key that sealed them.
- One Ed25519 key that signs checkpoints of the chain's head, written outside the database. Its
  public half can be printed and kept offline to check checkpoints without the private key.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

KEY_BYTES = 32


class AuditKeyError(Exception):
    """The key file is missing a key, unreadable or malformed; the message says which."""


@dataclass
class AuditKeys:
    path: Path
    hmac_keys: dict[str, bytes]
    current: str
    signing_key: Ed25519PrivateKey
    created: dict[str, str] = field(default_factory=dict)

    @property
    def current_key(self) -> bytes:
        return self.hmac_keys[self.current]

    def key(self, key_id: str) -> bytes:
        try:
            return self.hmac_keys[key_id]
        except KeyError:
            raise AuditKeyError(f"audit key {key_id!r} is not in {self.path}") from None

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.signing_key.public_key()

    def public_key_text(self) -> str:
        raw = self.public_key.public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return base64.b64encode(raw).decode()

    def rotate(self) -> str:
        """Add a new HMAC key and seal from now on with it; returns its id."""
        key_id = f"k{len(self.hmac_keys) + 1}"
        while key_id in self.hmac_keys:
            key_id = f"k{secrets.token_hex(3)}"
        self.hmac_keys[key_id] = secrets.token_bytes(KEY_BYTES)
        self.created[key_id] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self.current = key_id
        _write(self)
        return key_id


def public_key_from_text(text: str) -> Ed25519PublicKey:
    try:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))
    except ValueError as exc:
        raise AuditKeyError(f"not an Ed25519 public key: {exc}") from None


def _write(keys: AuditKeys, *, exclusive: bool = False) -> None:
    """Write the file whole; `exclusive` refuses to replace one another process made first."""
    raw_signing = keys.signing_key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    document = {
        "current": keys.current,
        "hmac_keys": {kid: key.hex() for kid, key in keys.hmac_keys.items()},
        "created": keys.created,
        "signing_key": raw_signing.hex(),
    }
    keys.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = keys.path.with_name(f".{keys.path.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump(document, handle, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    if not exclusive:
        os.replace(temporary, keys.path)
        return
    try:
        os.link(temporary, keys.path)
    finally:
        os.unlink(temporary)


def _parse(path: Path, document: object) -> AuditKeys:
    if not isinstance(document, dict):
        raise AuditKeyError(f"{path}: not an audit key file")
    try:
        hmac_keys = {str(k): bytes.fromhex(v) for k, v in document["hmac_keys"].items()}
        current = str(document["current"])
        signing = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(document["signing_key"]))
        created = {str(k): str(v) for k, v in dict(document.get("created", {})).items()}
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise AuditKeyError(f"{path}: malformed audit key file ({exc})") from None
    if current not in hmac_keys or any(len(key) < 16 for key in hmac_keys.values()):
        raise AuditKeyError(f"{path}: the current key is missing or a key is too short")
    return AuditKeys(path, hmac_keys, current, signing, created)


def load_audit_keys(path: Path, *, create: bool = True) -> AuditKeys:
    """Read the key file, or (with `create`) make one readable only by this user."""
    if path.exists():
        try:
            document = json.loads(path.read_text())
        except (OSError, ValueError) as exc:
            raise AuditKeyError(f"{path}: cannot read the audit key file ({exc})") from None
        return _parse(path, document)
    if not create:
        raise AuditKeyError(f"{path}: no audit key file")
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    keys = AuditKeys(
        path=path,
        hmac_keys={"k1": secrets.token_bytes(KEY_BYTES)},
        current="k1",
        signing_key=Ed25519PrivateKey.generate(),
        created={"k1": now},
    )
    try:
        _write(keys, exclusive=True)
    except FileExistsError:
        return load_audit_keys(path, create=False)
    return keys
