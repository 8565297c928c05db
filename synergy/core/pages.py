"""Platform pages: home, health and readiness, metrics, API reference, statements."""

from __future__ import annotations

import ipaddress
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.routing import APIRoute
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from synergy.core.db import head_revisions, revisions_on
from synergy.core.deps import Access, SessionDep, SettingsDep, Staff, client_ip, public
from synergy.core.errors import Forbidden
from synergy.core.principal import Principal
from synergy.core.routing import iter_api_routes
from synergy.core.web import render

router = APIRouter()


@router.get("/", response_class=HTMLResponse, summary="Home: the services your roles allow")
def home(request: Request, db: SessionDep, settings: SettingsDep, user: Staff) -> Response:
    available = [s for s in request.app.state.services if s.open_to(user.roles)]
    notices = {s.url: s.load_notices(db, settings) for s in available}
    roles = sorted(user.roles, key=lambda r: r.value)
    return render(
        request,
        "home.html",
        {"title": "Your services", "available": available, "notices": notices, "roles": roles},
    )


@router.get("/healthz", summary="Liveness: the process is up")
def healthz(_: Annotated[Principal | None, public("monitoring probe")]) -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="Readiness: the database answers and is migrated")
def readyz(
    request: Request, db: SessionDep, _: Annotated[Principal | None, public("monitoring probe")]
) -> Response:
    try:
        db.execute(text("SELECT 1"))
        # The request's own connection: a second one would wait on SQLite's write lock.
        migrated = set(revisions_on(db.connection())) == set(head_revisions())
    except Exception as exc:  # readiness reports the failure rather than raising it
        return JSONResponse({"status": "unavailable", "detail": type(exc).__name__}, 503)
    if not migrated:
        return JSONResponse({"status": "unavailable", "detail": "database not migrated"}, 503)
    return JSONResponse({"status": "ready"})


@router.get("/metrics", summary="Prometheus metrics (monitoring addresses only)")
def metrics(
    request: Request,
    settings: SettingsDep,
    _: Annotated[Principal | None, public("scraped by monitoring from allowed addresses")],
) -> Response:
    address = client_ip(request) or ""
    try:
        allowed = any(
            ipaddress.ip_address(address) in ipaddress.ip_network(net.strip(), strict=False)
            for net in settings.metrics_allow.split(",")
            if net.strip()
        )
    except ValueError:
        allowed = False
    if not allowed:
        raise Forbidden("Metrics are only served to monitoring addresses")
    return Response(
        generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST
    )


def _access_of(route: APIRoute) -> str:
    for dependency in route.dependant.dependencies:
        if isinstance(dependency.call, Access):
            if dependency.call.public:
                return "Anyone"
            return ", ".join(sorted(r.label for r in dependency.call.roles))
    return "Anyone"


def _endpoints(request: Request) -> list[dict[str, Any]]:
    rows = []
    for route in iter_api_routes(request.app):
        if route.path.startswith("/api/"):
            for method in sorted(route.methods or ()):
                rows.append(
                    {
                        "method": method,
                        "path": route.path,
                        "summary": route.summary or route.name,
                        "access": _access_of(route),
                    }
                )
    return sorted(rows, key=lambda r: (r["path"], r["method"]))


@router.get("/api-reference", response_class=HTMLResponse, summary="API reference page")
def api_reference(
    request: Request, _: Annotated[Principal | None, public("documentation")]
) -> Response:
    return render(
        request, "api_reference.html", {"title": "API reference", "endpoints": _endpoints(request)}
    )


@router.get("/accessibility", response_class=HTMLResponse, summary="Accessibility statement")
def accessibility(
    request: Request, _: Annotated[Principal | None, public("statement for everyone")]
) -> Response:
    return render(request, "accessibility.html", {"title": "Accessibility statement"})


@router.get("/privacy", response_class=HTMLResponse, summary="Privacy notice")
def privacy(
    request: Request, _: Annotated[Principal | None, public("notice for everyone")]
) -> Response:
    return render(request, "privacy.html", {"title": "Privacy notice"})
