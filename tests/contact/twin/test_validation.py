"""The twin against queueing theory: with Poisson arrivals at a constant rate and exponential
handle times, `synergy simulate`'s quick form agrees with Erlang C (nobody hangs up) and Erlang A
(exponential patience) within 2% on the probability of waiting and the average speed of answer,
at five staffing levels each.

The reference values come from the formulas in `erlang.py`, which share no code with the
simulator; `test_erlang.py` checks the formulas themselves. Each case runs 0.4 to 4 million
calls, 14.6 million in all (see `validation.py` for why those lengths)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from synergy.contact.twin.cli import app
from synergy.contact.twin.validation import CASES, check

TOLERANCE = 0.02


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.model} {c.agents} agents")
def test_simulation_agrees_with_erlang(case):
    result = check(case)
    assert abs(result.p_wait_error) <= TOLERANCE, result
    assert abs(result.asa_error) <= TOLERANCE, result
    # and the share answered within 60 s, which the staffing suggestion relies on
    assert abs(result.service_level_error) <= TOLERANCE, result


def test_five_staffing_levels_for_each_model():
    for model in ("Erlang C", "Erlang A"):
        assert len({c.agents for c in CASES if c.model == model}) >= 5


def test_the_command_prints_the_same_figures_as_the_check():
    case = CASES[0]
    scenario = case.scenario(seed=7)
    arguments = [
        "--arrivals-per-hour", str(scenario.arrivals_per_hour),
        "--handle-seconds", str(scenario.handle_seconds),
        "--agents", str(scenario.agents),
        "--hours", str(scenario.hours / 20),
        "--replications", str(scenario.replications),
        "--seed", "7", "--json",
    ]  # fmt: skip
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed["model"] == "Erlang C"
    assert printed["formula"]["p_wait"] == pytest.approx(0.5)
    # 50,000 calls: within a few standard errors of the formula
    assert printed["p_wait"] == pytest.approx(0.5, rel=0.05)
    assert printed["asa_seconds"] == pytest.approx(300.0, rel=0.15)
