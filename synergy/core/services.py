"""How a service plugs into the platform: the one declaration each service package makes.

Every service package says what it brings in its `__init__.py`, as `SERVICE = Service(...)`.
The declaration names modules and objects by dotted path ("synergy.records.pages:router")
instead of importing them, so reading the list of services stays cheap: the app imports only
routers and start-up hooks, the worker only subscriptions, the CLI only commands, and a
service's heavy libraries load when they are first used. `synergy/services.py` holds the list
of installed services; docs/architecture.md says how to add one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from synergy.core.roles import Role

if TYPE_CHECKING:
    from fastapi import FastAPI
    from sqlalchemy.orm import Session

    from synergy.core.config import ServiceSettings, Settings
    from synergy.core.events import Subscription


@dataclass(frozen=True)
class ServiceInfo:
    """The service's tile on the home page, shown to the roles it names.

    `notices`, if given, is "package.module:function" called as `(session, settings)` for
    each page view, returning short lines for the tile: what needs its users' attention
    today (none when nothing does). Only the roles that see the tile see them.
    """

    name: str
    description: str
    url: str
    roles: frozenset[Role]
    notices: str | None = None

    def open_to(self, roles: frozenset[Role]) -> bool:
        return bool(self.roles & roles)

    def load_notices(self, session: Session, settings: Settings) -> list[str]:
        if self.notices is None:
            return []
        lines: list[str] = resolve(self.notices)(session, settings)
        return lines


@dataclass(frozen=True)
class DemoContext:
    """What a demo step may use; it makes content only through its service's functions."""

    settings: Settings
    secret: bytes


# The callables a declaration names, by what they are called with.
SubscriptionsFactory = Callable[["Settings"], "Sequence[Subscription]"]
StartupHook = Callable[["FastAPI", "Settings"], None]
DemoStep = Callable[["Session", DemoContext], "list[str]"]


@dataclass(frozen=True)
class Service:
    """One service's declaration. Every reference is "package.module:attribute" (or a module).

    - `name`: the package under `synergy` ("records"); also its migration branch label and the
      prefix of its tables.
    - `tile`: the home page tile, if the service has staff pages to start from.
    - `routers`: FastAPI routers, included in this order.
    - `models`: modules defining its tables (loaded for migrations and tests).
    - `subscriptions`: callables `(settings) -> list[Subscription]` for the event worker.
    - `commands`: Typer apps whose commands join the `synergy` command.
    - `settings`: its `ServiceSettings` classes, usually one: each is a table of the settings
      file (`[name]`) and `SYNERGY_<NAME>_*` environment variables, read once by
      `load_settings`.
    - `startup`: callables `(app, settings)` run once by `create_app`.
    - `demo`: callables `(session, DemoContext) -> lines to print`, run by `synergy demo` in
      the order of the service list; each must be safe to run twice.
    - `page_examples`: a module with `PAGES` (and optionally `NOT_PAGES`) for the browser
      tests (tests/browser/examples.py says what they hold).
    """

    name: str
    tile: ServiceInfo | None = None
    routers: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    subscriptions: tuple[str, ...] = ()
    commands: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()
    startup: tuple[str, ...] = ()
    demo: tuple[str, ...] = ()
    page_examples: tuple[str, ...] = ()

    def load_routers(self) -> list[Any]:
        return [resolve(reference) for reference in self.routers]

    def load_models(self) -> None:
        for reference in self.models:
            resolve(reference)

    def load_subscriptions(self, settings: Settings) -> list[Subscription]:
        found: list[Subscription] = []
        for reference in self.subscriptions:
            factory: SubscriptionsFactory = resolve(reference)
            found.extend(factory(settings))
        return found

    def __post_init__(self) -> None:
        if isinstance(self.settings, str):
            raise TypeError(f"{self.name}: settings is a tuple: settings=({self.settings!r},)")

    def load_settings_classes(self) -> list[type[ServiceSettings]]:
        return [resolve(reference) for reference in self.settings]

    def run_startup(self, app: FastAPI, settings: Settings) -> None:
        for reference in self.startup:
            hook: StartupHook = resolve(reference)
            hook(app, settings)

    def run_demo(self, session: Session, context: DemoContext) -> list[str]:
        lines: list[str] = []
        for reference in self.demo:
            step: DemoStep = resolve(reference)
            lines.extend(step(session, context))
        return lines


def resolve(reference: str) -> Any:
    """Import "package.module:attribute" (or a whole module) and return it."""
    module_name, _, attribute = reference.partition(":")
    module = importlib.import_module(module_name)
    if not attribute:
        return module
    try:
        return getattr(module, attribute)
    except AttributeError:
        raise ImportError(f"{module_name} has no {attribute!r} (named as {reference!r})") from None


def declaration_of(package: str) -> Service:
    """The `SERVICE` declared in `synergy.<package>/__init__.py`."""
    module = importlib.import_module(f"synergy.{package}")
    declared = getattr(module, "SERVICE", None)
    if not isinstance(declared, Service):
        raise TypeError(
            f"synergy.{package} must declare SERVICE = Service(name={package!r}, ...) in its "
            f"__init__.py (see docs/architecture.md, 'How to add a service'); found {declared!r}"
        )
    if declared.name != package:
        raise TypeError(f"synergy.{package}.SERVICE is named {declared.name!r}, not {package!r}")
    return declared
