"""The cyclic garbage collector in a long-running web process.

A full collection walks every object the collector tracks. A web process holds about 300,000
long-lived ones (the app and its routes, templates, the triage model and the libraries behind
them), so each full collection took 150 to 430 ms (bench/chat_load.py, 20 conversations on
two processes), stalling every request in that process: most of the slowest chat turns were
waiting for it. Once a process has built what it keeps for its whole life, `gc.freeze()` moves
it out of the collector's sight; later collections walk only what requests create, and
reference counting still frees ordinary garbage at once.

Only `synergy run` turns this on (`settle_for_serving`): tests and commands build and drop
many apps in one process, and frozen objects are never collected.
"""

from __future__ import annotations

import gc

_serving = False


def settle_for_serving() -> None:
    """Called by `synergy run` in each web process once its app is built: collect what start-up
    left behind and freeze the rest, and let `settle` freeze again later."""
    global _serving
    _serving = True
    gc.collect()
    gc.freeze()


def settle() -> None:
    """Called after loading something large that lives as long as the process (the triage
    model, on a background thread): in a web process, freeze what exists now; elsewhere,
    nothing. No collection first: it would pause requests already being served."""
    if _serving:
        gc.freeze()
