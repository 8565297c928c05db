"""Plainly stated requests: "I want to report a burglary", "I'd like to report a scam".

The model learnt from callers who describe what happened, so the shortest and most common
opening of all, naming only the kind of report, is where it is least sure. When it is not
confident and the caller has said in so many words what they want to report, that statement
decides the intent. Risk is untouched: the rule layer and the policy still run on every turn."""

from __future__ import annotations

import re

from .normalise import MatchText
from .types import Intent

STATED_CONFIDENCE = 0.75  # what a plain statement is worth when the model was unsure
TRUSTED_MODEL = 0.8  # the model's reading stands at or above this confidence

_ASKING = (
    r"(?:want|wanna|would like|wish|need|needed|have|got|am calling|im calling|calling|ringing|"
    r"phoning|trying|like|here|just) to (?:report|tell you about|let you know about)"
    r"|(?:can|could|may) i report|(?:id|i would|i d) like to report|reporting"
)
_WHAT: tuple[tuple[Intent, str], ...] = (
    (Intent.FRAUD_SCAM, r"fraud|scam\w*|con|online fraud|bank fraud|phishing"),
    (Intent.ANTISOCIAL_BEHAVIOUR, r"anti ?social behaviour|antisocial behaviour|asb|nuisance"),
    (
        Intent.ROAD_TRAFFIC,
        r"(?:road |car |traffic )?(?:accident|crash|collision)|"
        r"(?:bad |dangerous )?driv(?:er|ing)",
    ),
    (Intent.LOST_FOUND_PROPERTY, r"(?:lost|found) (?:property|item|\w+)"),
    (
        Intent.CRIME_REPORT,
        r"crime|theft|burglary|break ?in|robbery|mugging|assault|"
        r"criminal damage|vandalism|shoplifting|stolen \w+|theft of \w+",
    ),
)
# Words of someone following up a report already made: then "report" is not a new one.
_FOLLOWING_UP = re.compile(
    r"\b(?:update|progress|reference|crime number|log number|already reported|i reported|"
    r"we reported|reported (?:it|this|that)|chas\w+|follow(?:ing)? up|heard back|heard nothing|"
    r"officer in charge|last week|yesterday|ago)\b"
)
_PATTERNS = tuple(
    (intent, re.compile(rf"\b(?:{_ASKING}) (?:a |an |some |the )?(?:{what})\b"))
    for intent, what in _WHAT
)


def stated_request(text: MatchText) -> Intent | None:
    """The kind of report the caller says they want to make, if they say so plainly (and
    are not following up one already made)."""
    if _FOLLOWING_UP.search(text.text):
        return None
    for intent, pattern in _PATTERNS:
        if pattern.search(text.text):
            return intent
    return None
