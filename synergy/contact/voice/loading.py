"""Loading the speech engines for browser calls: once per web server, in the background.

Loading takes seconds (the Whisper model, the understanding model, the greeting synthesised),
and a caller who pressed "Start call" used to wait for all of it. Now loading starts when the
server starts (`SYNERGY_VOICE_PRELOAD=true`) or, at the latest, when the call page's script
first asks how ready the line is (as the page opens), in a thread of its own; the page polls
`status()` and shows how far it has got, so a caller is told to wait rather than left waiting.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from synergy.contact.voice.settings import VoiceSettings

if TYPE_CHECKING:
    from fastapi import FastAPI

    from synergy.contact.voice.session import VoiceServices
    from synergy.core.config import Settings

log = logging.getLogger(__name__)

# What each step loads, as the page says it ("Getting the call line ready: loading ...").
STEPS = ("speech recognition", "the assistant's understanding", "the assistant's voice")

Progress = Callable[[int], None]
Build = Callable[[Progress], "VoiceServices"]


class EnginesUnavailable(RuntimeError):
    """The engines could not be loaded (not installed, or broken); the page says so."""


class EngineLoader:
    """Loads the voice services once, in a thread; safe to start from any request."""

    def __init__(self, build: Build) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self._step = 0
        self._services: VoiceServices | None = None
        self._failure: str | None = None

    def start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._load, name="voice-engines",
                                                daemon=True)  # fmt: skip
                self._thread.start()

    def _progress(self, step: int) -> None:
        self._step = step

    def _load(self) -> None:
        from synergy.contact.voice.speech.asr import EngineNotInstalled
        from synergy.contact.voice.speech.tts import SynthesisFailed

        try:
            self._services = self._build(self._progress)
        except (EngineNotInstalled, SynthesisFailed, ModuleNotFoundError, OSError) as exc:
            log.error("the voice engines could not be loaded: %s", exc)
            self._failure = str(exc) or type(exc).__name__
        finally:  # anything else is a bug: the thread's traceback is logged, callers are told
            if self._services is None and self._failure is None:
                self._failure = "the engines failed to load"
            self._done.set()

    def status(self) -> dict[str, Any]:
        """For the page: state "idle", "loading" (with the step), "ready" or "unavailable"."""
        if self._done.is_set():
            return {"state": "unavailable" if self._failure else "ready"}
        if self._thread is None:
            return {"state": "idle"}
        step = min(max(self._step, 1), len(STEPS))
        return {"state": "loading", "step": step, "steps": len(STEPS), "loading": STEPS[step - 1]}

    async def services(self) -> VoiceServices:
        """The loaded services, starting and waiting for the load if need be."""
        self.start()
        while not self._done.is_set():  # polled: waiting callers hold no worker thread
            await asyncio.sleep(0.1)
        if self._services is None:
            raise EnginesUnavailable(self._failure or "not loaded")
        return self._services


def build_from_settings(settings: Settings, session_factory: Any) -> Build:
    def build(progress: Progress) -> VoiceServices:
        from synergy.contact.voice.session import VoiceServices

        progress(1)
        services = VoiceServices.from_settings(settings, session_factory)
        services.warm(progress=lambda step: progress(step + 1))
        return services

    return build


def engine_loader(app: FastAPI) -> EngineLoader:
    """The app's loader, made on first use (requests run on one event loop thread)."""
    loader: EngineLoader | None = getattr(app.state, "voice_loader", None)
    if loader is None:
        loader = EngineLoader(build_from_settings(app.state.settings, app.state.session_factory))
        app.state.voice_loader = loader
    return loader


def preload_if_configured(app: FastAPI, settings: Settings) -> None:
    """Startup hook: with `SYNERGY_VOICE_PRELOAD`, start loading as the server starts."""
    if settings.section(VoiceSettings).preload:
        engine_loader(app).start()
