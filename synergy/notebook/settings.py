"""The notebook's own settings, read once with the platform's
(`SYNERGY_NOTEBOOK_*` environment variables or the `[notebook]` table of the settings file).

The master key wraps each officer's entry key. It comes from `SYNERGY_NOTEBOOK_MASTER_KEY`
(32 bytes, base64) or from a key file; with neither, a key file is created on first use in the
data directory with mode 0600, as the platform does for its secret key. Keys being retired are
listed in `SYNERGY_NOTEBOOK_RETIRED_MASTER_KEYS` until `synergy notebook rotate-master-key`
has re-wrapped every officer key under the current one.
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from pathlib import Path

from pydantic import Field, SecretStr, field_validator

from synergy.core.config import ConfigError, ServiceSettings

KEY_BYTES = 32
MASTER_KEY_FILE = "notebook_master_key"


class NotebookSettings(ServiceSettings, env_prefix="SYNERGY_NOTEBOOK_"):
    """The `[notebook]` section: `settings.section(NotebookSettings)`."""

    master_key: SecretStr | None = Field(
        default=None, description="32 random bytes, base64; wraps each officer's key"
    )
    master_key_file: Path | None = Field(
        default=None, description="A file holding the master key (base64), mode 0600"
    )
    retired_master_keys: SecretStr | None = Field(
        default=None, description="Comma-separated base64 keys still accepted while rotating"
    )
    retention_years: int = Field(default=6, ge=1, le=100, description="Keep entries this long")
    map_url_template: str = Field(
        default="",
        description="Map link for postcodes and addresses, with {query}; empty: no map links",
    )
    reauth_minutes: int = Field(
        default=5, ge=1, le=60, description="A re-authentication allows extracts this long"
    )
    max_photo_bytes: int = Field(default=2_000_000, ge=10_000, le=20_000_000)

    @field_validator("map_url_template")
    @classmethod
    def _template_is_a_web_address(cls, value: str) -> str:
        if value and (not value.startswith("https://") or "{query}" not in value):
            raise ValueError("must start with https:// and contain {query}")
        return value


def decode_key(text: str, *, name: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ConfigError(f"{name}: not valid base64") from None
    if len(key) != KEY_BYTES:
        raise ConfigError(f"{name}: must be {KEY_BYTES} bytes (base64 of 32 random bytes)")
    return key


def master_keys(settings: NotebookSettings, data_dir: Path) -> tuple[bytes, list[bytes]]:
    """The current master key and any retired ones, creating a key file if none is set."""
    if settings.master_key is not None:
        current = decode_key(
            settings.master_key.get_secret_value(), name="SYNERGY_NOTEBOOK_MASTER_KEY"
        )
    else:
        path = settings.master_key_file or data_dir / MASTER_KEY_FILE
        current = decode_key(_read_or_create_key_file(path), name=f"key file {path}")
    retired = []
    if settings.retired_master_keys is not None:
        for part in settings.retired_master_keys.get_secret_value().split(","):
            if part.strip():
                retired.append(decode_key(part, name="SYNERGY_NOTEBOOK_RETIRED_MASTER_KEYS"))
    return current, retired


def _read_or_create_key_file(path: Path) -> str:
    if path.exists():
        return path.read_text()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(text + "\n")
    return text
