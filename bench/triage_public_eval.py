"""Evaluate 101 triage on words it was not written for: public collections of real people's
words and plain-words 101 cases, each also varied (typos, fillers, speech style, and speech
recognised through the project's flite -> G.711 -> Whisper path), beside the keyword baseline.

    .venv/bin/python bench/triage_public_eval.py [--split dev|test] [--shared PATH] [--show-misses]
    .venv/bin/python bench/triage_public_eval.py --batch new_wording [--show-misses]

Parts (licences beside the data: shared data README, docs/contact-understanding.md):
- `clinc_oos`: CLINC150 out-of-scope *test* queries (CC BY 3.0) - everyday, must not be
  prioritised;
- `clinc_inscope`: 3 test queries per CLINC150 in-scope intent - everyday, likewise;
- `banking77`: 4 test queries per BANKING77 category (CC BY 4.0) - everyday, likewise;
- `hwu64`: HWU64 utterances to a home assistant (CC BY 4.0), `data/hwu64_alarming.jsonl`: every
  one with a word that sounds alarming out of context (alarm, fire, kill, died, help...) and 300
  plain ones - everyday, likewise; built by `scripts/derive_hwu64_fixture.py` and not committed
  (the part is left out, with a note, until it is built);
- `counsel_chat`: Counsel Chat questions (MIT) outside its train split, topics depression,
  anxiety, trauma, domestic violence - disclosures of distress: should reach a person, and
  ideally the priority queue;
- `emergency`, `civil`, `update`: `data/plain_words.jsonl`, written for this evaluation after
  the rules (emergencies in plain words; long accounts of civil disputes; update requests with
  references in police formats), each in four forms: as typed, with a typo, speech style (lower
  case, no punctuation, a filler, the call taker's words before it) and as Whisper heard it.
`--batch NAME` reads instead a batch of written cases, `data/NAME.jsonl` (categories
`emergency`, `civil`, `everyday`: short everyday calls with words that sound alarming, and
`update`: requests for an update on a report, measured as in the plain-words cases: read as
`update_existing`, and not prioritised), in the same forms; it is measured before the rules
are changed for it, so its first reading shows how they generalise to wording they were not
written for. With `--show-misses`, an update not read as `update_existing` is a miss too.
Every case falls in `dev` or `test` by a hash of its source id (all forms of a case on the same
side). Tune only on `dev`; `test` is for the closing figures. Proportions carry 95% Wilson
confidence intervals. Pin to one core for latency: `taskset -c 0`."""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import random
import re
import sys
from pathlib import Path

from triage_eval import _pct, baseline, engine, run

from synergy.contact.understanding import understand
from synergy.contact.understanding.training import data_path, read_cases

# the shared data folder beside the repository, or beside the folder of its clones (/work/wt/X)
DEFAULT_SHARED = next(
    (p / "shared" / "data" for p in Path(__file__).resolve().parents[2:4]
     if (p / "shared" / "data").is_dir()),
    Path(__file__).resolve().parents[2] / "shared" / "data",
)
URGENT = {"emergency", "priority_agent"}
PERSON = URGENT | {"agent"}
SEED = 20261203
COUNSEL_TOPICS = {"depression", "anxiety", "trauma", "domestic-violence"}
BANKING_SKIP = {"lost_or_stolen_card", "lost_or_stolen_phone"}  # could be a theft: a person
CALL_TAKER = {
    "emergency": "police whats the address of your emergency",
    "civil": "police how can i help",
    "update": "hello police non emergency how can i help",
    "everyday": "police how can i help",
}
FILLERS = ("um", "er", "erm", "like", "you know")
HWU64 = "hwu64_alarming.jsonl"


def split_of(key: str) -> str:
    return "test" if int(hashlib.sha256(key.encode()).hexdigest(), 16) % 2 else "dev"


