"""Command line for the contact service: `synergy triage` reads JSON lines and writes one JSON
result per line, for batch checks and for replaying calls through the understanding layer.

Input, one object per line: {"id": any, "text": str, "history": [str, ...] (optional)}.
Output, one object per non-blank input line, in input order:
  {"id", "intent", "intent_confidence", "risk", "route", "vulnerabilities": [str],
   "evidence": [{"vulnerability", "text", "rule"}], "language",
   "danger": [{"text", "rule"}] (the words behind an emergency route)}
or, for a line that cannot be processed: {"id" (null if unknown), "line": n, "error": str}.
Exit status: 0 if every line was processed, or if some were and some were not (errors are in
the output); 1 only if there were input lines and none could be processed."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

import typer

from synergy.contact.understanding import TextTooLong, Understanding, understand

app = typer.Typer(help="101 contact tools.", no_args_is_help=True)


@app.callback()
def main() -> None:
    """101 contact tools."""  # a callback keeps `triage` a named subcommand when mounted


@app.command()
def triage() -> None:
    """Read {"id", "text"} JSON lines on stdin; write one triage result per line on stdout."""
    processed, failed = run(sys.stdin, sys.stdout)
    if failed and not processed:
        raise typer.Exit(code=1)


def run(source: TextIO, sink: TextIO) -> tuple[int, int]:
    processed = failed = 0
    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        result = _process(line, number)
        if "error" in result:
            failed += 1
        else:
            processed += 1
        sink.write(json.dumps(result, ensure_ascii=False) + "\n")
        sink.flush()  # a reader downstream sees each answer as soon as it exists
    return processed, failed


def _process(line: str, number: int) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return _error(None, number, f"not valid JSON: {exc.msg}")
    except RecursionError:
        return _error(None, number, "not read: nested too deeply")
    except ValueError:  # an integer of thousands of digits
        return _error(None, number, "not read: a number in it is too long")
    if not isinstance(record, dict):
        return _error(None, number, "each line must be a JSON object")
    ident = record.get("id")
    if not _usable_id(ident):
        return _error(None, number, "'id' must be a string of up to 200 characters or a number")
    text, history = record.get("text"), record.get("history", [])
    if not isinstance(text, str):
        return _error(ident, number, "missing or non-string 'text'")
    if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
        return _error(ident, number, "'history' must be a list of strings")
    try:
        return {"id": ident, **to_json(understand(text, history=history))}
    except TextTooLong as exc:
        return _error(ident, number, exc.message)


def _usable_id(ident: Any) -> bool:
    if ident is None or isinstance(ident, bool):
        return ident is None
    if isinstance(ident, int):
        return abs(ident) < 2**63
    if isinstance(ident, float):
        return ident == ident and abs(ident) != float("inf")
    return isinstance(ident, str) and len(ident) <= 200


def to_json(u: Understanding) -> dict[str, Any]:
    return {
        "intent": u.intent.value,
        "intent_confidence": u.intent_confidence,
        "risk": u.risk.value,
        "route": u.route.value,
        "vulnerabilities": [v.value for v in u.vulnerabilities],
        "evidence": [
            {"vulnerability": e.vulnerability.value, "text": e.text, "rule": e.rule}
            for e in u.evidence
        ],
        "language": u.language,
        "danger": [{"text": d.text, "rule": d.rule} for d in u.danger],
    }


def _error(ident: Any, number: int, message: str) -> dict[str, Any]:
    return {"id": ident, "line": number, "error": message}
