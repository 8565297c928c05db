"""Evidence's role aliases, path parameters and per-app collaborators (storage, bad-link
limiter); the collaborators are made on first use from the app's settings so that each app —
and each test — gets its own."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Path, Request

from synergy.core.config import Settings
from synergy.core.deps import allow, public
from synergy.core.principal import Principal
from synergy.core.roles import Role
from synergy.evidence.service import BadLinkLimiter
from synergy.evidence.settings import EvidenceSettings
from synergy.evidence.short_codes import CodeLimits
from synergy.evidence.storage import LocalStorage, Storage

Investigator = Annotated[Principal, allow(Role.INVESTIGATOR)]
Viewer = Annotated[Principal, allow(Role.INVESTIGATOR, Role.SUPERVISOR)]
LinkHolder = Annotated[
    Principal | None, public("members of the public holding a valid upload link")
]
# Upload requests' and files' public ids, and upload link tokens.
PublicId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]
Token = Annotated[str, Path(min_length=10, max_length=200)]


def evidence_root(settings: Settings) -> LocalStorage:
    return LocalStorage(settings.section(EvidenceSettings).dir or settings.data_dir / "evidence")


def storage_for(request: Request) -> Storage:
    state = request.app.state
    if not hasattr(state, "evidence_storage"):
        state.evidence_storage = evidence_root(state.settings)
    storage: Storage = state.evidence_storage
    return storage


def limiter_for(request: Request) -> BadLinkLimiter:
    state = request.app.state
    if not hasattr(state, "evidence_limiter"):
        section = state.settings.section(EvidenceSettings)
        state.evidence_limiter = BadLinkLimiter(section.link_failures_per_ip)
    limiter: BadLinkLimiter = state.evidence_limiter
    return limiter


def code_limits_for(request: Request) -> CodeLimits:
    state = request.app.state
    if not hasattr(state, "evidence_code_limits"):
        section = state.settings.section(EvidenceSettings)
        state.evidence_code_limits = CodeLimits(
            section.code_failures_per_browser,
            section.code_failures_per_address,
            section.code_failures_in_all,
        )
    limits: CodeLimits = state.evidence_code_limits
    return limits


def abandoned_after(settings: Settings) -> dt.timedelta:
    return dt.timedelta(hours=settings.section(EvidenceSettings).abandoned_hours)