def public_cases(shared: Path, rng: random.Random) -> list[dict]:
    clinc = json.loads((shared / "clinc150_oos" / "data_full.json").read_text(encoding="utf-8"))
    cases = [_case(f"oos{i}", t, "clinc_oos") for i, (t, _) in enumerate(clinc["oos_test"])]
    by_intent: dict[str, list[str]] = {}
    for text, label in clinc["test"]:
        by_intent.setdefault(label, []).append(text)
    for label in sorted(by_intent):
        for i, text in enumerate(rng.sample(by_intent[label], 3)):
            cases.append(_case(f"clinc-{label}-{i}", text, "clinc_inscope"))
    by_cat: dict[str, list[str]] = {}
    with (shared / "banking77" / "test.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            by_cat.setdefault(row["category"], []).append(row["text"])
    for cat in sorted(set(by_cat) - BANKING_SKIP):
        for i, text in enumerate(rng.sample(by_cat[cat], 4)):
            cases.append(_case(f"bank-{cat}-{i}", text, "banking77"))
    with (shared / "counsel_chat" / "questions_dedup.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["topic"] in COUNSEL_TOPICS and row["split"] != "train":
                text = f"{row['questionTitle']}. {row['questionText']}"[:4000]
                cases.append(_case(f"cc{row['questionID']}", text, "counsel_chat"))
    return cases + hwu64_cases()


def hwu64_cases() -> list[dict]:
    """HWU64's utterances with alarming words, and its plain sample (`sample` says which)."""
    if not data_path(HWU64).exists():
        print(f"hwu64 left out: data/{HWU64} is not built here "
              "(scripts/derive_hwu64_fixture.py)", file=sys.stderr)
        return []
    return [{**_case(c["id"], c["text"], "hwu64"), "sample": c["sample"]}
            for c in read_cases(HWU64)]


def plain_word_cases(rng: random.Random, name: str = "plain_words") -> list[dict]:
    """The written cases of `data/{name}.jsonl` in their four forms (Whisper's only when
    `data/{name}_speech.jsonl` holds it)."""
    heard = {}
    if data_path(f"{name}_speech.jsonl").exists():
        heard = {c["id"]: c["text"] for c in read_cases(f"{name}_speech.jsonl")}
    cases = []
    for c in read_cases(f"{name}.jsonl"):
        base = _case(c["id"], c["text"], c["category"])
        spoken = re.sub(r"[^\w\s]", "", c["text"].lower()).split()
        spoken.insert(rng.randrange(len(spoken) + 1), rng.choice(FILLERS))
        cases += [
            base,
            {**base, "text": _typo(c["text"], rng), "form": "typo"},
            {**base, "text": f"{CALL_TAKER[c['category']]} {' '.join(spoken)}", "form": "asr"},
        ]
        if c["id"] in heard:
            cases.append({**base, "text": heard[c["id"]], "form": "whisper"})
    return cases


def _case(key: str, text: str, part: str) -> dict:
    return {"key": key, "text": text, "part": part, "form": "typed", "split": split_of(key)}


def _typo(text: str, rng: random.Random) -> str:
    """One slip of the fingers in the longest word: two letters swapped."""
    words = text.split()
    i = max(range(len(words)), key=lambda k: len(words[k]))
    w = words[i]
    if len(w) > 3:
        j = rng.randrange(1, len(w) - 2)
        words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def wilson(k: int, n: int) -> tuple[float, float, float]:
    if not n:
        return 1.0, 0.0, 1.0
    p, z = k / n, 1.96
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return p, max(0.0, centre - half), min(1.0, centre + half)


def _share(k: int, n: int) -> str:
    p, lo, hi = wilson(k, n)
    return f"{p:6.1%} [{lo:5.1%}-{hi:5.1%}] {k:>4}/{n:<4}"


MEASURES = {  # part: (what is measured, routes that count as a success)
    "emergency": ("emergency route", {"emergency"}),
    "counsel_chat": ("priority or emergency", URGENT),
    "civil": ("wrongly prioritised", URGENT),
    "update": ("wrongly prioritised", URGENT),
    "everyday": ("wrongly prioritised", URGENT),
    "clinc_oos": ("wrongly prioritised", URGENT),
    "clinc_inscope": ("wrongly prioritised", URGENT),
    "banking77": ("wrongly prioritised", URGENT),
    "hwu64": ("wrongly prioritised", URGENT),
}


def report(cases: list[dict], runs: dict[str, dict]) -> None:
    names = list(runs)
    present = {c["part"] for c in cases}
    print(f"{'part':<15}{'form':<9}{'measure':<24}" + "".join(f"{n:<34}" for n in names))
    for part, (measure, routes) in MEASURES.items():
        if part not in present:
            continue
        forms = sorted({c["form"] for c in cases if c["part"] == part})
        for form in [*forms, "all"] if len(forms) > 1 else forms:
            idx = [
                i for i, c in enumerate(cases) if c["part"] == part and form in (c["form"], "all")
            ]
            row = f"{part:<15}{form:<9}{measure:<24}"
            for n in names:
                got = [runs[n]["results"][i][2] for i in idx]
                row += f"{_share(sum(r in routes for r in got), len(got)):<34}"
            print(row)
    _extra(cases, runs)
    for n in names:
        lat = runs[n]["latencies"]
        print(f"{n}: latency p50 {_pct(lat, 0.5):.2f} ms, p99 {_pct(lat, 0.99):.2f} ms")


def _extra(cases: list[dict], runs: dict[str, dict]) -> None:
    """Figures beside the main ones: emergencies that reach a person at once or ahead of the
    queue, distress that reaches a person at all, updates read as updates, civil matters sent
    to self-service, everyday words sent to the emergency route; HWU64's two samples apart."""
    rows = (  # part, cases of it ("all" or a sample), what is counted
        ("emergency", "all", "emergency or priority", lambda r: r[2] in URGENT),
        ("counsel_chat", "all", "reaches a person", lambda r: r[2] in PERSON),
        ("update", "all", "intent update_existing", lambda r: r[0] == "update_existing"),
        (
            "civil",
            "all",
            "not police / general",
            lambda r: r[0] in ("not_police_matter", "general_enquiry"),
        ),
        ("civil", "all", "emergency route", lambda r: r[2] == "emergency"),
        ("everyday", "all", "emergency route", lambda r: r[2] == "emergency"),
        ("hwu64", "all", "emergency route", lambda r: r[2] == "emergency"),
        ("hwu64", "alarming", "wrongly prioritised", lambda r: r[2] in URGENT),
        ("hwu64", "plain", "wrongly prioritised", lambda r: r[2] in URGENT),
    )
    present = {c["part"] for c in cases}
    for part, subset, what, ok in rows:
        if part not in present:
            continue
        row = f"{part:<15}{subset:<9}{what:<24}"
        for n in runs:
            got = [
                r
                for c, r in zip(cases, runs[n]["results"], strict=True)
                if c["part"] == part and subset in ("all", c.get("sample"))
            ]
            row += f"{_share(sum(ok(r) for r in got), len(got)):<34}"
        print(row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--show-misses", action="store_true", help="dev split only")
    parser.add_argument(
        "--batch",
        metavar="NAME",
        help="instead, every case of data/NAME.jsonl, a batch written to measure new wording "
        "(e.g. new_wording); no split, misses may be shown",
    )
    args = parser.parse_args()
    rng = random.Random(SEED)  # noqa: S311 - sampling evaluation data
    if args.batch:
        cases = plain_word_cases(rng, args.batch)
        args.split = "batch"
    else:
        cases = [
            c
            for c in public_cases(args.shared, rng) + plain_word_cases(rng)
            if c["split"] == args.split
        ]
    understand("warm up")
    runs = {
        "engine": run([{"text": c["text"]} for c in cases], engine),
        "baseline": run([{"text": c["text"]} for c in cases], baseline),
    }
    print(f"{args.split} split: {len(cases)} cases; 95% Wilson intervals\n")
    report(cases, runs)
    if args.show_misses:
        if args.split == "test":
            parser.error("misses are shown for the dev split only: the test split is not tuned on")
        for c, r in zip(cases, runs["engine"]["results"], strict=True):
            measure, routes = MEASURES[c["part"]]
            wrong = (r[2] in routes) == (measure == "wrongly prioritised")
            if wrong or (c["part"] == "update" and r[0] != "update_existing"):
                print(f"MISS {c['part']}/{c['form']} got {r[0]}/{r[2]}: {c['text'][:150]}")


if __name__ == "__main__":
    main()
