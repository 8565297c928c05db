"""Short codes typed at /upload: the check of a typed code and the limits on wrong ones.

The code itself is made and read in `tokens.py`; a correct code opens the same request a link
does, under the same rules (`service.check_usable`).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.core.config import Settings
from synergy.core.errors import NotFound
from synergy.evidence import tokens
from synergy.evidence.models import UploadRequest
from synergy.evidence.service import BadLinkLimiter, check_usable


class CodeLimits:
    """Wrong short codes allowed in a sliding window: per browser, per address, and in all.

    A code is short enough to guess, so guesses are limited in all three ways; the per-address
    limit is higher than the per-browser one so that one person mistyping behind a shared
    address does not lock the others out, and whoever is locked out can still use the link
    from their message, which is never limited this way."""

    def __init__(self, per_browser: int, per_address: int, in_all: int) -> None:
        self.browsers = BadLinkLimiter(per_browser)
        self.addresses = BadLinkLimiter(per_address)
        self.everyone = BadLinkLimiter(in_all)

    def _each(self, browser: str, address: str) -> list[tuple[BadLinkLimiter, str]]:
        return [(self.browsers, browser), (self.addresses, address), (self.everyone, "all")]

    def check(self, browser: str, address: str) -> None:
        for limiter, key in self._each(browser, address):
            limiter.check(
                key,
                "Too many codes that do not work. Use the link in your "
                "message, or wait 10 minutes and try again.",
            )

    def failed(self, browser: str, address: str) -> None:
        for limiter, key in self._each(browser, address):
            limiter.failed(key)


class CodeInvalid(NotFound):
    title = "That code is not right"


def request_for_code(
    session: Session,
    *,
    settings: Settings,
    code_text: str,
    limits: CodeLimits,
    browser: str,
    source_ip: str | None,
) -> UploadRequest:
    """The request a short code opens, if it still may be used; typed errors otherwise."""
    address = source_ip or "-"
    limits.check(browser, address)
    code = tokens.read_short_code(code_text)
    found = None
    if code is not None:
        digest = tokens.short_code_digest(settings.secret(), code)
        found = session.execute(
            select(UploadRequest).where(UploadRequest.short_code_digest == digest)
        ).scalar_one_or_none()
    if found is None:
        limits.failed(browser, address)
        raise CodeInvalid(
            "Check the code with the message or the person who gave it to you. It has "
            f"{tokens.CODE_LENGTH} letters and numbers.",
            field="code",
        )
    check_usable(found)
    return found
