"""`synergy simulate`: the digital twin of 101 from the command line.

Two forms. The quick form, for what-ifs and for checking against the Erlang formulas, is stable:

    synergy simulate --arrivals-per-hour R --handle-seconds H --agents N
        [--patience-seconds P] [--target-seconds T] --hours D --seed S --json

(Poisson arrivals, exponential handle times, exponential patience with mean P when given, no
abandonment without it) and prints one JSON object with at least `p_wait`, `asa_seconds`,
`abandoned_share` and `service_level`. Without those options it runs the month (60,000 calls by
default) with the assistant and without it, prints both side by side with suggested agents per
hour, and with `--plot-dir` draws them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from synergy.core.commands import fail

if TYPE_CHECKING:
    from synergy.contact.twin.scenario import Rota
    from synergy.contact.twin.service import Comparison, Suggestion

app = typer.Typer(help="The digital twin of the 101 line.")

QUICK_REQUIRED = ("--arrivals-per-hour", "--handle-seconds", "--agents", "--hours")


@app.command()
def simulate(
    arrivals_per_hour: Annotated[
        float | None, typer.Option(help="Quick form: calls per hour (Poisson)")
    ] = None,
    handle_seconds: Annotated[
        float | None, typer.Option(help="Quick form: mean handle time (exponential)")
    ] = None,
    agents: Annotated[int | None, typer.Option(help="Quick form: agents on duty")] = None,
    patience_seconds: Annotated[
        float | None, typer.Option(help="Quick form: mean patience; none: nobody hangs up")
    ] = None,
    hours: Annotated[float | None, typer.Option(help="Quick form: hours simulated")] = None,
    replications: Annotated[
        int, typer.Option(help="Quick form: independent runs pooled (standard errors shown)")
    ] = 1,
    target_seconds: Annotated[
        float, typer.Option(help="Answer within this many seconds to count as on target")
    ] = 60.0,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed, the same result")] = 1,
    calls_per_month: Annotated[
        int, typer.Option(help="Month: first-time calls in 30 days")
    ] = 60_000,
    self_service_share: Annotated[
        float, typer.Option(help="Month: share of callers the assistant could help by itself")
    ] = 0.30,
    target_service_level: Annotated[
        float, typer.Option(help="Month: service level the suggested agents should reach")
    ] = 0.8,
    evaluation_set: Annotated[
        str, typer.Option(help="Month: triage evaluation the assistant's routes come from")
    ] = "blind",
    plot_dir: Annotated[
        Path | None, typer.Option(help="Month: write twin-month.png and .svg here")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object")] = False,
) -> None:
    """Simulate 101: the quick one-queue form, or a month with and without the assistant."""
    quick = (arrivals_per_hour, handle_seconds, agents, hours)
    if any(value is not None for value in quick):
        missing = [name for name, value in zip(QUICK_REQUIRED, quick, strict=True)
                   if value is None]  # fmt: skip
        if missing:
            raise fail(f"The quick form also needs {', '.join(missing)}")
        month_only = (calls_per_month != 60_000, self_service_share != 0.30,
                      target_service_level != 0.8, evaluation_set != "blind", plot_dir)  # fmt: skip
        if any(month_only):
            raise fail(
                "--calls-per-month, --self-service-share, --target-service-level, "
                "--evaluation-set and --plot-dir belong to the month, not the quick form"
            )
        assert arrivals_per_hour is not None and handle_seconds is not None
        assert agents is not None and hours is not None
        _run_quick(arrivals_per_hour, handle_seconds, agents, patience_seconds, hours,
                   replications, target_seconds, seed, as_json)  # fmt: skip
        return
    if patience_seconds is not None or replications != 1:
        raise fail("--patience-seconds and --replications belong to the quick form "
                    f"(give {', '.join(QUICK_REQUIRED)} too)")  # fmt: skip
    _run_month(calls_per_month, self_service_share, target_seconds, target_service_level,
               evaluation_set, seed, plot_dir, as_json)  # fmt: skip


def _run_quick(
    arrivals_per_hour: float,
    handle_seconds: float,
    agents: int,
    patience_seconds: float | None,
    hours: float,
    replications: int,
    target_seconds: float,
    seed: int,
    as_json: bool,
) -> None:
    from synergy.contact.twin.service import QuickScenario, formula_for, simulate_quick

    try:
        scenario = QuickScenario(
            arrivals_per_hour=arrivals_per_hour,
            handle_seconds=handle_seconds,
            agents=agents,
            hours=hours,
            seed=seed,
            patience_seconds=patience_seconds,
            target_seconds=target_seconds,
            replications=replications,
        )
    except ValueError as exc:
        raise fail(str(exc)) from None
    result = simulate_quick(scenario)
    formula = formula_for(scenario)
    output: dict[str, Any] = {
        **vars(result),
        "model": "Erlang A" if patience_seconds is not None else "Erlang C",
        "formula": vars(formula) if formula else None,
        "inputs": vars(scenario),
    }
    if as_json:
        typer.echo(json.dumps(output))
        return
    typer.echo(f"{result.calls} calls, {result.answered} answered")
    for key in ("p_wait", "asa_seconds", "abandoned_share", "service_level", "occupancy"):
        reference = f"   ({output['model']}: {getattr(formula, key):.4f})" if formula and hasattr(
            formula, key) else ""  # fmt: skip
        typer.echo(f"{key:16} {getattr(result, key):.4f}{reference}")
    if formula is None:
        typer.echo("(no steady state: arrivals at or above what the agents can answer)")


def _run_month(
    calls_per_month: int,
    self_service_share: float,
    target_seconds: float,
    target_service_level: float,
    evaluation_set: str,
    seed: int,
    plot_dir: Path | None,
    as_json: bool,
) -> None:
    from synergy.contact.twin.assistant import EvaluationMissing, load_figures
    from synergy.contact.twin.scenario import Scenario
    from synergy.contact.twin.service import compare, suggest_agents
    from synergy.contact.twin.staffing import agent_hours

    try:
        scenario = Scenario(calls_per_month=calls_per_month,
                            self_service_share=self_service_share, target_seconds=target_seconds)
        figures = load_figures(evaluation_set)
        if not 0 < target_service_level < 1:
            raise ValueError("--target-service-level must be between 0 and 1 (for example 0.8)")
    except (ValueError, EvaluationMissing) as exc:
        raise fail(str(exc)) from None
    comparison = compare(scenario, seed=seed, figures=figures)
    suggestion = suggest_agents(scenario, figures, service_level=target_service_level, seed=seed)
    suggested = suggestion.rota
    paths = []
    if plot_dir is not None:
        from synergy.contact.twin.plots import plot_month

        paths = plot_month(comparison.with_assistant, comparison.without_assistant,
                           target_seconds=target_seconds, current=scenario.rota,
                           suggested=suggested, directory=plot_dir)  # fmt: skip
    if as_json:
        typer.echo(json.dumps({
            "scenario": {k: v for k, v in vars(scenario).items() if k != "rota"},
            "assistant": {"evaluation_set": figures.evaluation_set, "cases": figures.cases,
                          "route_chance": figures.route_chance},
            "with_assistant": comparison.with_assistant.summary(),
            "without_assistant": comparison.without_assistant.summary(),
            "suggested_agents": {"by_weekday_and_hour": suggested.agents,
                                 "agent_hours_per_week": agent_hours(suggested),
                                 "simulated_service_level": suggestion.month.service_level,
                                 "hours_of_the_week_below_target": suggestion.hours_short},
            "plots": [str(p) for p in paths],
        }))  # fmt: skip
        return
    typer.echo(_month_report(comparison))
    typer.echo(_rota_report(scenario.rota, suggestion, target_service_level))
    for path in paths:
        typer.echo(f"plot: {path}")


def _month_report(comparison: Comparison) -> str:
    scenario, figures = comparison.scenario, comparison.figures
    rows = [
        ("calls to the line (ringing again included)", "calls", "{:,}"),
        ("  of which rang again", "redials", "{:,}"),
        ("finished by the assistant", "contained", "{:,}"),
        ("put through to an agent", "put_through", "{:,}"),
        (f"service level (within {scenario.target_seconds:.0f} s)", "service_level", "{:.1%}"),
        ("hung up waiting", "abandoned_share", "{:.1%}"),
        ("had to wait", "p_wait", "{:.1%}"),
        ("average speed of answer (s)", "asa_seconds", "{:.1f}"),
        ("call backs booked", "callbacks_booked", "{:,}"),
        ("agent occupancy", "occupancy", "{:.1%}"),
        ("vulnerable callers' calls", "vulnerable_calls", "{:,}"),
        ("  prioritised by the assistant", "vulnerable_prioritised", "{:,}"),
        ("  sent away by the assistant", "vulnerable_sent_away", "{:,}"),
        ("  answered within target", "vulnerable_within_target", "{:.1%}"),
        ("  mean wait of those answered (s)", "vulnerable_mean_wait_seconds", "{:.1f}"),
        ("  90th percentile of those waits (s)", "vulnerable_p90_wait_seconds", "{:.1f}"),
        ("  hung up waiting", "vulnerable_abandoned", "{:,}"),
    ]
    lines = [
        f"101 month: {scenario.calls_per_month:,} first-time calls in {scenario.days} days, "
        f"seed {comparison.seed}; assistant routes from the {figures.evaluation_set} triage "
        f"evaluation ({figures.cases} cases)",
        "",
        f"{'':46}{'with the assistant':>20}{'without it':>14}",
    ]
    for label, field, fmt in rows:
        values = [getattr(r, field) for r in (comparison.with_assistant,
                                              comparison.without_assistant)]  # fmt: skip
        lines.append(f"{label:46}{fmt.format(values[0]):>20}{fmt.format(values[1]):>14}")
    return "\n".join(lines)


def _rota_report(current: Rota, suggestion: Suggestion, level: float) -> str:
    from synergy.contact.twin.scenario import WEEKDAYS
    from synergy.contact.twin.staffing import agent_hours

    suggested, month = suggestion.rota, suggestion.month
    lines = [
        "",
        f"Suggested agents per hour with the assistant, for {level:.0%} answered within target "
        f"(Erlang A per hour, then {suggestion.rounds} round(s) of the month model adding an "
        "agent where an hour fell short; current rota in brackets):",
        "hour " + "".join(f"{day:>9}" for day in WEEKDAYS),
    ]
    for hour in range(24):
        cells = "".join(
            f"{suggested.agents[d][hour]:>4} ({current.agents[d][hour]:>2})" for d in range(7)
        )
        lines.append(f"{hour:02d}:00{cells}")
    lines.append(
        f"agent hours a week: {agent_hours(suggested):,} suggested, {agent_hours(current):,} "
        f"now; the month on the suggested rota: service level {month.service_level:.1%}, "
        f"{month.abandoned_share:.1%} hung up, {suggestion.hours_short} of 168 hours of the "
        "week below target"
    )
    return "\n".join(lines)
