"""The web application factory: `create_app(settings)` wires the core and every service."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

from synergy.core.config import ConfigError, Settings
from synergy.core.db import engine_for, ensure_migrated, make_session_factory
from synergy.core.deps import verify_csrf
from synergy.core.observability import Metrics, RequestContextMiddleware, configure_logging
from synergy.core.services import ServiceInfo
from synergy.core.web import SecurityHeadersMiddleware, install_error_handlers, template_environment

# Adding a service is one line here; each package may have `pages.py` and `routes.py`
# (each with a `router`) and a `SERVICE` description in its `__init__.py`.
SERVICE_PACKAGES = (
    "core",
    "identity",
    "admin",
    "evidence",
    "records",
    "acro",
    "contact",
    "contact.voice",
    "cad",
    "cad.partner",
)

STATIC_DIR = Path(__file__).resolve().parent / "core" / "static"


def _optional_module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise


def service_infos() -> list[ServiceInfo]:
    infos = []
    for package in SERVICE_PACKAGES:
        module = importlib.import_module(f"synergy.{package}")
        info = getattr(module, "SERVICE", None)
        if info is not None:
            infos.append(info)
    return infos


def _frontend_dist(settings: Settings) -> Path:
    dist = settings.frontend_dir / "govuk-frontend" / "dist" / "govuk"
    if not (dist / "govuk-frontend.min.css").exists():
        raise ConfigError(
            f"SYNERGY_FRONTEND_DIR: GOV.UK Frontend is not installed under {settings.frontend_dir} "
            "(run `npm ci` in the project folder, or point SYNERGY_FRONTEND_DIR at node_modules)"
        )
    return dist


def create_app(
    settings: Settings, *, engine: Engine | None = None, check_schema: bool = True
) -> FastAPI:
    configure_logging(settings)
    engine = engine or engine_for(settings)
    if check_schema:
        ensure_migrated(engine)
    dist = _frontend_dist(settings)
    app = FastAPI(
        title="Synergy",
        description="Digital services for officers, staff and the public",
        version="0.1.0",
        debug=False,
        dependencies=[Depends(verify_csrf)],
        docs_url=None,  # the accessible /api-reference page replaces Swagger UI
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    app.state.templates = template_environment()
    app.state.services = service_infos()
    app.state.metrics = Metrics()
    install_error_handlers(app)
    app.mount("/assets", StaticFiles(directory=dist / "assets"), name="govuk-assets")
    app.mount("/static/govuk", StaticFiles(directory=dist), name="govuk-frontend")
    app.mount("/static/synergy", StaticFiles(directory=STATIC_DIR), name="synergy-static")
    for package in SERVICE_PACKAGES:
        for part in ("pages", "routes"):
            module = _optional_module(f"synergy.{package}.{part}")
            if module is not None:
                app.include_router(module.router)
    app.add_middleware(SecurityHeadersMiddleware, settings=settings)
    app.add_middleware(RequestContextMiddleware, metrics=app.state.metrics)
    return app


def import_all_models() -> None:
    """Load every table definition so migrations and tests see the whole schema."""
    importlib.import_module("synergy.core.audit")
    importlib.import_module("synergy.core.events")
    for package in SERVICE_PACKAGES:
        _optional_module(f"synergy.{package}.models")
