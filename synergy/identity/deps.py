"""Identity's request dependencies and how it plugs sign-in into the platform."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI

from synergy.core.config import Settings
from synergy.core.deps import public
from synergy.core.principal import Principal, use_principal_lookup
from synergy.identity.service import principal_for_token

PublicUser = Annotated[Principal | None, public("staff sign in here")]


def plug_in_sign_in(app: FastAPI, _settings: Settings) -> None:
    """Start-up hook: signed-in sessions are identity's to look up."""
    use_principal_lookup(app, principal_for_token)
