"""What every `synergy` command shares, the platform's and each service's: failing with a
clear message, the settings read for this run, and one migrated database session.

The `synergy` command (synergy/cli.py) puts a `CommandContext` on the Typer context; a
service's command takes `ctx: typer.Context` and asks it for the settings, so that services
never import the command line module above them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import typer
from sqlalchemy.orm import Session

from synergy.core.config import ConfigError, Settings
from synergy.core.db import NotMigrated, engine_for, ensure_migrated, make_session_factory
from synergy.core.errors import SynergyError


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print the message in red on stderr; raise what this returns to exit with `code`."""
    typer.secho(message, err=True, fg=typer.colors.RED)
    return typer.Exit(code)


@dataclass
class CommandContext:
    """Reads the settings on first use (commands that need none never fail on them)."""

    load: Callable[[], Settings]
    _settings: Settings | None = field(default=None, init=False)

    def settings(self) -> Settings:
        if self._settings is None:
            try:
                self._settings = self.load()
            except ConfigError as exc:
                raise fail(str(exc)) from None
        return self._settings


def command_settings(ctx: typer.Context) -> Settings:
    """The settings of this run of the `synergy` command."""
    context = ctx.find_object(CommandContext)
    if context is None:
        raise RuntimeError("run service commands through the `synergy` command")
    return context.settings()


@contextmanager
def command_session(settings: Settings) -> Iterator[Session]:
    """A session on the migrated database for one command: committed if the command
    succeeds, rolled back if not; a SynergyError becomes a clean exit with its message."""
    engine = engine_for(settings)
    try:
        try:
            ensure_migrated(engine)
        except NotMigrated as exc:
            raise fail(str(exc)) from None
        db = make_session_factory(engine)()
        try:
            yield db
            db.commit()
        except SynergyError as exc:
            db.rollback()
            raise fail(exc.message) from None
        except BaseException:
            db.rollback()
            raise
        finally:
            db.close()
    finally:
        engine.dispose()
