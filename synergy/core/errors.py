"""Errors as types. Each maps to one HTTP status and a plain-English message, in one place
(`synergy.core.web.install_error_handlers`), as a JSON body or a GOV.UK error page."""

from __future__ import annotations


class SynergyError(Exception):
    """Base for errors a user may see. `message` is safe to show; never put secrets in it."""

    status_code = 400
    title = "There is a problem"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidRequest(SynergyError):
    status_code = 422
    title = "Check what you entered"


class NotAuthenticated(SynergyError):
    status_code = 401
    title = "Sign in to continue"


class Forbidden(SynergyError):
    status_code = 403
    title = "You do not have access to this page"


class NotFound(SynergyError):
    status_code = 404
    title = "Page not found"


class Conflict(SynergyError):
    status_code = 409
    title = "This has changed since you looked at it"


class Gone(SynergyError):
    status_code = 410
    title = "This link can no longer be used"


class TooManyRequests(SynergyError):
    status_code = 429
    title = "Too many attempts"


class ServiceUnavailable(SynergyError):
    status_code = 503
    title = "Sorry, the service is unavailable"


class CsrfRejected(SynergyError):
    status_code = 403
    title = "Your form could not be sent"
