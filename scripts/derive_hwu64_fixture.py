"""Derive the HWU64 evaluation fixture: the utterances of HWU64 / NLU-Evaluation-Data (Liu et
al., IWSDS 2019; CC BY 4.0) that hold a word which sounds alarming out of context (alarm,
fire, kill, died, war, help...: said to a home assistant), plus a fixed sample of ordinary ones.

    python scripts/derive_hwu64_fixture.py PATH [PATH ...] [--out FILE]

Each PATH is one of the repository's CSV files (semicolon-separated) or a folder of them:
- the collected or annotated file (`Collected-Original-Data/paraphrases_and_intents_26k_
  normalised_all.csv`, `AnnotatedData/NLU-Data-Home-Domain-Annotated-All.csv`): columns
  `answerid`, `scenario`, `intent`, `status`, `answer` (the person's own words); rows whose
  status starts with `IRR` (irrelevant, by the authors' convention) are skipped;
- the cross-validation test folds (`CrossValidation/autoGeneFromRealAnno/.../KFold_*/testset/
  csv/*.csv`, the 11,036 utterances of 64 intents known as HWU64): columns `answerid`,
  `scenario`, `intent`, `answer_from_user` (the person's own words).
A folder is searched for `*.csv` at any depth (a fold's `trainset` repeats the other folds'
utterances: the repeats fall out when texts are de-duplicated). Writes one JSON line per
utterance, `{"id", "text", "scenario", "intent", "sample"}`, `sample` being `alarming` or
`plain`; texts are de-duplicated on lower case. Standard library only; the same input gives
the same file."""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

PLAIN_SAMPLE = 300
SEED = 20260101
DEFAULT_OUT = (Path(__file__).resolve().parents[1] / "synergy" / "contact" / "understanding"
               / "data" / "hwu64_alarming.jsonl")
# Words that would make a 101 call taker look up, but that an assistant's user says about
# alarms, music, games, cooking, phones and the news. Whole words, lower case.
ALARMING = frozenset({
    "alarm", "alarms", "alert", "alerts", "siren", "sirens", "emergency", "emergencies", "urgent",
    "urgently", "fire", "fires", "fired", "firing", "burn", "burns", "burned", "burnt", "burning",
    "smoke", "smoking", "explode", "exploded", "explodes", "exploding", "explosion", "explosions",
    "bomb", "bombs", "bombing", "blast", "kill", "kills", "killed", "killing", "killer", "killers",
    "murder", "murdered", "murders", "dead", "die", "dies", "died", "dying", "death", "deaths",
    "suicide", "shoot", "shoots", "shooting", "shot", "shots", "gun", "guns", "knife", "knives",
    "stab", "stabbed", "weapon", "weapons", "blood", "bloody", "bleed", "bleeding", "hurt", "hurts",
    "hurting", "injured", "injury", "injuries", "attack", "attacks", "attacked", "crash", "crashes",
    "crashed", "accident", "accidents", "hit", "hits", "punch", "fight", "fights", "fighting",
    "war", "wars", "violence", "violent", "abuse", "abused", "assault", "assaulted", "terror",
    "terrorist", "terrorists", "terrorism", "hostage", "police", "cops", "ambulance", "hospital",
    "doctor", "help", "danger", "dangerous", "threat", "threats", "threatening", "drown",
    "drowning", "drowned", "choke", "choking", "poison", "poisoned", "flood", "floods", "flooding",
    "panic", "panicking", "scared", "afraid", "fear", "frightened", "terrified", "scream",
    "screaming", "stolen", "steal", "stealing", "stole", "robbed", "robbery", "rob", "thief",
    "thieves", "burglar", "burglary", "crime", "criminal", "arrest", "arrested", "missing", "lost",
    "trapped", "rescue",
})
# Left out by hand: words a hurt person could say, so prioritising them would not be wrong.
NOT_EVERYDAY = frozenset({"hwu-general_quirky-8392"})  # how much can one bleed before dying
_WORD = re.compile(r"[a-z]+")


def read_utterances(paths: list[Path]) -> Iterator[dict[str, str]]:
    """Every usable row of the given files (folders searched at any depth), in a fixed order."""
    files = sorted({f for p in paths for f in ([p] if p.is_file() else p.rglob("*.csv"))})
    for file in files:
        with file.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter=";"):
                if (row.get("status") or "").strip().upper().startswith("IRR"):
                    continue
                text = (row.get("answer_from_user") or row.get("answer") or "").strip()
                if text and row.get("answerid") and row.get("scenario") and row.get("intent"):
                    yield {"answerid": row["answerid"].strip(), "text": text,
                           "scenario": row["scenario"].strip(), "intent": row["intent"].strip()}


def is_alarming(text: str) -> bool:
    return not ALARMING.isdisjoint(_WORD.findall(text.lower()))


def derive(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The alarming utterances, then a seeded sample of the others; one per lower-cased text.
    Ids are `hwu-<scenario>_<intent>-<answerid>`: answer ids repeat across intents."""
    unique: dict[str, dict[str, str]] = {}
    for row in sorted(rows, key=lambda r: (r["scenario"], r["intent"], _number(r["answerid"]),
                                           r["answerid"], r["text"])):
        unique.setdefault(" ".join(row["text"].lower().split()), row)
    cases = [{"id": f"hwu-{r['scenario']}_{r['intent']}-{r['answerid']}", "text": r["text"],
              "scenario": r["scenario"], "intent": r["intent"]} for r in unique.values()]
    cases = [c for c in cases if c["id"] not in NOT_EVERYDAY]
    alarming = [{**c, "sample": "alarming"} for c in cases if is_alarming(c["text"])]
    others = [c for c in cases if not is_alarming(c["text"])]
    rng = random.Random(SEED)  # noqa: S311 - sampling evaluation data
    chosen = sorted(rng.sample(range(len(others)), min(PLAIN_SAMPLE, len(others))))
    out = alarming + [{**others[i], "sample": "plain"} for i in chosen]
    ids = [c["id"] for c in out]
    if len(set(ids)) != len(ids):
        raise SystemExit("duplicate ids: the input repeats an answer id within an intent")
    return out


def _number(answerid: str) -> int:
    return int(answerid) if answerid.isdigit() else -1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path, help="CSV files or folders of them")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    rows = list(read_utterances(args.paths))
    if not rows:
        raise SystemExit("no utterances found: give the HWU64 CSV file or its folder")
    cases = derive(rows)
    with args.out.open("w", encoding="utf-8") as fh:
        for case in cases:
            fh.write(json.dumps(case, ensure_ascii=False) + "\n")
    alarming = sum(c["sample"] == "alarming" for c in cases)
    distinct = len({tuple(r.values()) for r in rows})
    print(f"read {distinct} distinct utterances ({len(rows)} rows); wrote {args.out}: "
          f"{alarming} alarming, {len(cases) - alarming} plain")


if __name__ == "__main__":
    main()
