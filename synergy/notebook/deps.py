"""Request dependencies for the notebook: its settings and keys, read once per app, and the
roles that may use its pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path, Request

from synergy.core.config import Settings
from synergy.core.deps import allow
from synergy.core.roles import Role
from synergy.identity.service import CurrentUser
from synergy.notebook.keys import Keyring
from synergy.notebook.settings import NotebookSettings, load_notebook_settings, master_keys


@dataclass(frozen=True)
class NotebookContext:
    settings: NotebookSettings
    keyring: Keyring


def context_for(settings: Settings, notebook: NotebookSettings | None = None) -> NotebookContext:
    notebook = notebook or load_notebook_settings()
    current, retired = master_keys(notebook, settings.data_dir)
    return NotebookContext(notebook, Keyring(current, retired))


def notebook_context(request: Request) -> NotebookContext:
    """Built on first use and kept on the app, so settings and keys are read once."""
    context: NotebookContext | None = getattr(request.app.state, "notebook", None)
    if context is None:
        context = context_for(request.app.state.settings)
        request.app.state.notebook = context
    return context


ContextDep = Annotated[NotebookContext, Depends(notebook_context)]
Officer = Annotated[CurrentUser, allow(Role.OFFICER)]
OfficerOrSupervisor = Annotated[CurrentUser, allow(Role.OFFICER, Role.SUPERVISOR)]
Supervisor = Annotated[CurrentUser, allow(Role.SUPERVISOR)]
EntryNumber = Annotated[int, Path(ge=1, le=2_147_483_647)]
Username = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9._-]{1,62}$")]
