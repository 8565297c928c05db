"""The `triage` command's contract: JSON lines in, one JSON line out per input line."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from synergy.contact.cli import app

runner = CliRunner()


def _run(stdin: str):
    result = runner.invoke(app, ["triage"], input=stdin)
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    return result, lines


def test_each_line_gets_a_result_in_order():
    result, lines = _run(
        '{"id": "a", "text": "I lost my wallet on the bus"}\n'
        '{"id": "b", "text": "my husband hit me last night"}\n'
    )
    assert result.exit_code == 0
    assert [x["id"] for x in lines] == ["a", "b"]
    assert set(lines[0]) == {"id", "intent", "intent_confidence", "risk", "route",
                             "vulnerabilities", "evidence", "language", "danger"}
    assert lines[0]["route"] == "self_service" and lines[0]["vulnerabilities"] == []
    assert lines[1]["vulnerabilities"] == ["domestic_abuse"]
    assert lines[1]["route"] == "priority_agent"
    ev = lines[1]["evidence"][0]
    assert ev["vulnerability"] == "domestic_abuse" and ev["text"] and ev["rule"]


def test_history_is_used_when_given():
    _, lines = _run('{"id": 7, "text": "and he said he would kill me", "history": ["hi"]}\n')
    assert "threat_to_life" in lines[0]["vulnerabilities"]


def test_bad_lines_get_an_error_and_processing_continues():
    result, lines = _run(
        "not json\n"
        '{"id": 2}\n'
        '["a list"]\n'
        '{"id": 4, "text": 5}\n'
        '{"id": 5, "text": "x", "history": "oops"}\n'
        '{"id": 6, "text": "' + "a" * 6000 + '"}\n'
        "\n"
        '{"id": 8, "text": "can I speak to PC Smith"}\n'
    )
    assert result.exit_code == 0
    assert [x.get("line") for x in lines[:6]] == [1, 2, 3, 4, 5, 6]
    assert all("error" in x for x in lines[:6])
    assert lines[1]["id"] == 2 and lines[0]["id"] is None
    assert "5000" in lines[5]["error"]
    assert lines[6]["id"] == 8 and "error" not in lines[6]


def test_exit_code_is_non_zero_only_when_nothing_could_be_processed():
    result, lines = _run("garbage\n{}\n")
    assert result.exit_code == 1 and len(lines) == 2
    empty, nothing = _run("")
    assert empty.exit_code == 0 and nothing == []


def test_app_mounts_as_a_named_subcommand():
    parent = typer.Typer()
    parent.add_typer(app, name="contact")

    @parent.command()
    def other() -> None:  # a second command makes the parent a group, as the real CLI is
        """Placeholder."""

    result = CliRunner().invoke(parent, ["contact", "triage"], input='{"id":1,"text":"hi"}\n')
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == 1


def test_a_line_nested_too_deep_or_with_a_huge_id_gets_its_own_error_and_the_run_goes_on():
    result, lines = _run(
        "[" * 100_000 + "]" * 100_000 + "\n"
        '{"id": ' + "9" * 5000 + ', "text": "hello"}\n'
        '{"id": {"a": [1, 2]}, "text": "hello"}\n'
        '{"id": "' + "x" * 300 + '", "text": "hello"}\n'
        '{"id": 5, "text": "I lost my wallet"}\n'
    )
    assert result.exit_code == 0
    assert [x.get("line") for x in lines[:4]] == [1, 2, 3, 4]
    assert "nested too deeply" in lines[0]["error"]
    assert "too long" in lines[1]["error"]
    assert all("'id' must be" in x["error"] for x in lines[2:4])
    assert lines[4]["id"] == 5 and "error" not in lines[4]


def test_an_emergency_line_names_the_words_behind_it():
    _, lines = _run('{"id": 1, "text": "my baby isnt breathing"}\n{"id": 2, "text": "hi"}\n')
    assert lines[0]["route"] == "emergency"
    assert lines[0]["danger"] and "breathing" in lines[0]["danger"][0]["text"]
    assert lines[1]["danger"] == []
