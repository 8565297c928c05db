"""Choose the contrast classifiers' thresholds by leaving one spent batch out at a time.

    .venv/bin/python bench/triage_lobo.py [--danger 0.7,0.8,0.9] [--risk 0.5,0.7]
                                          [--floor 0.2,0.3]

For each spent batch (`training.DANGER_BATCHES`), the contrast classifiers are trained on
everything else (the batch's typed and Whisper forms left out) and put in the loaded model's
place; the batch is then read in its four forms (typed, typo, speech style, Whisper, as
`bench/triage_public_eval.py` makes them) at every combination of the thresholds given
(`engine.DANGER_SCORE`, `engine.DANGER_RISK`, `engine.RISK_FLOOR`). Summed over batches, per
combination: emergencies on the emergency route and on the emergency or priority routes,
civil accounts and everyday calls prioritised or on the emergency route. The held-out and
blind sets, never trained on, are read with the full model at each combination: vulnerable
callers on each route, and other calls prioritised. The intent model is the committed one
(it learnt the spent batches' update requests only). Prints a table; nothing is written."""

from __future__ import annotations

import argparse
import itertools
import random
from collections import Counter

from triage_eval import engine as read_case
from triage_eval import expected_route
from triage_public_eval import DEFAULT_SHARED, SEED, URGENT, plain_word_cases

from synergy.contact.understanding import engine, understand
from synergy.contact.understanding.model import ContrastReader, load_model, model_text
from synergy.contact.understanding.training import (
    DANGER_BATCHES,
    build_corpus,
    contrast_examples,
    data_path,
    fit_contrast,
    read_cases,
)


def _floats(text: str) -> list[float]:
    return [float(x) for x in text.split(",") if x]


def _batch_texts(name: str) -> set[str]:
    cases = read_cases(f"{name}.jsonl")
    if data_path(f"{name}_speech.jsonl").exists():
        cases += read_cases(f"{name}_speech.jsonl")
    return {model_text(c["text"]) for c in cases}


def _count(tally: Counter, part: str, route: str, form: str) -> None:
    tally[f"{part} n"] += 1
    if part == "emergency":
        tally["emergency route"] += route == "emergency"
        tally[f"emergency {form} n"] += 1
        tally[f"emergency {form}"] += route == "emergency"
        tally["emergency self-service"] += route == "self_service"
        tally["emergency or priority"] += route in URGENT
    elif part in ("civil", "everyday"):
        tally[f"{part} prioritised"] += route in URGENT
        tally[f"{part} emergency route"] += route == "emergency"
        tally[f"{part} self-service"] += route == "self_service"


def _set_thresholds(combo: tuple[float, float, float]) -> None:
    engine.DANGER_SCORE, engine.DANGER_RISK, engine.RISK_FLOOR = combo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--danger", type=_floats, default=[engine.DANGER_SCORE])
    parser.add_argument("--risk", type=_floats, default=[engine.DANGER_RISK])
    parser.add_argument("--floor", type=_floats, default=[engine.RISK_FLOOR])
    parser.add_argument("--show-misses", metavar="FORM",
                        help="list the cases of this form (typed, typo, asr, whisper) on the "
                             "wrong side (an emergency not on the emergency route, a civil or "
                             "everyday call prioritised), at the first combination")
    args = parser.parse_args()
    combos = list(itertools.product(args.danger, args.risk, args.floor))
    model = load_model()
    assert model is not None, "no triage model: scripts/train_triage.py"
    full = model.contrast
    corpus = build_corpus(DEFAULT_SHARED)
    pairs = contrast_examples(corpus)
    tallies = {c: Counter() for c in combos}
    for name in DANGER_BATCHES:
        left_out = _batch_texts(name)
        model.contrast = ContrastReader(*fit_contrast(
            [p for p in pairs if model_text(p.text) not in left_out]))
        cases = [c for c in plain_word_cases(random.Random(SEED), name)
                 if c["part"] in ("emergency", "civil", "everyday")]
        for combo in combos:
            _set_thresholds(combo)
            for c in cases:
                u = understand(c["text"])
                _count(tallies[combo], c["part"], u.route.value, c["form"])
                if combo == combos[0] and c["form"] == args.show_misses and (
                    (c["part"] == "emergency" and u.route.value != "emergency")
                    or (c["part"] != "emergency" and u.route.value in URGENT)
                ):
                    why = "; ".join(u.reasons)[:200]
                    print(f"MISS {name} {c['part']} {u.route.value} {u.intent.value}: "
                          f"{c['text'][:160]} || {why}")
        print(f"read {name}: {len(cases)} forms", flush=True)
    model.contrast = full
    sets = {n: read_cases(f"{n}.jsonl") for n in ("heldout", "blind")}
    for combo in combos:
        _set_thresholds(combo)
        for set_name, cases in sets.items():
            for c in cases:
                _, _, route = read_case(c["text"], c.get("history", []))
                want = expected_route(c.get("intent"), set(c.get("vulnerabilities", [])),
                                      c.get("language"))
                if want in URGENT:
                    tallies[combo][f"{set_name} vulnerable {route}"] += 1
                else:
                    tallies[combo][f"{set_name} others n"] += 1
                    tallies[combo][f"{set_name} others prioritised"] += route in URGENT
    _report(tallies)


def _report(tallies: dict[tuple[float, float, float], Counter]) -> None:
    any_tally = next(iter(tallies.values()))
    print(f"\nspent batches, all forms: {any_tally['emergency n']} emergencies, "
          f"{any_tally['civil n']} civil, {any_tally['everyday n']} everyday")
    head = ("danger", "risk", "floor", "emerg", "e-or-p", "civ pri", "civ em", "day pri",
            "day em", "held e/p/a", "held oth", "blind e/p/a", "blind oth")
    print("".join(f"{h:>12}" for h in head))
    for combo, t in tallies.items():
        row = [*combo, t["emergency route"], t["emergency or priority"], t["civil prioritised"],
               t["civil emergency route"], t["everyday prioritised"],
               t["everyday emergency route"]]
        for s in ("heldout", "blind"):
            row.append("/".join(str(t[f"{s} vulnerable {r}"])
                                for r in ("emergency", "priority_agent", "agent")))
            row.append(f"{t[f'{s} others prioritised']}/{t[f'{s} others n']}")
        print("".join(f"{v:>12}" for v in row))
        forms = ("typed", "typo", "asr", "whisper")
        print(" " * 36 + "emergency route by form: " + ", ".join(
            f"{f} {t[f'emergency {f}']}/{t[f'emergency {f} n']}" for f in forms))
        print(" " * 36 + "self-service: " + ", ".join(
            f"{p} {t[f'{p} self-service']}" for p in ("emergency", "civil", "everyday")))


if __name__ == "__main__":
    main()
