"""The savings register's settings (SYNERGY_SAVINGS_*), read once.

The minutes and staff costs here are only the starting rates of each automation kind: finance
staff replace them on the automation page, each with its source, and the register keeps every
rate it has used. The defaults are placeholders and say so in their source.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from synergy.core.config import ServiceSettings


class SavingsSettings(ServiceSettings, env_prefix="SYNERGY_SAVINGS_"):
    """Read once with the platform's settings: `settings.section(SavingsSettings)`."""

    # A 37-hour week, the usual full-time week for police staff: 37 × 52 / 12 hours a month.
    fte_hours_per_week: Decimal = Field(default=Decimal("37"), gt=0, le=80)
    default_staff_rate_pence_per_hour: int = Field(default=2000, ge=0, le=100_000)
    acro_minutes: Decimal = Field(default=Decimal("10"), ge=0, le=600)
    cctv_link_minutes: Decimal = Field(default=Decimal("15"), ge=0, le=600)
    call_resolved_minutes: Decimal = Field(default=Decimal("6"), ge=0, le=600)
    alert_days: tuple[int, ...] = (90, 60, 30)

    @property
    def fte_hours_per_month(self) -> Decimal:
        return self.fte_hours_per_week * 52 / 12
