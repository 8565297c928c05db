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
