"""The demo gives the notebook something to show, once."""

from __future__ import annotations

from synergy.core.services import DemoContext
from synergy.notebook import service
from synergy.notebook.demo import write_demo_entries
from synergy.notebook.deps import context_for


def test_demo_entries_are_written_once_and_verify(db, settings) -> None:
    context = DemoContext(settings=settings, secret=settings.secret())
    assert "3 pocket notebook entries" in write_demo_entries(db, context)[0]
    assert "already loaded" in write_demo_entries(db, context)[0]
    keyring = context_for(settings).keyring
    views = service.entry_views(db, keyring, service.get_notebook(db, officer="officer"))
    assert [v.seq for v in views] == [1, 2, 3] and views[0].struck_through
    assert service.verify(db, keyring)[0].ok
