"""`synergy simulate`: the stable quick form, the month side by side, and clear errors."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from synergy.cli import app as synergy

runner = CliRunner()
QUICK = ["simulate", "--arrivals-per-hour", "100", "--handle-seconds", "300", "--agents", "10",
         "--hours", "200", "--seed", "4"]  # fmt: skip


def _run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(synergy, list(args))


def test_the_quick_form_prints_one_json_object_with_the_promised_figures():
    result = _run(*QUICK, "--patience-seconds", "180", "--target-seconds", "30", "--json")
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.strip().splitlines()
    printed = json.loads(line)
    for key in ("p_wait", "asa_seconds", "abandoned_share", "service_level"):
        assert 0 <= printed[key] <= (1 if key != "asa_seconds" else 300)
    assert printed["abandoned_share"] > 0
    assert printed["inputs"]["target_seconds"] == 30
    assert printed["model"] == "Erlang A"


def test_without_patience_nobody_hangs_up_and_the_same_seed_repeats():
    first = json.loads(_run(*QUICK, "--json").stdout)
    again = json.loads(_run(*QUICK, "--json").stdout)
    assert first == again
    assert first["abandoned_share"] == 0
    assert first["model"] == "Erlang C"


def test_the_quick_form_without_json_prints_the_figures_beside_the_formula():
    result = _run(*QUICK)
    assert result.exit_code == 0
    assert "p_wait" in result.stdout and "(Erlang C:" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--arrivals-per-hour", "100", "--agents", "3"], "also needs --handle-seconds, --hours"),
    (["--arrivals-per-hour", "100", "--handle-seconds", "300", "--agents", "0", "--hours", "5"],
     "--agents must be at least 1"),
    (["--arrivals-per-hour", "-1", "--handle-seconds", "300", "--agents", "2", "--hours", "5"],
     "--arrivals-per-hour must be more than 0"),
    (["--arrivals-per-hour", "10", "--handle-seconds", "300", "--agents", "2", "--hours", "5",
      "--patience-seconds", "0"], "--patience-seconds must be more than 0"),
    (["--patience-seconds", "60"], "belong to the quick form"),
    (["--arrivals-per-hour", "10", "--handle-seconds", "300", "--agents", "2", "--hours", "5",
      "--plot-dir", "x"], "belong to the month, not the quick form"),
    (["--evaluation-set", "nonsense"], "No figures for the 'nonsense' evaluation set"),
    (["--arrivals-per-hour", "1e6", "--handle-seconds", "300", "--agents", "2", "--hours", "1e4"],
     "at most 5,000,000 calls a replication"),
    (["--calls-per-month", "50000000"], "at most 2,000,000"),
    (["--target-service-level", "80"], "between 0 and 1"),
    (["--self-service-share", "1.5"], "self service share must be between 0 and 1"),
])  # fmt: skip
def test_bad_input_gets_a_clear_error_and_no_output(args, message):
    result = _run("simulate", *args, "--json")
    assert result.exit_code == 2
    assert message in result.output
    assert result.stdout.strip() == "" or not result.stdout.strip().startswith("{")


def test_the_month_prints_both_sides_suggests_agents_and_draws_them(tmp_path):
    result = _run("simulate", "--calls-per-month", "6000", "--seed", "2",
                  "--plot-dir", str(tmp_path))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "with the assistant" in result.stdout and "without it" in result.stdout
    assert "Suggested agents per hour" in result.stdout
    png, svg = tmp_path / "twin-month.png", tmp_path / "twin-month.svg"
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert "with the assistant" in svg.read_text(encoding="utf-8")


def test_the_month_as_json_compares_with_and_without_the_assistant():
    result = _run("simulate", "--calls-per-month", "6000", "--seed", "2", "--json")
    printed = json.loads(result.stdout)
    with_it, without = printed["with_assistant"], printed["without_assistant"]
    assert with_it["contained"] > 0 and without["contained"] == 0
    assert with_it["vulnerable_prioritised"] > 0
    assert printed["assistant"]["evaluation_set"] == "blind"
    suggested = printed["suggested_agents"]["by_weekday_and_hour"]
    assert len(suggested) == 7 and all(len(day) == 24 for day in suggested)
    assert printed["suggested_agents"]["simulated_service_level"] > 0.75
    assert 0 <= printed["suggested_agents"]["hours_of_the_week_below_target"] <= 168
