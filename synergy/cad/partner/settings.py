"""Settings for the partner exchange: the `[cad_partner]` table of the settings file or
`SYNERGY_CAD_PARTNER_*` variables, read once (`settings.section(PartnerSettings)`).

`SYNERGY_CAD_PARTNER_PARTNERS` is a JSON list, one object per partner control room:
`{"code": "WMFS", "name": "West Midlands Fire", "url": "https://…/incident-exchange/messages",
"secret": "…", "share_grades": [1, 2]}`. `secret` signs what we send and checks what they send
(at least 32 characters). Incidents opened here at one of `share_grades` are sent to that
partner; incidents a partner sent us are never sent on to any partner.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field, SecretStr, StringConstraints

from synergy.core.config import ServiceSettings, Settings

AgencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9\-]{1,19}$")]

# Incident types fire and ambulance control rooms commonly pass to the police, and the
# opening code (synergy/cad/codes.py) each becomes here. Others open as default_opening_code,
# with the partner's own type written in the incident's remarks.
DEFAULT_TYPE_CODES = {
    "RTC": "TRANSPORT-RTC-INJURY",
    "RTC-DAMAGE": "TRANSPORT-RTC-DAMAGE",
    "HIGHWAY": "TRANSPORT-HIGHWAY",
    "CONCERN": "PSW-CONCERN",
    "ASSAULT": "CRIME-VIOLENCE",
    "FIRE-DELIBERATE": "CRIME-DAMAGE",
    "MISSING": "PSW-MISSING",
    "SUDDEN-DEATH": "PSW-SUDDEN-DEATH",
}


class Partner(BaseModel):
    model_config = {"frozen": True}

    code: AgencyCode
    name: str = Field(min_length=1, max_length=100)
    url: str = Field(pattern=r"^https?://", description="Where their exchange endpoint listens")
    secret: SecretStr = Field(min_length=32)
    share_grades: frozenset[int] = Field(default=frozenset({1, 2}))

    def secret_bytes(self) -> bytes:
        return self.secret.get_secret_value().encode()


class PartnerSettings(ServiceSettings, env_prefix="SYNERGY_CAD_PARTNER_"):
    agency_code: AgencyCode = Field(default="WMP", description="Our agency code in the exchange")
    partners: tuple[Partner, ...] = ()
    timeout_seconds: float = Field(default=10.0, gt=0, le=120)
    retry_base_seconds: float = Field(default=2.0, gt=0, le=3600)
    retry_cap_seconds: float = Field(default=600.0, gt=0, le=86400)
    max_attempts: int = Field(default=12, ge=1, le=1000, description="Then dead letter")
    type_codes: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_TYPE_CODES))
    default_opening_code: str = "ADMIN-INFORMATION"
    closing_code: str = Field(
        default="ADMIN-INFORMATION", description="Our closing code when the partner closes"
    )

    def partner(self, code: str) -> Partner | None:
        return next((p for p in self.partners if p.code == code), None)

    def opening_code_for(self, partner_type: str) -> str:
        return self.type_codes.get(partner_type.upper(), self.default_opening_code)


def read_at_start(_app: Any, settings: Settings) -> None:
    """Start-up hook (in cad's declaration): a bad value stops the app at start, naming the
    setting, rather than at the first partner's message. The worker reads it when it builds
    its subscriptions."""
    settings.section(PartnerSettings)
