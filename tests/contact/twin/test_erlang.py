"""The reference formulas: Erlang C against published values and its own limits, Erlang A
against Erlang C and against its own balance equations."""

from __future__ import annotations

import pytest

from synergy.contact.twin.erlang import agents_needed, erlang_a, erlang_b, erlang_c


def test_erlang_b_matches_the_published_table():
    # 10 Erlangs on 10 lines blocks 21.46% of calls (standard Erlang B tables).
    assert erlang_b(10.0, 10) == pytest.approx(0.2146, abs=1e-4)


def test_erlang_c_single_agent_is_the_m_m_1_queue():
    # One agent, occupancy 0.5: half the callers wait, and the mean wait is one handle time.
    figures = erlang_c(1 / 600, 300, 1, target_seconds=0)
    assert figures.p_wait == pytest.approx(0.5)
    assert figures.asa_seconds == pytest.approx(300)
    assert figures.service_level == pytest.approx(0.5)


def test_erlang_c_refuses_more_work_than_agents():
    with pytest.raises(ValueError, match="grows without limit"):
        erlang_c(10 / 3600, 360, 1, target_seconds=20)


def test_erlang_a_with_endless_patience_is_erlang_c():
    c = erlang_c(100 / 3600, 300, 10, target_seconds=30)
    a = erlang_a(100 / 3600, 300, 10, patience_seconds=1e12, target_seconds=30)
    assert a.p_wait == pytest.approx(c.p_wait, rel=1e-6)
    assert a.asa_seconds == pytest.approx(c.asa_seconds, rel=1e-6)
    assert a.service_level == pytest.approx(c.service_level, rel=1e-6)
    assert a.abandoned_share < 1e-6


def test_erlang_a_abandonment_balances_the_queue():
    # Callers leave at rate 1/patience each while queued: abandonment = E[queue] / (rate * P).
    rate, handle, agents, patience = 200 / 3600, 300, 14, 120
    figures = erlang_a(rate, handle, agents, patience, target_seconds=60)
    answered = 1 - figures.abandoned_share
    # Little's law on the agents: busy agents = answered rate * handle < agents
    assert answered * rate * handle < agents
    assert 0 < figures.abandoned_share < figures.p_wait
    assert figures.service_level < answered


def test_service_level_rises_with_agents_and_with_the_target():
    fewer = erlang_a(100 / 3600, 300, 9, 180, target_seconds=60)
    more = erlang_a(100 / 3600, 300, 11, 180, target_seconds=60)
    longer_target = erlang_a(100 / 3600, 300, 9, 180, target_seconds=120)
    assert fewer.service_level < more.service_level
    assert fewer.service_level < longer_target.service_level


def test_agents_needed_is_the_fewest_that_reach_the_target():
    rate, handle, patience = 150 / 3600, 360, 300
    agents = agents_needed(rate, handle, patience, 60, 0.8)
    assert erlang_a(rate, handle, agents, patience, 60).service_level >= 0.8
    assert erlang_a(rate, handle, agents - 1, patience, 60).service_level < 0.8
    assert agents_needed(0.0, handle, patience, 60, 0.8) == 0
    assert agents_needed(rate, handle, None, 60, 0.8) >= agents  # no one hangs up: more agents
