"""Demo content: a few entries in PC Olu Officer's notebook (user `officer`), one of them
corrected, so the notebook, an entry, an extract and the MG6C schedule have something to show."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from synergy.core.db import utcnow
from synergy.core.services import DemoContext
from synergy.notebook import service
from synergy.notebook.deps import context_for

OFFICER = "officer"
ENTRIES: list[dict[str, Any]] = [
    {
        "text": "Attended collision at Colmore Row and Church Street, B3 2BS. Driver of red "
        "Ford AB12 CDE, Daniel WALKER born 14/03/1991. Witness on 0121 626 5000.",
        "sketch": {
            "description": "Junction plan: the Ford came from the north and struck the kerb",
            "drawing": {
                "width": 600,
                "height": 300,
                "strokes": [[[50, 150], [550, 150]], [[300, 20], [300, 280]]],
            },
        },
    },
    {
        "text": "Witness account read back to her and signed.",
        "signatures": [{"role": "witness", "name": "Mary Jones"}],
    },
]


def write_demo_entries(db: Session, context: DemoContext) -> list[str]:
    if service.find_notebook(db, officer=OFFICER) is not None:
        return ["Demo content already loaded: pocket notebook."]
    keyring = context_for(context.settings).keyring
    for minutes_ago, values in zip((40, 25), ENTRIES, strict=True):
        service.add_entry(
            db, keyring, officer=OFFICER, content=service.content_from(values),
            device_time=utcnow() - dt.timedelta(minutes=minutes_ago),
        )  # fmt: skip
    service.correct_entry(
        db, keyring, officer=OFFICER, seq=1, text="Driver's registration is AB12 CDF.",
        reason="Misread the last letter; checked against the vehicle", device_time=utcnow(),
    )  # fmt: skip
    return ["Demo content: 3 pocket notebook entries for `officer` (one corrects another)."]
