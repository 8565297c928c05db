"""What an agent reads first about a taken call: a THRIVE assessment pre-filled from what the
assistant found, the evidence behind its risk level, and the caller's safety answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from synergy.contact.models import ContactCall
from synergy.contact.service import caller_safety


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


def safety_answers(call: ContactCall) -> list[tuple[str, str]] | None:
    """The caller's answers to the questions asked before a handover (safe now, where they
    are, a number to call back on); None when the assistant did not ask them."""
    safety = caller_safety(call)
    if safety is None:
        return None
    declined = set(safety.not_answered)
    unanswered = "Not answered yet: the assistant is still asking" if not safety.finished else ""

    def said(value: str | None, key: str) -> str:
        if value:
            return value
        if key in declined:
            return "Not given: the caller chose not to say, or was not asked"
        return unanswered or "Not given"

    safe = None if safety.safe_now is None else ("Yes" if safety.safe_now else "No, not safe")
    if safety.safe_now_words:
        words = f"In their words: “{safety.safe_now_words}”"
        safe = words if safe is None else f"{safe}. {words}"
    return [
        ("Safe now", said(safe, "safe_now")),
        ("Where they are", said(safety.location, "location")),
        ("Number to call back on", said(safety.callback_number, "callback")),
    ]


def callback_number(call: ContactCall) -> str:
    safety = caller_safety(call)
    if safety is not None and safety.callback_number:
        return safety.callback_number
    details = (call.state or {}).get("details") or {}
    return str(details.get("phone") or "") if isinstance(details, dict) else ""
