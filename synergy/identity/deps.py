"""Identity's request dependencies and how it plugs sign-in into the platform."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import FastAPI

from synergy.core.config import Settings
from synergy.core.deps import public
from synergy.core.principal import Principal, use_principal_lookup
from synergy.core.roles import Role, parse_roles
from synergy.identity.service import principal_for_token
from synergy.identity.throttle import ThrottleLimits

PublicUser = Annotated[Principal | None, public("staff sign in here")]


def throttle_limits(settings: Settings) -> ThrottleLimits:
    return ThrottleLimits(
        window=dt.timedelta(minutes=settings.lockout_minutes),
        per_account_and_address=settings.login_max_failures,
        per_address=settings.login_max_failures_per_address,
        per_account=settings.login_max_failures_per_account,
    )


def second_factor_roles(settings: Settings) -> frozenset[Role]:
    text = settings.second_factor_roles.strip()
    return parse_roles(text) if text else frozenset()


def plug_in_sign_in(app: FastAPI, _settings: Settings) -> None:
    """Start-up hook: signed-in sessions are identity's to look up."""
    use_principal_lookup(app, principal_for_token)
