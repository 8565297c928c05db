"""The web application factory: `create_app(settings)` wires the core and the installed
services (synergy/services.py), each through its declaration."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

from synergy.core.config import ConfigError, Settings
from synergy.core.db import engine_for, ensure_migrated, make_session_factory
from synergy.core.deps import verify_csrf
from synergy.core.observability import Metrics, RequestContextMiddleware, configure_logging
from synergy.core.pages import router as platform_pages
from synergy.core.services import Service
from synergy.core.web import SecurityHeadersMiddleware, install_error_handlers, template_environment
from synergy.services import declared_services

STATIC_DIR = Path(__file__).resolve().parent / "core" / "static"


def _frontend_dist(settings: Settings) -> Path:
    dist = settings.frontend_dir / "govuk-frontend" / "dist" / "govuk"
    if not (dist / "govuk-frontend.min.css").exists():
        raise ConfigError(
            f"SYNERGY_FRONTEND_DIR: GOV.UK Frontend is not installed under {settings.frontend_dir} "
            "(run `npm ci` in the project folder, or point SYNERGY_FRONTEND_DIR at node_modules)"
        )
    return dist


def create_app(
    settings: Settings,
    *,
    engine: Engine | None = None,
    check_schema: bool = True,
    services: Sequence[Service] | None = None,
) -> FastAPI:
    """The web app with the given services (default: every installed one)."""
    if services is None:
        services = declared_services()
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
    app.state.services = [service.tile for service in services if service.tile is not None]
    app.state.metrics = Metrics()
    install_error_handlers(app)
    app.mount("/assets", StaticFiles(directory=dist / "assets"), name="govuk-assets")
    app.mount("/static/govuk", StaticFiles(directory=dist), name="govuk-frontend")
    app.mount("/static/synergy", StaticFiles(directory=STATIC_DIR), name="synergy-static")
    app.include_router(platform_pages)
    for service in services:
        for router in service.load_routers():
            app.include_router(router)
    for service in services:
        service.run_startup(app, settings)
    app.add_middleware(SecurityHeadersMiddleware, settings=settings)
    app.add_middleware(RequestContextMiddleware, metrics=app.state.metrics)
    return app


def import_all_models(services: Sequence[Service] | None = None) -> None:
    """Load every table definition so migrations and tests see the whole schema."""
    importlib.import_module("synergy.core.audit")
    importlib.import_module("synergy.core.events")
    if services is None:
        services = declared_services()
    for service in services:
        service.load_models()
