"""The assistant's behaviour in the twin comes from the recorded triage evaluation."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from synergy.contact.twin.assistant import (
    CONTAINED,
    NEEDS_PRIORITY,
    PRIORITISED,
    SELF_SERVICE,
    EvaluationMissing,
    load_figures,
)

RECORDED = Path(__file__).resolve().parents[3] / "synergy/contact/twin/data/triage_evaluation.json"


def test_the_committed_figures_are_the_evaluation_s_route_table():
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))["blind"]
    figures = load_figures("blind")
    table = recorded["route_confusion"]
    needing_priority = sum(sum(table[r].values()) for r in ("emergency", "priority_agent"))
    prioritised = sum(table[r][g] for r in ("emergency", "priority_agent")
                      for g in ("emergency", "priority_agent"))  # fmt: skip
    assert figures.triage_recall == pytest.approx(prioritised / needing_priority)
    assert figures.containment_of_self_service == pytest.approx(
        table["self_service"]["self_service"] / sum(table["self_service"].values())
    )
    assert figures.cases == recorded["cases"]


def test_each_kind_of_caller_gets_some_route():
    for set_name in ("blind", "heldout"):
        figures = load_figures(set_name)
        for chances in figures.route_chance.values():
            assert sum(chances.values()) == pytest.approx(1.0)
    assert load_figures("blind").route_chance[NEEDS_PRIORITY][PRIORITISED] > 0.9
    assert load_figures("blind").route_chance[SELF_SERVICE][CONTAINED] > 0.5


def test_a_set_that_was_never_recorded_says_how_to_record_it():
    with pytest.raises(EvaluationMissing, match=r"recorded: blind, heldout\); bench/triage_eval"):
        load_figures("other")


def test_malformed_figures_are_refused():
    with pytest.raises(EvaluationMissing, match="malformed"):
        unknown_route = {"x": {"agent": 1}}
        load_figures(text=json.dumps({"blind": {"cases": 3, "route_confusion": unknown_route}}))
    empty = {w: {g: 0 for g in ("agent", "self_service")} for w in ("agent", "self_service")}
    with pytest.raises(EvaluationMissing, match="no cases"):
        load_figures(text=json.dumps({"blind": {"cases": 0, "route_confusion": empty}}))


def _evaluation_module():  # type: ignore[no-untyped-def]
    """bench/triage_eval.py, which computes and records the figures."""
    path = RECORDED.parents[4] / "bench/triage_eval.py"
    spec = importlib.util.spec_from_file_location("triage_eval", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("set_name", ["blind", "heldout"])
def test_the_recorded_figures_are_what_the_assistant_does_now(set_name):
    """If the assistant's routing changes, the twin must not go on with old figures."""
    from synergy.contact.understanding.training import data_path

    evaluation = _evaluation_module()
    text = data_path(f"{set_name}.jsonl").read_text(encoding="utf-8")
    cases = [json.loads(line) for line in text.splitlines() if line]
    results = [evaluation.engine(c["text"], c.get("history", [])) for c in cases]
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))[set_name]
    assert evaluation.route_confusion(cases, results) == recorded["route_confusion"], (
        f"the assistant's routes have changed: run bench/triage_eval.py --set {set_name} --record"
    )
