"""Identity's request dependencies and how it plugs sign-in into the platform."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI

from synergy.core.config import Settings
from synergy.core.deps import public
from synergy.core.principal import Principal, use_principal_lookup
from synergy.core.roles import Role, parse_roles
from synergy.identity.service import principal_for_token, throttle_limits

PublicUser = Annotated[Principal | None, public("staff sign in here")]
__all__ = ["PublicUser", "plug_in_sign_in", "second_factor_roles", "throttle_limits"]


def second_factor_roles(settings: Settings) -> frozenset[Role]:
    text = settings.second_factor_roles.strip()
    return parse_roles(text) if text else frozenset()


def plug_in_sign_in(app: FastAPI, _settings: Settings) -> None:
    """Start-up hook: signed-in sessions are identity's to look up."""
    use_principal_lookup(app, principal_for_token)
