"""Evaluate 101 triage on the held-out set, beside a plain keyword-matching baseline.

    .venv/bin/python bench/triage_eval.py [--cases PATH] [--show-misses] [--record]

Prints per-vulnerability recall and precision, intent macro-F1, the route confusion matrix,
the share of non-vulnerable calls wrongly prioritised, and p50/p99 latency per utterance.
`--record` also writes the engine's route confusion and recall for the set to
`synergy/contact/twin/data/triage_evaluation.json`, which the digital twin of 101 reads.
Pin to one core for the latency figures: `taskset -c 0 .venv/bin/python bench/triage_eval.py`."""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from synergy.contact.understanding import Intent, Route, Vulnerability, understand
from synergy.contact.understanding.policy import PRIORITY_INTENTS, SELF_SERVICE_INTENTS
from synergy.contact.understanding.training import data_path

Result = tuple[str | None, set[str], str]  # intent, vulnerabilities, route
TWIN_FIGURES = (
    Path(__file__).resolve().parent.parent / "synergy/contact/twin/data/triage_evaluation.json"
)

# The baseline: one obvious keyword list per label, as a first attempt would write it.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "domestic_abuse": ("domestic", "husband hit", "partner hit", "boyfriend hit", "abuse"),
    "suicide_self_harm": ("suicide", "suicidal", "kill myself", "self harm", "overdose"),
    "missing_child": ("missing child", "son is missing", "daughter is missing"),
    "missing_adult": ("missing person", "gone missing"),
    "child_at_risk": ("child abuse", "neglect", "home alone"),
    "threat_to_life": ("kill", "knife", "gun", "stab"),
    "mental_health_crisis": ("mental health", "psychotic", "hearing voices"),
    "vulnerable_adult": ("dementia", "elderly", "vulnerable"),
    "sexual_offence": ("rape", "sexual", "indecent"),
    "hate_crime": ("racist", "racial", "homophobic", "hate crime"),
    "exploitation": ("county lines", "trafficking", "slavery", "exploit"),
}
INTENT_KEYWORDS: dict[str, tuple[str, ...]] = {
    "emergency": ("right now", "help me"),
    "missing_person": ("missing",),
    "domestic_abuse": ("husband", "partner", "boyfriend"),
    "fraud_scam": ("scam", "fraud"),
    "lost_found_property": ("lost", "found", "handed in"),
    "update_existing": ("update", "reference", "crime number"),
    "contact_officer": ("speak to", "pc ", "custody"),
    "antisocial_behaviour": ("noise", "youths", "kids", "music"),
    "road_traffic": ("car", "driver", "collision", "crash"),
    "information_report": ("information", "suspicious"),
    "concern_for_welfare": ("worried", "concern"),
    "general_enquiry": ("how do i", "apply"),
    "crime_report": ("stole", "stolen", "burgl", "broke"),
}


def baseline(text: str, history: list[str]) -> Result:
    low = " ".join([*history, text]).lower()
    vulns = {v for v, words in KEYWORDS.items() if any(w in low for w in words)}
    intent = next(
        (i for i, words in INTENT_KEYWORDS.items() if any(w in low for w in words)),
        "not_police_matter",
    )
    return intent, vulns, expected_route(intent, vulns, None)


def engine(text: str, history: list[str]) -> Result:
    u = understand(text, history=history)
    return u.intent.value, {v.value for v in u.vulnerabilities}, u.route.value


def expected_route(intent: str | None, vulns: set[str], language: str | None) -> str:
    """The route a case *should* get, from its labels, by the documented policy."""
    if intent == "emergency":
        return Route.EMERGENCY.value
    if vulns or language or (intent and Intent(intent) in PRIORITY_INTENTS):
        return Route.PRIORITY_AGENT.value
    if intent and Intent(intent) in SELF_SERVICE_INTENTS:
        return Route.SELF_SERVICE.value
    return Route.AGENT.value


def run(cases: list[dict], fn: Callable[[str, list[str]], Result]) -> dict:
    """Each case is timed three times and the median kept: the machine is shared, and one
    scheduler hiccup should not count as the engine's latency."""
    results, latencies = [], []
    for case in cases:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            result = fn(case["text"], case.get("history", []))
            times.append((time.perf_counter() - start) * 1000)
        results.append(result)
        latencies.append(statistics.median(times))
    return {"results": results, "latencies": latencies}


def vulnerability_table(cases: list[dict], results: list[Result]) -> dict[str, tuple]:
    table = {}
    for v in [*Vulnerability, None]:
        name = v.value if v else "ALL"
        tp = fp = fn = 0
        for case, (_, got, _) in zip(cases, results, strict=True):
            want = set(case["vulnerabilities"])
            if v is None:
                tp += len(want & got)
                fp += len(got - want)
                fn += len(want - got)
            else:
                tp += v.value in want and v.value in got
                fp += v.value not in want and v.value in got
                fn += v.value in want and v.value not in got
        table[name] = (_ratio(tp, tp + fn), _ratio(tp, tp + fp), tp + fn)
    return table


def macro_f1(cases: list[dict], results: list[Result]) -> float:
    return statistics.fmean(intent_f1(cases, results).values())


def intent_f1(cases: list[dict], results: list[Result]) -> dict[str, float]:
    pairs = [(c["intent"], r[0]) for c, r in zip(cases, results, strict=True) if c["intent"]]
    f1s = {}
    for label in sorted({want for want, _ in pairs}):
        tp = sum(1 for w, g in pairs if w == label and g == label)
        fp = sum(1 for w, g in pairs if w != label and g == label)
        fn = sum(1 for w, g in pairs if w == label and g != label)
        f1s[label] = _ratio(2 * tp, 2 * tp + fp + fn)
    return f1s


