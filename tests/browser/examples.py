"""An example address for every HTML page, so the browser tests can open it.

HOW TO ADD YOUR PAGE (every GET page must have an entry, or tests/browser fails)
---------------------------------------------------------------------------------
1. Your service's declaration names its page examples module,
   `Service(page_examples=("tests.cad.page_examples",))`. In that module, add an entry to
   `PAGES: dict[str, Example]` (`Example` is in tests/browser/page_example.py), keyed by the
   route's path template exactly as it appears in `app.routes` (the router prefix included),
   e.g. "/evidence/requests/{request_id}".
2. Say who views it: `role=Role.INVESTIGATOR` signs in a fresh user holding that one role;
   `role=None` visits signed out (public pages).
3. If the page shows data, give a `setup(session_factory) -> dict[str, str]` that creates it with
   your service's `service.py` functions, commits, and returns the path parameters; `url` is
   then filled in from them (`url` defaults to the path template itself), e.g.

       def _an_upload_request(session_factory):
           with session_factory() as session:
               request = service.create_request(session, ...)
               session.commit()
               return {"request_id": str(request.id)}

       PAGES["/evidence/requests/{request_id}"] = Example(
           role=Role.INVESTIGATOR, setup=_an_upload_request
       )

   Query strings are fine in `url` ("/records/search?q=AB12"), to show a page with results.
   A page that shows the viewer's own data (an officer's notebook) gives
   `viewer_setup(viewer) -> dict[str, str]` instead: it runs after the viewer has signed in and
   gets a `Viewer` (page_example.py) with their `username`, the `app` under test (its settings
   and keys, e.g. `viewer.app.state.notebook.keyring`) and the `session_factory`.
4. Run `.venv/bin/pytest tests/browser -q -p no:cacheprovider -k <your path>`; each page is
   checked with axe-core (WCAG 2.2 AA), by keyboard alone, and for one h1 / title / unique ids.

A GET route outside /api/ that does not return an HTML page (a file download, a probe) goes in
the module's `NOT_PAGES: dict[str, str]` instead, with the reason. Which routes count as pages
is decided in tests/browser/page_routes.py.
"""

from __future__ import annotations

from synergy.core.roles import Role
from synergy.core.services import resolve
from synergy.services import declared_services
from tests.browser.page_example import Example

__all__ = ["NOT_PAGES", "PAGES", "Example"]

# The platform's own pages (synergy/core/pages.py).
PAGES: dict[str, Example] = {
    "/": Example(role=Role.OFFICER),
    "/api-reference": Example(role=None),
    "/accessibility": Example(role=None),
    "/privacy": Example(role=None),
}

NOT_PAGES: dict[str, str] = {
    "/healthz": "liveness probe for monitoring (JSON)",
    "/readyz": "readiness probe for monitoring (JSON)",
    "/metrics": "Prometheus metrics (plain text)",
}


def _collect() -> None:
    for service in declared_services():
        for reference in service.page_examples:
            module = resolve(reference)
            for path in module.PAGES:
                if path in PAGES:
                    raise ValueError(f"{reference}: {path} already has an example")
            PAGES.update(module.PAGES)
            NOT_PAGES.update(getattr(module, "NOT_PAGES", {}))


_collect()
