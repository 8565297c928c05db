"""The HWU64 evaluation fixture: its derivation script, and the fixture where it is built (its
text is not committed; `scripts/derive_hwu64_fixture.py` builds it)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from synergy.contact.understanding.training import data_path, read_cases

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = "hwu64_alarming.jsonl"


def _script():
    spec = importlib.util.spec_from_file_location("derive_hwu64_fixture",
                                                  ROOT / "scripts" / "derive_hwu64_fixture.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("derive_hwu64_fixture", module)
    spec.loader.exec_module(module)
    return module


def _write(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_derivation_reads_both_csv_layouts_skips_irrelevant_rows_and_is_deterministic(tmp_path):
    script = _script()
    full = _write(tmp_path / "all.csv", "userid;answerid;scenario;intent;status;answer", [
        '1;10;alarm;set;;"Wake me up at 7, set an alarm"',
        '1;11;alarm;set;IRR_nonsense;"set the alarm for the fire drill"',
        '2;12;play;music;;"Play some jazz"',
        '2;13;play;music;;"play some JAZZ"',  # the same text in other case: kept once
    ])
    folds = tmp_path / "folds"
    folds.mkdir()
    _write(folds / "qa_factoid.csv",
           "answerid;scenario;intent;answer_annotation;answer_from_anno;answer_from_user",
           ['12;qa;factoid;"how did he die";"how did he die";"How did he die?"'])
    first = script.derive(list(script.read_utterances([full, folds])))
    again = script.derive(list(script.read_utterances([folds, full])))
    assert first == again
    assert [(c["id"], c["sample"]) for c in first] == [
        ("hwu-alarm_set-10", "alarming"), ("hwu-qa_factoid-12", "alarming"),
        ("hwu-play_music-12", "plain"),
    ]
    assert first[1] == {"id": "hwu-qa_factoid-12", "text": "How did he die?", "scenario": "qa",
                        "intent": "factoid", "sample": "alarming"}


def test_alarming_words_match_whole_words_only():
    script = _script()
    assert script.is_alarming("Olly, set an ALARM for six")
    assert script.is_alarming("my phone died")
    assert not script.is_alarming("play firework by katy perry")  # "fire" inside a word
    assert not script.is_alarming("what's the weather like")


@pytest.mark.skipif(not data_path(FIXTURE).exists(), reason="HWU64 fixture not built here")
def test_the_built_fixture_parses_with_unique_ids_and_both_samples():
    cases = read_cases(FIXTURE)
    assert data_path(FIXTURE).stat().st_size < 300 * 1024
    assert len({c["id"] for c in cases}) == len(cases)
    assert all(c["id"].startswith("hwu-") and c["text"].strip() for c in cases)
    assert {c["sample"] for c in cases} == {"alarming", "plain"}
    assert sum(c["sample"] == "plain" for c in cases) == 300
    assert len({" ".join(c["text"].lower().split()) for c in cases}) == len(cases)
    script = _script()
    assert all(script.is_alarming(c["text"]) == (c["sample"] == "alarming") for c in cases)
