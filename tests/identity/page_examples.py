"""Page examples for the browser tests (see tests/browser/examples.py)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session, sessionmaker

from synergy.core.db import utcnow
from synergy.core.roles import Role
from synergy.identity import second_factor, service
from tests.browser.page_example import Example
from tests.conftest import TEST_PASSWORD, TEST_SECRET


def _half_signed_in(enrolled: bool):  # type: ignore[no-untyped-def]
    """A supervisor who has given the right password and is at the code step."""

    def cookies(session_factory: sessionmaker[Session]) -> Mapping[str, tuple[str, str]]:
        with session_factory() as session:
            user = service.create_user(
                session,
                username=f"code-step-{utcnow().timestamp():.0f}-{int(enrolled)}",
                display_name="Robin Code",
                password=TEST_PASSWORD,
                roles=frozenset({Role.SUPERVISOR}),
            )
            if enrolled:
                second_factor.start_enrolment(user, secret_key=TEST_SECRET.encode())
                user.totp_confirmed_at = utcnow()
            token = service.pending_sign_in_token(user, secret_key=TEST_SECRET.encode())
            session.commit()
        return {"synergy_sign_in": ("/login", token)}

    return cookies


PAGES: dict[str, Example] = {
    "/login": Example(role=None),
    "/login/code": Example(role=None, cookies=_half_signed_in(enrolled=True)),
    "/login/set-up-code": Example(role=None, cookies=_half_signed_in(enrolled=False)),
}
