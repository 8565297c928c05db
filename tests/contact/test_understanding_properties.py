"""Any string at all gives a valid answer or the one documented error — never a crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synergy.contact.understanding import (
    Entities,
    Intent,
    Risk,
    Route,
    TextTooLong,
    Understanding,
    Vulnerability,
    understand,
)

RISKY_WORDS = st.sampled_from(
    ["kill", "knife", "missing", "hit", "not", "never", "my", "son", "husband", "now", "dead",
     "suicide", "raped", "old", "b5 4tr", "07700 900123", "ا", "ਮ", "ą", "\x00", "\u200d"]
)
TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(RISKY_WORDS, max_size=40).map(" ".join),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
)


def _valid(u: Understanding) -> None:
    assert isinstance(u.intent, Intent)
    assert 0.0 <= u.intent_confidence <= 1.0
    assert all(isinstance(v, Vulnerability) for v in u.vulnerabilities)
    assert len(set(u.vulnerabilities)) == len(u.vulnerabilities)
    assert {e.vulnerability for e in u.evidence} == set(u.vulnerabilities)
    assert isinstance(u.risk, Risk) and isinstance(u.route, Route)
    assert isinstance(u.entities, Entities)
    assert u.reasons and all(isinstance(r, str) and r for r in u.reasons)
    # a vulnerability always reaches a person ahead of the queue
    if u.vulnerabilities:
        assert u.route in (Route.PRIORITY_AGENT, Route.EMERGENCY)
        assert u.risk in (Risk.HIGH, Risk.EMERGENCY)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, history=st.lists(TEXT, max_size=3))
def test_any_text_gives_a_valid_understanding(text, history):
    _valid(understand(text, history=history))


@settings(max_examples=20, deadline=None)
@given(extra=st.integers(min_value=1, max_value=3000))
def test_oversized_text_is_the_documented_error(extra):
    try:
        understand("a" * (5000 + extra))
    except TextTooLong as exc:
        assert exc.length == 5000 + extra
    else:
        raise AssertionError("expected TextTooLong")


@settings(max_examples=60, deadline=None)
@given(text=TEXT)
def test_adding_a_disclosure_never_lowers_the_route(text):
    """Whatever came before, saying 'I want to kill myself' puts the caller ahead of the queue."""
    u = understand("i want to kill myself", history=[text])
    assert Vulnerability.SUICIDE_SELF_HARM in u.vulnerabilities
    assert u.route in (Route.PRIORITY_AGENT, Route.EMERGENCY)


def _fresh_understanding(text: str, history: list[str]) -> Understanding:
    from synergy.contact.understanding import engine

    for kept in (engine._turn_hits, engine._turn_without_idioms, engine._turn_tolerant,
                 engine._turn_danger, engine._turn_civil, engine._turn_entities):  # fmt: skip
        kept.cache_clear()
    return understand(text, history=history)


@given(turns=st.lists(TEXT, min_size=1, max_size=5))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_earlier_turns_read_from_the_kept_readings_give_the_same_understanding(
    turns: list[str],
) -> None:
    # Each turn's own reading is kept and reused when the next turn is understood with it as
    # history; what the caller is told must not depend on whether it was.
    for number in range(1, len(turns) + 1):
        *history, latest = turns[:number]
        try:
            kept = understand(latest, history=history)
        except TextTooLong:
            return
        assert kept == _fresh_understanding(latest, history)


def test_a_long_conversation_gives_the_same_answer_turn_after_turn() -> None:
    said = [
        "Hi, I'm calling about my neighbour",
        "He keeps parking across my drive and the council say it is not for them",
        "Today he shouted that he will stab me if I touch his car again",
        "He has a knife in his hand right now and he is at my door",
    ]
    answers = [understand(said[n], history=said[:n]) for n in range(len(said))]
    assert answers[-1] == _fresh_understanding(said[-1], said[:-1])
    assert answers[-1].route.value == "emergency"
