"""Word error rate of each offline speech engine on real human recordings, and how much
101 triage recall is lost when cases are spoken (flite) and transcribed before triage.

    .venv/bin/python bench/voice_wer.py [--engines whisper,pocketsphinx] [--digits 200]
                                        [--triage-cases 120] [--streaming]

Real recordings used (all with known transcripts):
- Debian `alsa-utils`: /usr/share/sounds/alsa/*.wav, a person saying "Front left", "Noise"...;
- the Free Spoken Digit Dataset (CC BY-SA 4.0, six real speakers at 8 kHz, telephone-like),
  read from ../shared/data/fsdd_spoken_digits (or --fsdd), a stratified sample.
Triage: the understanding layer's held-out cases that should reach a person urgently (or all
with --triage-cases 0), spoken by flite (voice slt), sent through G.711 µ-law at 8 kHz like a
phone line, transcribed, then triaged; recall is compared with triage of the typed text.
With --streaming, engines that can stream (PocketSphinx) are fed each recording in 20 ms pieces
as on a call, one recording after another, instead of transcribing it whole.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

from synergy.contact.understanding import understand
from synergy.contact.understanding.training import data_path
from synergy.contact.voice.audio import chunks, read_wav, resample
from synergy.contact.voice.speech.asr import SpeechRecognizer, can_stream, make_engine
from synergy.contact.voice.speech.tts import FliteEngine
from synergy.contact.voice.telephony.g711 import PCMU

ALSA_CLIPS = Path("/usr/share/sounds/alsa")
DEFAULT_FSDD = Path(__file__).resolve().parents[2] / "shared" / "data" / "fsdd_spoken_digits"
DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
URGENT_ROUTES = {"emergency", "priority_agent"}


def words(text: str) -> list[str]:
    text = re.sub(r"(\d)", lambda m: f" {DIGITS[int(m.group(1))]} ", text.lower())
    text = text.replace("centre", "center")
    return re.findall(r"[a-z']+", text)


def edit_distance(ref: list[str], hyp: list[str]) -> int:
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1]


def wer(pairs: list[tuple[str, str]]) -> float:
    errors = sum(edit_distance(words(ref), words(hyp)) for ref, hyp in pairs)
    return errors / max(1, sum(len(words(ref)) for ref, _ in pairs))


def alsa_recordings() -> list[tuple[Path, str]]:
    return [(path, path.stem.replace("_", " ")) for path in sorted(ALSA_CLIPS.glob("*.wav"))]


def fsdd_recordings(folder: Path, count: int) -> list[tuple[Path, str]]:
    files = sorted((folder / "recordings").glob("*.wav"))
    step = max(1, len(files) // count) if count else 1
    return [(path, DIGITS[int(path.name[0])]) for path in files[::step][:count]]


def hear(engine: SpeechRecognizer, pcm: bytes, rate: int, streaming: bool) -> str:
    if not (streaming and can_stream(engine)):
        return engine.transcribe(pcm, rate)
    stream = engine.stream(rate)
    for piece in chunks(pcm, rate):
        stream.feed(piece)
    return stream.finish()


def transcribe_all(
    engine, recordings: list[tuple[Path, str]], streaming: bool
) -> tuple[list[tuple[str, str]], float]:  # type: ignore[no-untyped-def]
    pairs, audio_seconds, started = [], 0.0, time.perf_counter()
    for path, reference in recordings:
        pcm, rate = read_wav(path)
        audio_seconds += len(pcm) / 2 / rate
        pairs.append((reference, hear(engine, pcm, rate, streaming)))
    return pairs, (time.perf_counter() - started) / max(audio_seconds, 1e-9)


def phone_line(text: str, voice: FliteEngine) -> bytes:
    pcm, rate = voice.synthesize(text)
    return PCMU.decode(PCMU.encode(resample(pcm, rate, 8000)))


def triage_cases(limit: int) -> list[dict]:  # type: ignore[type-arg]
    cases = [json.loads(line) for line in data_path("heldout.jsonl").read_text().splitlines()]
    cases = [case for case in cases if not case.get("language")]
    urgent = [c for c in cases if c["vulnerabilities"] or c["intent"] == "emergency"]
    return urgent[:limit] if limit else cases


def urgent(text: str) -> tuple[bool, set[str]]:
    result = understand(text)
    return result.route.value in URGENT_ROUTES, {v.value for v in result.vulnerabilities}


def triage_through_speech(engine, cases, voice, streaming) -> dict[str, float]:  # type: ignore[no-untyped-def]
    typed_hits = spoken_hits = vuln_typed = vuln_spoken = vuln_total = 0
    pairs = []
    for case in cases:
        heard = hear(engine, phone_line(case["text"], voice), 8000, streaming)
        pairs.append((case["text"], heard))
        typed, typed_vulns = urgent(case["text"])
        spoken, spoken_vulns = urgent(heard)
        typed_hits += typed
        spoken_hits += spoken
        expected = set(case["vulnerabilities"])
        vuln_total += len(expected)
        vuln_typed += len(expected & typed_vulns)
        vuln_spoken += len(expected & spoken_vulns)
    n = max(1, len(cases))
    return {
        "cases": len(cases),
        "wer_synthetic_phone": wer(pairs),
        "urgent_recall_typed": typed_hits / n,
        "urgent_recall_spoken": spoken_hits / n,
        "vulnerability_recall_typed": vuln_typed / max(1, vuln_total),
        "vulnerability_recall_spoken": vuln_spoken / max(1, vuln_total),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engines", default="whisper,pocketsphinx")
    parser.add_argument("--fsdd", type=Path, default=DEFAULT_FSDD)
    parser.add_argument("--digits", type=int, default=200, help="FSDD recordings to use")
    parser.add_argument("--triage-cases", type=int, default=120, help="0: every held-out case")
    parser.add_argument(
        "--streaming", action="store_true", help="feed engines that can stream in 20 ms pieces"
    )
    args = parser.parse_args()
    voice = FliteEngine(voice="slt")
    cases = triage_cases(args.triage_cases)
    for name in args.engines.split(","):
        engine = make_engine(name)
        mode = "streamed" if args.streaming and can_stream(engine) else "whole utterances"
        print(f"== {name} ({mode})")
        alsa = alsa_recordings()
        if alsa:
            pairs, rtf = transcribe_all(engine, alsa, args.streaming)
            print(
                f"alsa-utils clips (real voice, {len(pairs)}): WER {wer(pairs):.1%}  RTF {rtf:.3f}"
            )
        else:
            print("alsa-utils clips: not installed (apt-get install alsa-utils)")
        if args.fsdd.exists():
            recordings = fsdd_recordings(args.fsdd, args.digits)
            pairs, rtf = transcribe_all(engine, recordings, args.streaming)
            print(
                f"FSDD digits (6 real speakers, 8 kHz, {len(pairs)}): "
                f"WER {wer(pairs):.1%}  RTF {rtf:.3f}"
            )
        else:
            print(f"FSDD: not found at {args.fsdd}")
        result = triage_through_speech(engine, cases, voice, args.streaming)
        print(
            f"triage via flite -> G.711 -> {name} ({result['cases']} urgent held-out cases): "
            f"WER {result['wer_synthetic_phone']:.1%}; urgent-route recall "
            f"{result['urgent_recall_typed']:.1%} typed -> "
            f"{result['urgent_recall_spoken']:.1%} spoken; "
            f"vulnerability recall {result['vulnerability_recall_typed']:.1%} -> "
            f"{result['vulnerability_recall_spoken']:.1%}"
        )


if __name__ == "__main__":
    main()
