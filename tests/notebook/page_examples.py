"""Page examples for the browser tests (see tests/browser/examples.py).

An entry page shows an entry of the signed-in officer's own notebook, so its example is a
`viewer_setup`: it runs once the officer has signed in, and writes under the keys of the app
under test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from synergy.core.db import utcnow
from synergy.core.roles import Role
from synergy.notebook import service, subjects
from tests.browser.page_example import Example, Viewer


def _an_entry(viewer: Viewer) -> Mapping[str, str]:
    officer, keyring = viewer.username, viewer.app.state.notebook.keyring
    content = service.content_from(
        {
            "text": "Spoke to Jan KOWALSKI born 27/03/1990 at B3 2BS. Call 0121 626 5000.",
            "sketch": {
                "description": "Junction plan: car came from the north",
                "drawing": {"width": 600, "height": 300, "strokes": [[[10, 10], [200, 150]]]},
            },
            "signatures": [{"role": "witness", "name": "Mary Jones"}],
        }
    )
    with viewer.session_factory() as session:
        entry = service.add_entry(
            session, keyring, officer=officer, content=content,
            device_time=utcnow() - dt.timedelta(minutes=2),
        )  # fmt: skip
        service.correct_entry(
            session, keyring, officer=officer, seq=entry.seq, text="Born 27/03/1991",
            reason="Year misheard", device_time=utcnow(),
        )  # fmt: skip
        session.commit()
        return {"seq": str(entry.seq)}


def _a_vehicle_and_place(viewer: Viewer) -> Mapping[str, str]:
    seq = int(_an_entry(viewer)["seq"])
    with viewer.session_factory() as session:
        vehicle = subjects.send_vehicle(
            session, officer=viewer.username, seq=seq, registration="AB12 CDE", make="Ford",
            colour="Red",
        )  # fmt: skip
        place = subjects.send_place(
            session, officer=viewer.username, seq=seq, address="14 High Street, Birmingham",
            postcode="B3 2BS",
        )  # fmt: skip
        session.commit()
        return {"vehicle_id": str(vehicle.id), "place_id": str(place.id)}


PAGES: dict[str, Example] = {
    "/notebook": Example(role=Role.OFFICER, viewer_setup=_an_entry),
    "/notebook/entries/{seq}": Example(role=Role.OFFICER, viewer_setup=_an_entry),
    "/notebook/entries/{seq}/records": Example(role=Role.OFFICER, viewer_setup=_an_entry),
    "/notebook/extract": Example(role=Role.OFFICER, viewer_setup=_an_entry),
    "/notebook/schedule": Example(role=Role.OFFICER, viewer_setup=_an_entry),
    "/notebook/offline": Example(role=Role.OFFICER),
    "/notebook/vehicles/{vehicle_id}": Example(
        role=Role.OFFICER, viewer_setup=_a_vehicle_and_place
    ),
    "/notebook/places/{place_id}": Example(role=Role.OFFICER, viewer_setup=_a_vehicle_and_place),
    "/notebook/lookup": Example(
        role=Role.OFFICER, url="/notebook/lookup?q=B3", viewer_setup=_a_vehicle_and_place
    ),
    "/notebook/officers/{officer}": Example(
        role=Role.SUPERVISOR, url="/notebook/officers/alex.morgan"
    ),
}

NOT_PAGES: dict[str, str] = {
    "/notebook/officer": "redirects a supervisor to the notebook they asked for",
    "/notebook/assets/{name}": "the notebook's script and styles",
    "/notebook/sw.js": "the offline notebook's service worker (JavaScript)",
    "/notebook/manifest.webmanifest": "the offline notebook's web app manifest (JSON)",
}
