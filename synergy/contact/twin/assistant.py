"""What the twin assumes the assistant does, read from the project's own triage evaluation.

`bench/triage_eval.py --set NAME --record` writes the route each labelled evaluation case should
have had beside the route the assistant gave it (`data/triage_evaluation.json`). From that table
the twin takes, for each kind of caller, the chance of each route: how often a caller who needs
priority is prioritised (triage accuracy), how often a caller the assistant could help by itself
is helped without an agent (containment), and how often it gets these wrong. Nothing here is typed
in: re-run the evaluation and the twin follows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

# Who the caller is, in the twin: what the evaluation's expected routes say they need.
NEEDS_PRIORITY = "needs_priority"  # expected route emergency or priority_agent
NEEDS_AGENT = "needs_agent"
SELF_SERVICE = "self_service"
NEEDS = (NEEDS_PRIORITY, NEEDS_AGENT, SELF_SERVICE)

# What the assistant does with the caller.
PRIORITISED = "prioritised"  # put through ahead of the queue (route emergency or priority_agent)
QUEUED = "queued"  # put through to the ordinary queue
CONTAINED = "contained"  # finished by the assistant, no agent
ROUTES = (PRIORITISED, QUEUED, CONTAINED)

_ROUTE_FOR = {
    "emergency": PRIORITISED,
    "priority_agent": PRIORITISED,
    "agent": QUEUED,
    "self_service": CONTAINED,
}
_NEED_FOR = {
    "emergency": NEEDS_PRIORITY,
    "priority_agent": NEEDS_PRIORITY,
    "agent": NEEDS_AGENT,
    "self_service": SELF_SERVICE,
}


class EvaluationMissing(Exception):
    """The evaluation figures are not there or not in the expected shape."""


@dataclass(frozen=True)
class AssistantFigures:
    evaluation_set: str
    cases: int
    recorded: str
    # route_chance[need][route]: the chance the assistant gives that route to that caller.
    route_chance: dict[str, dict[str, float]]
    case_counts: dict[str, int]

    @property
    def triage_recall(self) -> float:
        """Share of callers who need priority that the assistant prioritises."""
        return self.route_chance[NEEDS_PRIORITY][PRIORITISED]

    @property
    def containment_of_self_service(self) -> float:
        """Share of callers the assistant could help that it finishes without an agent."""
        return self.route_chance[SELF_SERVICE][CONTAINED]


def load_figures(evaluation_set: str = "blind", text: str | None = None) -> AssistantFigures:
    """The figures of one evaluation set (`blind`, the cleaner estimate, by default). `text`
    replaces the committed file, for tests."""
    if text is None:
        source = resources.files("synergy.contact.twin").joinpath("data/triage_evaluation.json")
        try:
            text = source.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise EvaluationMissing(
                "No triage evaluation figures: run bench/triage_eval.py --set blind --record"
            ) from None
    recorded: dict[str, Any] = json.loads(text)
    if evaluation_set not in recorded:
        raise EvaluationMissing(
            f"No figures for the {evaluation_set!r} evaluation set (recorded: "
            f"{', '.join(sorted(recorded)) or 'none'}); bench/triage_eval.py --set NAME --record "
            "records one"
        )
    entry = recorded[evaluation_set]
    try:
        confusion: dict[str, dict[str, int]] = entry["route_confusion"]
        counts = {need: {route: 0 for route in ROUTES} for need in NEEDS}
        for expected, row in confusion.items():
            for got, number in row.items():
                counts[_NEED_FOR[expected]][_ROUTE_FOR[got]] += int(number)
    except (KeyError, TypeError, ValueError) as exc:
        raise EvaluationMissing(f"Triage evaluation figures are malformed: {exc}") from None
    totals = {need: sum(counts[need].values()) for need in NEEDS}
    if not all(totals.values()):
        raise EvaluationMissing("Triage evaluation figures have no cases for some kind of caller")
    return AssistantFigures(
        evaluation_set=evaluation_set,
        cases=int(entry["cases"]),
        recorded=str(entry.get("recorded", "")),
        route_chance={
            need: {route: counts[need][route] / totals[need] for route in ROUTES}
            for need in NEEDS
        },
        case_counts=totals,
    )