def over_prioritised(cases: list[dict], results: list[Result]) -> tuple[float, int]:
    calm = [
        (c, r)
        for c, r in zip(cases, results, strict=True)
        if expected_route(c["intent"], set(c["vulnerabilities"]), c.get("language"))
        in (Route.AGENT.value, Route.SELF_SERVICE.value)
    ]
    wrong = sum(1 for _, r in calm if r[2] in (Route.EMERGENCY.value, Route.PRIORITY_AGENT.value))
    return _ratio(wrong, len(calm)), len(calm)


def confusion(cases: list[dict], results: list[Result]) -> list[str]:
    routes = [r.value for r in Route]
    counts = {(w, g): 0 for w in routes for g in routes}
    for c, r in zip(cases, results, strict=True):
        want = expected_route(c["intent"], set(c["vulnerabilities"]), c.get("language"))
        counts[(want, r[2])] += 1
    lines = ["expected \\ got".ljust(16) + "".join(g[:14].rjust(16) for g in routes)]
    lines += [w.ljust(16) + "".join(str(counts[(w, g)]).rjust(16) for g in routes) for w in routes]
    return lines


def _ratio(a: float, b: float) -> float:
    return a / b if b else 1.0


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(cases: list[dict], runs: dict[str, dict], label: str) -> None:
    names = list(runs)
    print(f"{label}: {len(cases)} cases\n")
    tables = {n: vulnerability_table(cases, runs[n]["results"]) for n in names}
    print(
        "vulnerability".ljust(22)
        + "n".rjust(5)
        + "".join(f"{n} recall".rjust(18) + f"{n} prec".rjust(16) for n in names)
    )
    for v in tables[names[0]]:
        row = v.ljust(22) + str(tables[names[0]][v][2]).rjust(5)
        row += "".join(f"{tables[n][v][0]:18.3f}{tables[n][v][1]:16.3f}" for n in names)
        print(row)
    print()
    for n in names:
        res = runs[n]["results"]
        share, calm = over_prioritised(cases, res)
        lat = runs[n]["latencies"]
        print(
            f"{n}: intent macro-F1 {macro_f1(cases, res):.3f}; non-vulnerable calls wrongly "
            f"prioritised {share:.1%} of {calm}; latency p50 {_pct(lat, 0.5):.2f} ms, "
            f"p99 {_pct(lat, 0.99):.2f} ms"
        )
    per_intent = {n: intent_f1(cases, runs[n]["results"]) for n in names}
    print("\n" + "intent F1".ljust(23) + "".join(n.rjust(12) for n in names))
    for label in per_intent[names[0]]:
        print(label.ljust(23) + "".join(f"{per_intent[n][label]:12.3f}" for n in names))
    for n in names:
        print(f"\nroute confusion ({n}):")
        print("\n".join(confusion(cases, runs[n]["results"])))


def route_confusion(cases: list[dict], results: list[Result]) -> dict[str, dict[str, int]]:
    """How many cases of each expected route got each route."""
    routes = [r.value for r in Route]
    counts = {want: dict.fromkeys(routes, 0) for want in routes}
    for c, r in zip(cases, results, strict=True):
        counts[expected_route(c["intent"], set(c["vulnerabilities"]), c.get("language"))][r[2]] += 1
    return counts


def record(cases: list[dict], results: list[Result], set_name: str) -> Path:
    """Write this set's figures where the digital twin reads them (machine-readable, so the
    twin's assumptions about the assistant are never typed in by hand)."""
    path = TWIN_FIGURES
    figures = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    share, calm = over_prioritised(cases, results)
    figures[set_name] = {
        "cases": len(cases),
        "recorded": time.strftime("%Y-%m-%d"),
        "command": f"bench/triage_eval.py --set {set_name} --record",
        "route_confusion": route_confusion(cases, results),
        "vulnerability_recall": round(vulnerability_table(cases, results)["ALL"][0], 4),
        "wrongly_prioritised_share": round(share, 4),
        "intent_macro_f1": round(macro_f1(cases, results), 4),
    }
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description="Evaluate 101 triage on held-out cases")
    parser.add_argument(
        "--set",
        choices=["heldout", "blind"],
        default="heldout",
        help="heldout: the main evaluation set; blind: a second set written "
        "after the rules were tuned and never used for tuning",
    )
    parser.add_argument("--cases", type=Path, help="any other JSONL file of labelled cases")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument(
        "--record", action="store_true", help="write the figures the digital twin reads"
    )
    args = parser.parse_args()
    path = args.cases or data_path(f"{args.set}.jsonl")
    cases = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
    understand("warm up")  # loads the model once, outside the timings
    runs = {"engine": run(cases, engine), "baseline": run(cases, baseline)}
    report(cases, runs, str(path.name))
    if args.record:
        if args.cases:
            parser.error("--record records only the named sets (--set), not --cases")
        print(f"\nrecorded in {record(cases, runs['engine']['results'], args.set)}")
    if args.show_misses:
        for c, r in zip(cases, runs["engine"]["results"], strict=True):
            want = set(c["vulnerabilities"])
            if want != r[1] or (c["intent"] and c["intent"] != r[0]):
                print(
                    f"MISS {c['id']} want={c['intent']}/{sorted(want)} got={r[0]}/"
                    f"{sorted(r[1])}: {' >> '.join([*c.get('history', []), c['text']])}"
                )


if __name__ == "__main__":
    main()
