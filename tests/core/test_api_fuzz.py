"""Every JSON route, fuzzed from the OpenAPI description (schemathesis on Hypothesis): whatever
a client sends, no answer is a 500.

Requests are made as a member of staff holding every role (so the checks behind sign-in are
reached) with a valid CSRF token, and as nobody. Each operation gets a bounded number of
examples so the run fits in CI.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from synergy.core.deps import BROWSER_COOKIE, SESSION_COOKIE
from synergy.core.roles import Role
from synergy.core.security import csrf_token_for
from tests.browser.conftest import start_staff_session
from tests.conftest import TEST_SECRET

EXAMPLES_PER_OPERATION = 20
BROWSER_ID = "fuzzing-browser-0123456789"


@pytest.fixture
def staff_headers(session_factory) -> dict[str, str]:  # type: ignore[no-untyped-def]
    token = start_staff_session(session_factory, *Role)
    return {
        "Cookie": f"{SESSION_COOKIE}={token}; {BROWSER_COOKIE}={BROWSER_ID}",
        "X-CSRF-Token": csrf_token_for(TEST_SECRET.encode(), BROWSER_ID, token),
    }


def test_no_json_route_answers_500(app, staff_headers) -> None:  # type: ignore[no-untyped-def]
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app).include(path_regex="^/api/")
    failures: list[str] = []
    checked = 0
    # Unsafe staff requests that got past the CSRF check: none would mean the fuzzing never
    # reached the code behind it.
    past_csrf = [0]
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def no_500(case) -> None:  # type: ignore[no-untyped-def]
            for headers in (staff_headers, {}):
                try:
                    response = case.call(headers=headers)
                except Exception as crash:  # the app raised: a 500 in production
                    raise AssertionError(
                        f"{case.method} {case.formatted_path} crashed on {case.body!r:.200}: "
                        f"{crash!r:.200}"
                    ) from None
                if headers is staff_headers and case.method != "GET":
                    past_csrf[0] += response.status_code != 403
                assert response.status_code < 500, (
                    f"{case.method} {case.formatted_path} answered {response.status_code} to "
                    f"{case.body!r:.200}: {response.text[:200]}"
                )

        try:
            no_500()
        except Exception as failure:  # noqa: BLE001 - every kind of failure is listed
            found = getattr(failure, "exceptions", [failure])
            failures.extend(str(each).splitlines()[0] for each in found)
        checked += 1
    assert checked >= 10, "the OpenAPI description lists too few JSON routes"
    assert past_csrf[0] > 0, "every unsafe staff request was refused by the CSRF check"
    assert not failures, "\n".join(failures)
