"""Train the 101 triage model and write it, with a manifest, into the package.

    .venv/bin/python scripts/train_triage.py [--shared ../shared/data] [--out DIR]

Deterministic: the same inputs give the same predictions (the manifest records a hash of them,
which a test checks against the committed artefact)."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # thread count must not change the fit

import joblib  # noqa: E402

from synergy.contact.understanding.model import ARTEFACT_NAME  # noqa: E402
from synergy.contact.understanding.training import build_corpus, data_path, fit  # noqa: E402

PROBES = (
    "i lost my wallet on the bus", "my husband hit me", "i dont want to be here any more",
    "someone is breaking in right now", "can i get an update on my crime number",
    "my bins have not been collected", "a man keeps messaging my daughter",
)


def prediction_hash(artefact: dict) -> str:
    from synergy.contact.understanding.model import TriageModel  # noqa: PLC0415

    model = TriageModel(artefact)
    rows = []
    for text in PROBES:
        p = model.predict(text)
        scores = {v.value: round(s, 4) for v, s in sorted(p.vulnerability_scores.items())}
        contrast = [round(model.contrast.score(text), 4), round(model.contrast.risk(text), 4)]
        rows.append([p.intent.value, round(p.confidence, 4), scores, contrast])
    return hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # The project's data folder sits beside the repository: ../shared/data.
    default_shared = Path(__file__).resolve().parents[2] / "shared" / "data"
    parser.add_argument("--shared", type=Path, default=default_shared)
    parser.add_argument("--out", type=Path, default=data_path(ARTEFACT_NAME).parent)
    args = parser.parse_args()
    corpus = build_corpus(args.shared)
    artefact = fit(corpus)
    args.out.mkdir(parents=True, exist_ok=True)
    joblib.dump(artefact, args.out / ARTEFACT_NAME, compress=3)
    sources: dict[str, int] = {}
    for e in corpus:
        sources[e.source] = sources.get(e.source, 0) + 1
    manifest = {"examples": len(corpus), "sources": dict(sorted(sources.items())),
                "prediction_sha256": prediction_hash(artefact)}
    (args.out / "triage_model.manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(json.dumps(manifest, indent=2))


if __name__ == "__main__":
    main()
