"""ACRO's own settings: the gateway, its mutual TLS, retries and the reply deadline.

Read once with the platform's settings from `SYNERGY_ACRO_*` environment variables or the
`[acro]` table of the settings file; code reads them with `settings.section(AcroSettings)`.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr

from synergy.core.config import ServiceSettings


class AcroSettings(ServiceSettings, env_prefix="SYNERGY_ACRO_"):
    gateway_url: str = Field(default="http://127.0.0.1:8790", description="ACRO gateway")
    client_cert: Path | None = Field(default=None, description="Client certificate (mTLS)")
    client_key: Path | None = Field(default=None, description="Its private key (mTLS)")
    ca_bundle: Path | None = Field(default=None, description="CA that signed the gateway")
    timeout_seconds: float = Field(default=10.0, gt=0, le=120)
    callback_secret: SecretStr | None = Field(
        default=None, description="Shared secret that signs ACRO callbacks; unset: refuse them"
    )
    max_attempts: int = Field(default=8, ge=1, le=100, description="Then dead letter")
    retry_base_seconds: float = Field(default=5.0, gt=0, le=3600)
    retry_cap_seconds: float = Field(default=1800.0, gt=0, le=86400)
    minutes_saved_per_request: int = Field(default=10, ge=0, le=600)
    reply_working_days: int = Field(default=10, ge=1, le=60)
    requesting_force: str = Field(default="West Midlands Police", min_length=1)
