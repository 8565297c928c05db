"""Command and control settings: attendance targets, crime number format, duplicate rules.

Read once from `SYNERGY_CAD_*` environment variables (forces differ in how many grades they use
and how fast each must be attended, so none of this is hard-coded). The defaults follow the
national call handling standards as most forces apply them: grade 1 attended within 15 minutes
in towns and 20 in the country, grade 2 within the hour; grades 3 (scheduled) and 4 (resolved
without deployment) have no attendance clock unless set.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class CadSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SYNERGY_CAD_", extra="ignore", frozen=True)

    grade1_urban_minutes: int = Field(default=15, ge=1, le=24 * 60)
    grade1_rural_minutes: int = Field(default=20, ge=1, le=24 * 60)
    grade2_minutes: int = Field(default=60, ge=1, le=7 * 24 * 60)
    grade3_minutes: int | None = Field(default=None, ge=1, le=30 * 24 * 60)
    grade4_minutes: int | None = Field(default=None, ge=1, le=30 * 24 * 60)
    force_code: str = Field(
        default="20", pattern=r"^(0[1-9]|[1-9]\d)$", description="Two-digit crime number prefix"
    )
    duplicate_window_minutes: int = Field(default=60, ge=1, le=24 * 60)
    duplicate_distance_metres: int = Field(default=200, ge=1, le=10_000)

    def target_minutes(self, grade: int, *, rural: bool) -> int | None:
        """Minutes from opening within which an incident of `grade` must be attended."""
        if grade == 1:
            return self.grade1_rural_minutes if rural else self.grade1_urban_minutes
        return {2: self.grade2_minutes, 3: self.grade3_minutes, 4: self.grade4_minutes}.get(grade)


@lru_cache(maxsize=1)
def cad_settings() -> CadSettings:
    """The settings, read from the environment the first time they are asked for."""
    return CadSettings()
