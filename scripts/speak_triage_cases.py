"""Speech-recognised copies of the plain-words triage cases, through the project's own voice
path: flite (voice slt) -> 8 kHz G.711 mu-law, as on a phone line -> Whisper tiny.en.

    .venv/bin/python scripts/speak_triage_cases.py [NAME]

Writes `synergy/contact/understanding/data/NAME_speech.jsonl` (id, heard text) from
`NAME.jsonl` (default `plain_words`), which `bench/triage_public_eval.py` reads as the
`whisper` form. Rerun after changing the cases; the transcripts are committed so the
evaluation needs no speech engine."""

from __future__ import annotations

import json
import sys

from synergy.contact.understanding.training import data_path, read_cases
from synergy.contact.voice.audio import resample
from synergy.contact.voice.speech.asr import make_engine
from synergy.contact.voice.speech.tts import FliteEngine
from synergy.contact.voice.telephony.g711 import PCMU


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else "plain_words"
    voice = FliteEngine(voice="slt")
    engine = make_engine("whisper")
    out = data_path(f"{name}_speech.jsonl")
    with out.open("w", encoding="utf-8") as fh:
        for case in read_cases(f"{name}.jsonl"):
            pcm, rate = voice.synthesize(case["text"])
            line = PCMU.decode(PCMU.encode(resample(pcm, rate, 8000)))
            heard = engine.transcribe(line, 8000)
            fh.write(json.dumps({"id": case["id"], "text": heard}, ensure_ascii=False) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
