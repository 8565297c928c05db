"""Suggested agents per hour reach the target in the formula and, near enough, in the month."""

from __future__ import annotations

from synergy.contact.twin.assistant import load_figures
from synergy.contact.twin.erlang import erlang_a
from synergy.contact.twin.scenario import Scenario
from synergy.contact.twin.service import suggest_agents
from synergy.contact.twin.staffing import agent_hours, contained_share, suggest_rota


def test_the_assistant_needs_fewer_agent_hours_for_the_same_target():
    scenario, figures = Scenario(), load_figures()
    with_it = suggest_rota(scenario, figures, service_level=0.8)
    without = suggest_rota(scenario, None, service_level=0.8)
    assert agent_hours(with_it) < agent_hours(without)
    assert 0.2 < contained_share(scenario, figures) < scenario.self_service_share + 0.05


def test_each_suggested_hour_is_the_fewest_agents_that_reach_the_target():
    scenario = Scenario()
    rota = suggest_rota(scenario, None, service_level=0.8)
    per_hour = scenario.arrivals_per_hour()
    handle = scenario.handle_mean_seconds * (
        1 + (scenario.vulnerable_handle_factor - 1) * scenario.vulnerable_share
    )
    for hour in (3, 11, 17):
        rate = per_hour[hour] / 3600
        agents = rota.agents[0][hour]

        def level(n: int, rate: float = rate) -> float:
            return erlang_a(rate, handle, n, scenario.patience_mean_seconds, 60).service_level

        assert level(agents) >= 0.8
        assert agents == 1 or level(agents - 1) < 0.8
    busiest = max(range(24), key=lambda h: per_hour[h])
    assert rota.agents[0][busiest] == max(rota.agents[0])


def test_hours_that_fall_short_in_the_month_model_get_more_agents():
    scenario, figures = Scenario(calls_per_month=4000, days=14), load_figures()
    start = suggest_rota(scenario, figures, service_level=0.9)
    once = suggest_agents(scenario, figures, service_level=0.9, seed=3, rounds=0)
    topped_up = suggest_agents(scenario, figures, service_level=0.9, seed=3, rounds=2)
    assert once.rota == start
    for day in range(7):
        for hour in range(24):
            assert topped_up.rota.agents[day][hour] >= start.agents[day][hour]
    assert once.hours_short > 0  # Erlang A alone leaves some hours short in the fuller model
    assert agent_hours(topped_up.rota) > agent_hours(start)
    assert topped_up.hours_short < once.hours_short
