"""Request dependencies for the notebook: its settings and keys, read once per app, and the
roles that may use its pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, FastAPI, Path, Request

from synergy.core.config import Settings
from synergy.core.deps import allow
from synergy.core.roles import Role
from synergy.identity.service import CurrentUser
from synergy.notebook import subjects
from synergy.notebook.keys import Keyring
from synergy.notebook.settings import NotebookSettings, master_keys
from synergy.records import service as records


@dataclass(frozen=True)
class NotebookContext:
    settings: NotebookSettings
    keyring: Keyring


def context_for(settings: Settings) -> NotebookContext:
    notebook = settings.section(NotebookSettings)
    current, retired = master_keys(notebook, settings.data_dir)
    return NotebookContext(notebook, Keyring(current, retired))


def install(app: FastAPI, settings: Settings) -> None:
    """Start-up hook: read the notebook's settings and keys once, when the app is built, and
    list the entries that name a vehicle or place on its records page."""
    app.state.notebook = context_for(settings)
    records.show_subject_links(app, subjects.entries_naming)


def notebook_context(request: Request) -> NotebookContext:
    context: NotebookContext = request.app.state.notebook
    return context


ContextDep = Annotated[NotebookContext, Depends(notebook_context)]
Officer = Annotated[CurrentUser, allow(Role.OFFICER)]
OfficerOrSupervisor = Annotated[CurrentUser, allow(Role.OFFICER, Role.SUPERVISOR)]
Supervisor = Annotated[CurrentUser, allow(Role.SUPERVISOR)]
EntryNumber = Annotated[int, Path(ge=1, le=2_147_483_647)]
Username = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9._-]{1,62}$")]
