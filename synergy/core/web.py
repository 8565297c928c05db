"""Server-rendered pages: templates (GOV.UK Frontend macros), security headers, error pages.

Errors are mapped to a status and a plain-English message here and only here: JSON for
`/api/` routes, a GOV.UK error page for everything else.
"""

from __future__ import annotations

import logging
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
    select_autoescape,
)
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from synergy.core import formatting
from synergy.core.brand import BrandSettings
from synergy.core.config import Settings
from synergy.core.deps import BROWSER_COOKIE, csrf_token
from synergy.core.errors import NotAuthenticated, SynergyError
from synergy.core.security import new_token, security_headers

log = logging.getLogger(__name__)
PACKAGE_ROOT = Path(__file__).resolve().parent.parent
SERVICE_NAME = "Synergy"


def template_environment() -> Environment:
    """Our templates (core and each service's `templates/`), then GOV.UK Frontend's macros."""
    folders = [str(PACKAGE_ROOT / "core" / "templates")]
    folders += sorted(str(p) for p in PACKAGE_ROOT.glob("*/templates") if p.parent.name != "core")
    env = Environment(
        loader=ChoiceLoader(
            [
                FileSystemLoader(folders),
                PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
            ]
        ),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        date_text=formatting.date_text,
        datetime_text=formatting.datetime_text,
        time_text=formatting.time_text,
        country_name=formatting.country_name,
    )
    env.globals.update(counted=formatting.counted, country_options=formatting.country_options)
    return env


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path in {"/healthz", "/readyz"}


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
) -> HTMLResponse:
    env: Environment = request.app.state.templates
    values = {
        "request": request,
        "user": getattr(request.state, "user", None),
        "csrf_token": csrf_token(request),
        "cspNonce": getattr(request.state, "csp_nonce", ""),
        "service_name": SERVICE_NAME,
        "brand": request.app.state.settings.section(BrandSettings),
        "services": request.app.state.services,
    }
    values.update(context or {})
    html = env.get_template(template).render(values)
    return HTMLResponse(html, status_code=status_code)


def redirect(url: str) -> RedirectResponse:
    """Redirect after POST: the browser follows with GET."""
    return RedirectResponse(url, status_code=303)


class SecurityHeadersMiddleware:
    """CSP with a per-request nonce, frame denial, HSTS behind TLS, and the CSRF browser cookie."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.behind_tls = settings.behind_tls

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(16)
        state = scope.setdefault("state", {})
        state["csp_nonce"] = nonce
        cookies = _cookie_header(scope)
        browser_id = cookies.get(BROWSER_COOKIE, "")
        new_browser = not (16 <= len(browser_id) <= 100)
        if new_browser:
            browser_id = new_token(24)
        state["browser_id"] = browser_id
        headers = security_headers(nonce=nonce, behind_tls=self.behind_tls)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", []))
                present = {name.lower() for name, _ in raw}
                for name, value in headers.items():
                    if name.lower().encode() not in present:
                        raw.append((name.encode(), value.encode()))
                if new_browser:
                    raw.append((b"set-cookie", self._browser_cookie(browser_id).encode()))
                message["headers"] = raw
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _browser_cookie(self, value: str) -> str:
        secure = "; Secure" if self.behind_tls else ""
        return f"{BROWSER_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax{secure}"


def _cookie_header(scope: Scope) -> dict[str, str]:
    from http.cookies import SimpleCookie

    raw = b"; ".join(v for k, v in scope.get("headers", []) if k == b"cookie").decode("latin-1")
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:  # a malformed Cookie header is the client's problem: treat as no cookies
        return {}
    return {key: morsel.value for key, morsel in jar.items()}


def _error_response(
    request: Request, status: int, title: str, message: str, field: str | None = None
) -> Response:
    if wants_json(request):
        body: dict[str, Any] = {"error": title, "detail": message}
        if field:
            body["field"] = field
        return JSONResponse(body, status_code=status)
    return render(
        request,
        "error.html",
        {"title": title, "message": message, "status": status},
        status_code=status,
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(SynergyError)
    async def synergy_error(request: Request, exc: SynergyError) -> Response:
        if isinstance(exc, NotAuthenticated) and not wants_json(request):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return redirect(f"/login?next={quote(target, safe='')}")
        return _error_response(request, exc.status_code, exc.title, exc.message, exc.field)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for item in exc.errors():
            where = ".".join(
                str(p) for p in item.get("loc", ()) if p not in ("body", "query", "path")
            )
            problems.append(f"{where or 'request'}: {item.get('msg', 'invalid')}")
        if wants_json(request):
            return JSONResponse(
                {"error": "Check what you sent", "detail": problems}, status_code=422
            )
        return _error_response(request, 422, "Check what you entered", "; ".join(problems))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        titles = {404: "Page not found", 405: "That action is not allowed here"}
        title = titles.get(exc.status_code, "There is a problem")
        message = {
            404: "If you typed the web address, check it is correct.",
            405: "Go back to the previous page and try again.",
        }.get(exc.status_code, str(exc.detail))
        response = _error_response(request, exc.status_code, title, message)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> Response:
        # Logged in full (a bug to fix), shown to the user as a plain 500 page, never hidden.
        # The route's template, not the raw path: paths carry tokens.
        route = getattr(request.scope.get("route"), "path", "(no route)")
        log.exception("unhandled error on %s %s", request.method, route)
        return _error_response(
            request,
            500,
            "Sorry, there is a problem with the service",
            "Try again later. The problem has been logged.",
        )
