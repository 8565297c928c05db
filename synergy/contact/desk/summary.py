"""What an agent reads first about a taken call: a THRIVE assessment pre-filled from what the
assistant found, the evidence behind its risk level, and the caller's safety answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from synergy.contact.models import ContactCall


@dataclass(frozen=True)
class Evidence:
    turn: int
    said: str
    finding: str


def thrive(call: ContactCall) -> list[tuple[str, str]]:
    """THRIVE headings with a first answer each; the agent confirms or changes them."""
    vulnerable = ", ".join(v.replace("_", " ") for v in call.vulnerabilities or [])
    about = (call.intent or "not known").replace("_", " ")
    details = (call.state or {}).get("details") or {}
    what = str(details.get("what") or "") if isinstance(details, dict) else ""
    return [
        ("Threat", f"Assistant's risk level: {call.risk}; queue {call.queue or 'none'}"),
        ("Harm", f"Reported as {about}"),
        ("Risk", "Handed over for a person to assess" + (f": {vulnerable}" if vulnerable else "")),
        ("Investigation", what or "Nothing recorded yet: ask what happened, when and where"),
        ("Vulnerability", vulnerable or "None identified by the assistant"),
        (
            "Engagement",
            f"By {call.channel.replace('_', ' ')}"
            + (f"; may need an interpreter ({call.language})" if call.language else ""),
        ),
    ]


def risk_evidence(call: ContactCall) -> list[Evidence]:
    """Each caller turn the assistant read as a risk or vulnerability, and each decision's
    reasons, in order."""
    evidence = []
    for turn in call.turns:
        found: dict[str, Any] = turn.understanding or {}
        parts = []
        if found.get("risk") and found.get("risk") != "standard":
            parts.append(f"risk {found['risk']}")
        if found.get("vulnerabilities"):
            parts.append("vulnerable: " + ", ".join(found["vulnerabilities"]).replace("_", " "))
        if turn.speaker == "caller" and parts:
            evidence.append(Evidence(turn.seq, turn.text, "; ".join(parts)))
        if turn.speaker == "assistant" and turn.decision and turn.reasons:
            finding = turn.decision.replace("_", " ") + ": " + "; ".join(turn.reasons)
            evidence.append(Evidence(turn.seq, "", finding))
    return evidence


SAFETY_QUESTIONS = (
    ("safe_now", "Safe now"),
    ("location", "Where they are"),
    ("callback_number", "Number to call back on"),
)


def safety_answers(call: ContactCall) -> list[tuple[str, str]] | None:
    """The caller's answers to the safety questions asked before a handover, when the dialogue
    recorded them (in the conversation state, under `safety`); None when it did not ask."""
    safety = (call.state or {}).get("safety")
    if not isinstance(safety, dict):
        return None
    return [(label, _said(safety.get(key))) for key, label in SAFETY_QUESTIONS]


def _said(value: object) -> str:
    if value is None or value == "":
        return "Not given"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def callback_number(call: ContactCall) -> str:
    safety = (call.state or {}).get("safety")
    if isinstance(safety, dict) and safety.get("callback_number"):
        return str(safety["callback_number"])
    details = (call.state or {}).get("details") or {}
    return str(details.get("phone") or "") if isinstance(details, dict) else ""
