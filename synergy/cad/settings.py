"""Command and control settings: attendance targets, crime number format, duplicate rules.

The `[cad]` section of the settings file or `SYNERGY_CAD_*` environment variables, read once
with the platform's settings (forces differ in how many grades they use and how fast each
must be attended, so none of this is hard-coded). The defaults follow the national call
handling standards as most forces apply them: grade 1 attended within 15 minutes in towns and
20 in the country, grade 2 within the hour; grades 3 (scheduled) and 4 (resolved without
deployment) have no attendance clock unless set.

The service's functions read them through `cad_settings()`: the section of the settings the
app (or the worker) started with, installed once at start-up by `use_app_settings`.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from synergy.core.config import ServiceSettings, Settings


class CadSettings(ServiceSettings, env_prefix="SYNERGY_CAD_"):
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


_installed: list[CadSettings] = []


def use_settings(settings: Settings) -> None:
    """Use this process's platform settings' `[cad]` section from now on."""
    _installed[:] = [settings.section(CadSettings)]


def use_app_settings(_app: Any, settings: Settings) -> None:
    """Start-up hook (see the service declaration)."""
    use_settings(settings)


def cad_settings() -> CadSettings:
    """The installed section; before any is installed (a script, a test), the defaults as
    the environment sets them, read once."""
    if not _installed:
        _installed.append(CadSettings())
    return _installed[0]
