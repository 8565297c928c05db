"""Agents per hour for a target service level.

For each hour of the week the calls the agents will see (with the assistant: after the calls it
finishes by itself) are put through Erlang A with the scenario's mean handle time and patience,
and the fewest agents that reach the target are suggested. Erlang A assumes one queue, so the
suggestion is then run through the month model (priorities, skills, redials, call backs), and
an hour of the week that falls short there gets one more agent, for a few rounds
(`service.suggest_agents`).
"""

from __future__ import annotations

from synergy.contact.twin.assistant import (
    CONTAINED,
    NEEDS_AGENT,
    NEEDS_PRIORITY,
    SELF_SERVICE,
    AssistantFigures,
)
from synergy.contact.twin.erlang import agents_needed
from synergy.contact.twin.scenario import Rota, Scenario


def contained_share(scenario: Scenario, figures: AssistantFigures) -> float:
    """Expected share of callers the assistant finishes without an agent."""
    shares = {
        NEEDS_PRIORITY: scenario.vulnerable_share,
        NEEDS_AGENT: 1 - scenario.vulnerable_share - scenario.self_service_share,
        SELF_SERVICE: scenario.self_service_share,
    }
    return sum(share * figures.route_chance[need][CONTAINED] for need, share in shares.items())


def suggest_rota(
    scenario: Scenario,
    figures: AssistantFigures | None,
    *,
    service_level: float,
) -> Rota:
    """The suggested agents per hour of the week (with the assistant when `figures` is given).
    Specialists stay as the scenario's rota has them, within the suggested total."""
    if not 0 < service_level < 1:
        raise ValueError("the target service level must be between 0 and 1 (for example 0.8)")
    reaching_agents = 1 - (contained_share(scenario, figures) if figures else 0.0)
    vulnerable = scenario.vulnerable_share * (1 - (figures.route_chance[NEEDS_PRIORITY][CONTAINED]
                                                   if figures else 0.0))  # fmt: skip
    handle = scenario.handle_mean_seconds * (
        1 + (scenario.vulnerable_handle_factor - 1) * vulnerable / max(reaching_agents, 1e-9)
    )
    per_hour = scenario.arrivals_per_hour()
    agents = tuple(
        tuple(
            agents_needed(
                per_hour[day * 24 + hour] * reaching_agents / 3600,
                handle,
                scenario.patience_mean_seconds,
                scenario.target_seconds,
                service_level,
            )
            for hour in range(24)
        )
        for day in range(7)
    )
    specialists = tuple(
        tuple(min(agents[day][hour], scenario.rota.specialists[day][hour]) for hour in range(24))
        for day in range(7)
    )
    return Rota(agents=agents, specialists=specialists)


def with_one_more(rota: Rota, hours_of_week: list[int]) -> Rota:
    """The rota with one more (untrained) agent in each of these hours of the week."""
    agents = [list(day) for day in rota.agents]
    for hour in hours_of_week:
        agents[hour // 24][hour % 24] += 1
    return Rota(agents=tuple(tuple(day) for day in agents), specialists=rota.specialists)


def agent_hours(rota: Rota) -> int:
    """Agent hours in a week of this rota."""
    return sum(sum(day) for day in rota.agents)
