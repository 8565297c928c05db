"""What other modules may call: run the month with and without the assistant, and the quick
form. Everything else in the package is private to it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from synergy.contact.twin.assistant import AssistantFigures, load_figures
from synergy.contact.twin.model import Month, draw_callers
from synergy.contact.twin.quick import QuickResult, QuickScenario, formula_for, simulate_quick
from synergy.contact.twin.results import MonthResult, summarise
from synergy.contact.twin.scenario import Rota, Scenario
from synergy.contact.twin.staffing import suggest_rota, with_one_more

__all__ = [
    "Comparison", "QuickResult", "QuickScenario", "Scenario", "Suggestion", "compare",
    "formula_for", "run_month", "simulate_quick", "suggest_agents",
]  # fmt: skip


@dataclass(frozen=True)
class Comparison:
    scenario: Scenario
    figures: AssistantFigures
    seed: int
    with_assistant: MonthResult
    without_assistant: MonthResult


def run_month(
    scenario: Scenario, figures: AssistantFigures, *, with_assistant: bool, seed: int
) -> MonthResult:
    """One month; the callers depend only on the seed, so both variants see the same ones."""
    callers = draw_callers(scenario, figures, np.random.default_rng(seed))
    month = Month(
        scenario, callers, with_assistant=with_assistant, figures=figures, seed=seed + 1
    )
    log = month.run()
    return summarise(log, with_assistant=with_assistant, target_seconds=scenario.target_seconds)


def compare(
    scenario: Scenario, *, seed: int, figures: AssistantFigures | None = None
) -> Comparison:
    figures = figures or load_figures()
    return Comparison(
        scenario=scenario,
        figures=figures,
        seed=seed,
        with_assistant=run_month(scenario, figures, with_assistant=True, seed=seed),
        without_assistant=run_month(scenario, figures, with_assistant=False, seed=seed),
    )


@dataclass(frozen=True)
class Suggestion:
    rota: Rota
    month: MonthResult  # the month with the assistant on the suggested rota
    rounds: int  # model runs after the Erlang A start
    hours_short: int  # hours of the week still below the target in the last run


def suggest_agents(
    scenario: Scenario,
    figures: AssistantFigures,
    *,
    service_level: float,
    seed: int,
    rounds: int = 2,
) -> Suggestion:
    """Agents per hour of the week, with the assistant, for `service_level` answered within the
    scenario's target: Erlang A per hour, then checked (and topped up) in the month model."""
    rota = suggest_rota(scenario, figures, service_level=service_level)
    for done in range(rounds + 1):
        month = run_month(scenario.with_rota(rota), figures, with_assistant=True, seed=seed)
        short = [h for h, level in enumerate(month.weekly_service_level) if level < service_level]
        if not short or done == rounds:
            return Suggestion(rota=rota, month=month, rounds=done, hours_short=len(short))
        rota = with_one_more(rota, short)
    raise AssertionError("unreachable")  # the loop returns on its last round
