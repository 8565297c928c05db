"""Sign-in and sign-out pages."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from synergy.core.body_limits import SMALL_PUBLIC_FORM
from synergy.core.config import Settings
from synergy.core.deps import BROWSER_COOKIE, SESSION_COOKIE, SessionDep, SettingsDep, client_ip
from synergy.core.errors import NotAuthenticated
from synergy.core.security import new_token
from synergy.core.web import redirect, render
from synergy.identity import second_factor, service
from synergy.identity.deps import PublicUser, second_factor_roles, throttle_limits
from synergy.identity.models import User
from synergy.identity.service import LoginFailed

PENDING_COOKIE = "synergy_sign_in"

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


@router.post(
    "/login",
    response_class=HTMLResponse,
    summary="Sign in",
    max_body_size=SMALL_PUBLIC_FORM,
)
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
            limits=throttle_limits(settings),
        )
    except LoginFailed as failure:
        # Rendered, not raised: the failure count and audit record must be committed.
        errors = [{"text": failure.message, "href": "#username"}]
        return render(
            request,
            "identity/login.html",
            {**context, "errors": errors},
            status_code=429 if failure.throttled else 401,
        )
    step = service.second_factor_step(account, required_roles=second_factor_roles(settings))
    if step is None:
        return _signed_in(request, db, settings, account, next)
    pending = service.pending_sign_in_token(account, secret_key=settings.secret())
    target = "/login/code" if step == "code" else "/login/set-up-code"
    response = redirect(f"{target}?{urlencode({'next': _safe_next(next)})}")
    response.set_cookie(
        PENDING_COOKIE,
        pending,
        httponly=True,
        samesite="lax",
        secure=settings.behind_tls,
        max_age=service.PENDING_SECONDS,
        path="/login",
    )
    return response


def _signed_in(
    request: Request, db: Session, settings: Settings, account: User, next: str
) -> Response:
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
    response.delete_cookie(PENDING_COOKIE, path="/login")
    # A new browser id at sign-in renews the CSRF token: none from before sign-in still works.
    response.set_cookie(
        BROWSER_COOKIE, new_token(24), httponly=True, samesite="lax", secure=settings.behind_tls
    )
    return response


def _pending_user(request: Request, db: Session, settings: Settings) -> User:
    token = request.cookies.get(PENDING_COOKIE, "")
    account = service.user_for_pending_sign_in(db, token[:200], secret_key=settings.secret())
    if account is None:
        raise NotAuthenticated("Your sign-in has expired. Sign in again with your password")
    return account


def _code_page(
    request: Request,
    account: User,
    settings: Settings,
    next: str,
    *,
    action: str,
    error: str | None = None,
) -> Response:
    context: dict[str, object] = {"next": _safe_next(next), "action": action}
    if error:
        context["errors"] = [{"text": error, "href": "#code"}]
    if second_factor.is_enrolled(account):
        template = "identity/code.html"
        context["title"] = "Enter the code from your authenticator app"
    else:
        template = "identity/set_up_code.html"
        context["title"] = "Set up your authenticator app"
        secret = second_factor.pending_secret(account, secret_key=settings.secret())
        if secret is None:
            secret = second_factor.start_enrolment(account, secret_key=settings.secret())
        uri, svg = second_factor.provisioning(account, secret)
        context.update({"secret": second_factor.grouped(secret), "uri": uri, "qr_svg": svg})
    status = 429 if error and error.startswith("Too many") else 401 if error else 200
    return render(request, template, context, status_code=status)


@router.get("/login/code", response_class=HTMLResponse, summary="Sign-in: code from the app")
@router.get("/login/set-up-code", response_class=HTMLResponse, summary="Sign-in: set up the app")
def code_page(
    request: Request, db: SessionDep, settings: SettingsDep, _: PublicUser, next: str = "/"
) -> Response:
    account = _pending_user(request, db, settings)
    return _code_page(request, account, settings, next, action=request.url.path)


@router.post("/login/code", response_class=HTMLResponse, summary="Sign in with the code")
@router.post("/login/set-up-code", response_class=HTMLResponse, summary="Confirm the app")
def enter_code(
    request: Request,
    db: SessionDep,
    settings: SettingsDep,
    _: PublicUser,
    code: Annotated[str, Form(max_length=20)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    account = _pending_user(request, db, settings)
    try:
        service.check_second_factor(
            db,
            user=account,
            code=code,
            secret_key=settings.secret(),
            source_ip=client_ip(request),
            limits=throttle_limits(settings),
        )
    except LoginFailed as failure:
        return _code_page(
            request, account, settings, next, action=request.url.path, error=failure.message
        )
    return _signed_in(request, db, settings, account, next)


@router.post("/logout", summary="Sign out")
def logout(request: Request, db: SessionDep, _: PublicUser) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        service.end_session(db, token=token, source_ip=client_ip(request))
    response = redirect("/login?signed_out=1")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
