"""The triage is made ready as the server starts, not during the first caller's message."""

from __future__ import annotations

import time

from synergy.contact.understanding import engine, rules
from synergy.contact.understanding.model import load_model

RULE_CACHES = (rules._compiled, rules._compiled_cues, rules._emergency_cues)


def _forget_everything() -> None:
    """Empty the compiled rules and the engine's per-turn readings (which would otherwise
    answer the warm-up sentence without touching the rules)."""
    for cache in RULE_CACHES:
        cache.cache_clear()
    for value in vars(engine).values():
        if hasattr(value, "cache_clear") and value is not load_model:
            value.cache_clear()


def test_prepare_loads_the_model_and_compiles_every_family_of_rules() -> None:
    _forget_everything()
    engine.prepare()
    assert load_model.cache_info().currsize == 1
    assert [cache.cache_info().currsize for cache in RULE_CACHES] == [1, 1, 1]


def test_the_startup_hook_prepares_on_a_background_thread() -> None:
    _forget_everything()
    engine.prepare_in_background(None, None)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if [cache.cache_info().currsize for cache in RULE_CACHES] == [1, 1, 1]:
            break
        time.sleep(0.05)
    assert [cache.cache_info().currsize for cache in RULE_CACHES] == [1, 1, 1]
