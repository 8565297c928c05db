"""Request dependencies: the database session, the signed-in user, role checks, CSRF and the
form readers.

Every route declares who may use it with `allow(...)` (staff roles) or `public(...)` (pages
meant for the public); an architecture test walks `app.routes` and refuses any route without
one. The request's database session commits once the route returns and rolls back if it
raises, before the response is sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Path, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from synergy.core.config import Settings
from synergy.core.db import end_transaction
from synergy.core.errors import CsrfRejected, Forbidden, NotAuthenticated
from synergy.core.principal import Principal, SessionLimits, principal_lookup
from synergy.core.roles import ALL_ROLES, Role
from synergy.core.security import csrf_token_for, signatures_match

SESSION_COOKIE = "synergy_session"
BROWSER_COOKIE = "synergy_browser"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


# Dependencies that never wait on anything are `async`: FastAPI runs a plain `def` dependency
# on a worker thread, and each such hop costs every request CPU time and a wait for the GIL.
async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_db(request: Request) -> AsyncIterator[Session]:
    """The request's unit of work: committed once the route returns, rolled back if it raises.
    Making the session touches no database (it connects when first used), so only the end of
    the unit of work, which does, goes to a worker thread."""
    session = request.app.state.session_factory()
    try:
        yield session
    except BaseException:
        await run_in_threadpool(end_transaction, session, commit=False)
        raise
    await run_in_threadpool(end_transaction, session, commit=True)


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_db, scope="function")]


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def _signed_in_user(request: Request, db: Session, settings: Settings) -> Principal | None:
    token = request.cookies.get(SESSION_COOKIE)
    lookup = principal_lookup(request.app)
    if not token or len(token) > 200 or lookup is None:
        return None
    limits = SessionLimits(
        idle=dt.timedelta(minutes=settings.session_idle_minutes),
        absolute=dt.timedelta(hours=settings.session_absolute_hours),
    )
    return lookup(db, token, limits)


class Access:
    """A route's access rule. Use `allow(Role.X, ...)` or `public("why")`, never directly."""

    def __init__(self, roles: frozenset[Role], *, public: bool, reason: str = "") -> None:
        self.roles = roles
        self.public = public
        self.reason = reason

    def __repr__(self) -> str:
        if self.public:
            return f"public({self.reason!r})"
        return f"allow({', '.join(sorted(r.value for r in self.roles))})"

    async def __call__(
        self, request: Request, db: SessionDep, settings: SettingsDep
    ) -> Principal | None:
        # Only a request with a session cookie reads the database (on a worker thread, as a
        # plain dependency would): a member of the public's request needs no thread at all.
        user = None
        if request.cookies.get(SESSION_COOKIE):
            user = await run_in_threadpool(_signed_in_user, request, db, settings)
        request.state.user = user
        if self.public:
            return user
        if user is None:
            raise NotAuthenticated("Sign in to use this page")
        if not user.has_any(self.roles):
            raise Forbidden("Your account does not have a role that may use this page")
        return user


def allow(*roles: Role) -> Any:
    """Dependency: only signed-in users holding at least one of `roles`."""
    if not roles:
        raise ValueError("name at least one role; use public() for public pages")
    return Depends(Access(frozenset(roles), public=False))


def signed_in() -> Any:
    """Dependency: any signed-in member of staff, whatever their role."""
    return Depends(Access(ALL_ROLES, public=False))


def public(reason: str) -> Any:
    """Dependency: open to everyone (members of the public); say why."""
    return Depends(Access(frozenset(), public=True, reason=reason))


Staff = Annotated[Principal, signed_in()]


async def form_fields(request: Request) -> dict[str, str]:
    """A submitted form's text fields. Read in this dependency so that routes can stay
    synchronous: their database work must not run on the event loop."""
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


FormFields = Annotated[dict[str, str], Depends(form_fields)]


async def form_with_files(request: Request) -> AsyncIterator[FormData]:
    """A submitted form with its uploaded files, closed once the request is over so that no
    upload's temporary file is left open."""
    form = await request.form()
    try:
        yield form
    finally:
        await form.close()


FormWithFiles = Annotated[FormData, Depends(form_with_files)]

# Database ids in URLs: bounded so that junk like 99999999999999999999 is a 422, not a 500.
MAX_ID = 2_147_483_647
RecordId = Annotated[int, Path(ge=1, le=MAX_ID)]

F = TypeVar("F", bound=Callable[..., Any])


def csrf_exempt(endpoint: F) -> F:
    """For endpoints that machines call with their own credentials (never browser cookies)."""
    endpoint.__csrf_exempt__ = True  # type: ignore[attr-defined]
    return endpoint


def csrf_token(request: Request) -> str:
    browser_id = getattr(request.state, "browser_id", "")
    session_token = request.cookies.get(SESSION_COOKIE, "")
    return csrf_token_for(request.app.state.settings.secret(), browser_id, session_token)


async def verify_csrf(request: Request) -> None:
    """Refuse unsafe requests that do not carry this browser's CSRF token."""
    if request.method not in UNSAFE_METHODS:
        return
    endpoint = request.scope.get("endpoint")
    if endpoint is not None and getattr(endpoint, "__csrf_exempt__", False):
        return
    given = request.headers.get(CSRF_HEADER, "")
    content_type = request.headers.get("content-type", "")
    if not given and content_type.startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        given = value if isinstance(value, str) else ""
    browser_id = request.cookies.get(BROWSER_COOKIE, "")
    session_token = request.cookies.get(SESSION_COOKIE, "")
    expected = csrf_token_for(request.app.state.settings.secret(), browser_id, session_token)
    if not browser_id or not given or not signatures_match(expected, given):
        raise CsrfRejected(
            "This form has expired or did not come from this site. Go back, reload the page "
            "and try again."
        )
