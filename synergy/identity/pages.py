"""Sign-in and sign-out pages."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from synergy.core.deps import SESSION_COOKIE, SessionDep, SettingsDep, client_ip
from synergy.core.web import redirect, render
from synergy.identity import service
from synergy.identity.deps import PublicUser
from synergy.identity.service import LoginFailed

router = APIRouter()


def _safe_next(target: str | None) -> str:
    """Only same-site paths, so the sign-in page cannot bounce users to another site."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


@router.get("/login", response_class=HTMLResponse, summary="Sign-in page")
def login_page(request: Request, user: PublicUser, next: str | None = None) -> Response:
    if user is not None:
        return redirect(_safe_next(next))
    return render(request, "identity/login.html", {"title": "Sign in", "next": _safe_next(next)})


@router.post("/login", response_class=HTMLResponse, summary="Sign in")
def login(
    request: Request,
    db: SessionDep,
    settings: SettingsDep,
    _: PublicUser,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    errors = []
    if not username.strip():
        errors.append({"text": "Enter your username", "href": "#username"})
    if not password:
        errors.append({"text": "Enter your password", "href": "#password"})
    context = {"title": "Sign in", "next": _safe_next(next), "username": username}
    if errors:
        return render(
            request, "identity/login.html", {**context, "errors": errors}, status_code=422
        )
    try:
        account = service.authenticate(
            db,
            username=username,
            password=password,
            source_ip=client_ip(request),
            max_failures=settings.login_max_failures,
            lockout=dt.timedelta(minutes=settings.lockout_minutes),
        )
    except LoginFailed as failure:
        # Rendered, not raised: the failure count and audit record must be committed.
        errors = [{"text": failure.message, "href": "#username"}]
        return render(
            request,
            "identity/login.html",
            {**context, "errors": errors},
            status_code=429 if failure.locked else 401,
        )
    token = service.start_session(db, user=account, source_ip=client_ip(request))
    response = redirect(_safe_next(next))
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=settings.behind_tls,
        max_age=settings.session_absolute_hours * 3600,
        path="/",
    )
    return response


@router.post("/logout", summary="Sign out")
def logout(request: Request, db: SessionDep, _: PublicUser) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        service.end_session(db, token=token, source_ip=client_ip(request))
    response = redirect("/login?signed_out=1")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
