"""The evidence portal's own settings: where files are kept, upload limits, and GOV.UK Notify
for texting and emailing upload links.

Read from `SYNERGY_EVIDENCE_*` environment variables or the `[evidence]` table of the settings
file; code reads them with `settings.section(EvidenceSettings)`. With no Notify key, links are
not texted (the page says so); emails then go by SMTP if `SYNERGY_SMTP_HOST` is set (the mail
server is the platform's, in core's settings).
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import Field, SecretStr, field_validator

from synergy.core.config import ServiceSettings

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
# A Notify API key is its name, then the service id and the secret, both UUIDs.
_NOTIFY_KEY = re.compile(rf"^.+-{_UUID}-{_UUID}$")


class EvidenceSettings(ServiceSettings, env_prefix="SYNERGY_EVIDENCE_"):
    dir: Path | None = Field(
        default=None, description="Where uploaded evidence is stored; default data_dir/evidence"
    )
    link_failures_per_ip: int = Field(
        default=30, ge=1, le=10_000, description="Bad upload links an address may try in 10 minutes"
    )
    abandoned_hours: int = Field(
        default=48, ge=1, le=24 * 30, description="Unfinished uploads idle this long are deleted"
    )
    fsync: bool = Field(
        default=True, description="fsync uploads before recording progress; off only to benchmark"
    )
    s3_bucket: str = Field(
        default="", description="S3-compatible bucket for finished evidence; empty: local disk only"
    )
    s3_endpoint_url: str = Field(
        default="", description="S3-compatible endpoint (MinIO, Ceph...); empty: AWS"
    )
    s3_region: str = Field(default="eu-west-2", description="Object store region")
    notify_api_key: SecretStr | None = Field(
        default=None, description="GOV.UK Notify API key; unset: links are not texted"
    )
    notify_base_url: str = Field(
        default="https://api.notifications.service.gov.uk", description="GOV.UK Notify's API"
    )
    notify_sms_template_id: str = Field(
        default="", description="Notify text message template for upload links"
    )
    notify_email_template_id: str = Field(
        default="", description="Notify email template for upload links; unset: SMTP"
    )
    notify_timeout_seconds: float = Field(default=10.0, gt=0, le=60)
    code_failures_per_browser: int = Field(
        default=5, ge=1, description="Wrong short codes one browser may type in 10 minutes"
    )
    code_failures_per_address: int = Field(
        default=30, ge=1, description="Wrong short codes from one address in 10 minutes"
    )
    code_failures_in_all: int = Field(
        default=1000, ge=1, description="Wrong short codes from everyone in 10 minutes"
    )

    @field_validator("notify_api_key")
    @classmethod
    def _looks_like_a_notify_key(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _NOTIFY_KEY.match(value.get_secret_value()):
            raise ValueError("is not a GOV.UK Notify API key (name-service id-secret)")
        return value

    @field_validator("notify_sms_template_id", "notify_email_template_id")
    @classmethod
    def _template_is_a_uuid(cls, value: str) -> str:
        if value and not re.fullmatch(_UUID, value):
            raise ValueError("is not a Notify template id (a UUID)")
        return value

    @property
    def texts_links(self) -> bool:
        return self.notify_api_key is not None and bool(self.notify_sms_template_id)

    @property
    def emails_through_notify(self) -> bool:
        return self.notify_api_key is not None and bool(self.notify_email_template_id)
