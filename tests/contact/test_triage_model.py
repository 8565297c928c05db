"""The trained artefact: reproducible, packaged, fast path equal to scikit-learn's, and never
trained on the held-out evaluation set."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from synergy.contact.understanding import Intent, Vulnerability
from synergy.contact.understanding.model import (
    FORMAT_VERSION,
    TriageModel,
    load_model,
    model_text,
)
from synergy.contact.understanding.training import (
    DANGER_BATCHES,
    DERIVED_EVALUATION_SETS,
    EVALUATION_SETS,
    TRAINING_BATCHES,
    build_corpus,
    contrast_examples,
    data_path,
    evaluation_sets,
    fit,
    heldout_keys,
    read_cases,
)

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="shared training data not present")


def _script():
    spec = importlib.util.spec_from_file_location("train_triage", ROOT / "scripts" /
                                                  "train_triage.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("train_triage", module)
    spec.loader.exec_module(module)
    return module


def test_the_artefact_ships_in_the_package_and_is_small():
    path = data_path("triage_model.joblib")
    # about 5.9 MB since round 7 gave the contrast classifiers character features (round 6's
    # word-only contrast classifiers: 0.4 MB)
    assert path.is_file() and path.stat().st_size < 6 * 1024 * 1024
    assert load_model() is not None


def test_the_committed_artefact_matches_its_manifest():
    manifest = json.loads(data_path("triage_model.manifest.json").read_text())
    model = load_model()
    assert model is not None
    artefact = {"format": FORMAT_VERSION, "vectoriser": model.vectoriser,
                "intent_clf": model.intent_clf,
                "contrast_vectoriser": model.contrast.vectoriser,
                "danger_clf": model.contrast.clf, "risk_clf": model.contrast.risk_clf,
                "vuln_clfs": {v.value: c for v, c in model.vuln_clfs.items()},
                "thresholds": {v.value: t for v, t in model.thresholds.items()}}
    assert _script().prediction_hash(artefact) == manifest["prediction_sha256"]


def test_fast_scoring_equals_scikit_learn():
    model = load_model()
    assert model is not None
    for text in ["my husband hit me", "I lost my keys!", "", "ਮਦਦ", "kill kill kill " * 50]:
        fast, slow = model.predict(text), model.predict_slow(text)
        assert fast.intent is slow.intent
        assert fast.confidence == pytest.approx(slow.confidence, abs=1e-9)
        for v in Vulnerability:
            assert fast.vulnerability_scores[v] == pytest.approx(slow.vulnerability_scores[v],
                                                                 abs=1e-9)


def test_fast_contrast_scoring_equals_scikit_learn():
    model = load_model()
    assert model is not None
    for text in ["someone's been stabbed", "I lost my keys!", "", "ਮਦਦ", "fire " * 80]:
        reader = model.contrast
        assert reader.score(text) == pytest.approx(reader.score_slow(text), abs=1e-9)
        assert reader.risk(text) == pytest.approx(reader.risk_slow(text), abs=1e-9)


@needs_shared
def test_no_held_out_text_is_used_for_training():
    corpus = build_corpus(SHARED)
    trained = {model_text(e.text) for e in corpus}
    for name in evaluation_sets():
        for case in read_cases(name):
            for turn in [*case.get("history", []), case["text"]]:
                assert model_text(turn) not in trained, turn
    authored = {model_text(c["text"]) for c in read_cases("train_cases.jsonl")}
    held = {model_text(c["text"]) for name in evaluation_sets() for c in read_cases(name)}
    assert not authored & held


def test_derived_evaluation_sets_are_held_out_wherever_they_are_built():
    assert "hwu64_alarming.jsonl" in DERIVED_EVALUATION_SETS
    built = [n for n in DERIVED_EVALUATION_SETS if data_path(n).exists()]
    assert evaluation_sets() == [*EVALUATION_SETS, *built]
    keys = heldout_keys()
    assert all(model_text(c["text"]) in keys for name in built for c in read_cases(name))


@needs_shared
def test_spent_batches_train_the_model_and_kept_aside_ones_never_do():
    assert "new_wording_r10_holdout.jsonl" in EVALUATION_SETS
    # spent in round 7
    assert {"new_wording_r7_holdout", "new_wording_r9_holdout"} <= set(TRAINING_BATCHES)
    assert not {f"{b}.jsonl" for b in TRAINING_BATCHES} & set(EVALUATION_SETS)
    corpus = build_corpus(SHARED)
    batch = [e for e in corpus if e.source.startswith("batches")]
    assert {e.source for e in batch} == {"batches", "batches_asr", "batches_whisper"}
    updates = [e for e in corpus if e.source == "update_phrasings"]
    assert len({e.text for e in updates}) > 200
    # they widen the intent classifier only: the vocabulary and the vulnerability classifiers
    # are shaped by the cases labelled for vulnerabilities
    for e in batch + updates:
        assert e.intent is Intent.UPDATE_EXISTING and e.intent_only and not e.vulnerabilities
    labelled = {"authored", "asr", "clinc150", "banking77", "counsel_chat"}
    assert not any(e.intent_only for e in corpus if e.source in labelled)


@needs_shared
def test_the_contrast_classifiers_learn_from_every_spent_batch_and_no_evaluation_set():
    assert set(TRAINING_BATCHES) <= set(DANGER_BATCHES)
    assert not {f"{b}.jsonl" for b in DANGER_BATCHES} & set(EVALUATION_SETS)
    corpus = build_corpus(SHARED)
    examples = contrast_examples(corpus)
    texts = {model_text(c.text) for c in examples}
    for name in EVALUATION_SETS:
        for case in read_cases(name):
            assert model_text(case["text"]) not in texts, case["text"]
    labels = {model_text(c.text): c for c in examples}
    spent = [c for b in DANGER_BATCHES for c in read_cases(f"{b}.jsonl")]
    for case in spent:
        if case["category"] in ("emergency", "civil", "everyday"):
            taught = labels[model_text(case["text"])]
            assert taught.danger is taught.risk is (case["category"] == "emergency")
    # the update phrasings teach the intent model only, not what counts as a risk
    assert all(c.risk is None for c in examples if not c.danger and "reported" in c.text
               and model_text(c.text) in {model_text(e.text) for e in corpus if e.intent_only})


@pytest.mark.slow
@needs_shared
def test_training_is_deterministic_at_small_scale():
    def predictions() -> list:
        corpus = build_corpus(SHARED, scale=0.05)[::6]  # a small slice keeps this test quick
        model = TriageModel(fit(corpus))
        probes = ["my son is missing", "noise from next door", "i was scammed online"]
        return [(p.intent, round(p.confidence, 10)) for p in map(model.predict, probes)] + [
            (round(model.contrast.score(t), 10), round(model.contrast.risk(t), 10))
            for t in probes]

    assert predictions() == predictions()


def test_the_held_out_set_is_big_enough_and_varied():
    cases = read_cases("heldout.jsonl")
    per_vuln = Counter(v for c in cases for v in c["vulnerabilities"])
    assert all(per_vuln[v.value] >= 25 for v in Vulnerability)
    tags = Counter(t for c in cases for t in c.get("tags", []))
    for tag in ("indirect", "third_party", "negation", "late", "asr", "language"):
        assert tags[tag] >= 5, tag
    assert {c["intent"] for c in cases if c["intent"]} == {i.value for i in Intent}
    assert sum(1 for c in cases if c.get("history")) >= 10
