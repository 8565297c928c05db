"""Understanding what a 101 caller has said: intent, vulnerabilities with evidence, risk, route,
entities and language. See docs/contact-understanding.md."""

from .engine import understand
from .types import (
    DangerCue,
    Entities,
    Evidence,
    Intent,
    Risk,
    Route,
    TextTooLong,
    Understanding,
    Vulnerability,
)

__all__ = [
    "DangerCue", "Entities", "Evidence", "Intent", "Risk", "Route", "TextTooLong", "Understanding",
    "Vulnerability", "understand",
]
