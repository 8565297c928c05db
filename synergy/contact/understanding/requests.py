"""Plainly stated requests: "I want to report a burglary", "I'd like to report a scam", and
requests for an update on a report already made ("any update on 20/123456/26?").

The model learnt from callers who describe what happened, so the shortest and most common
opening of all, naming only the kind of report, is where it is least sure. When it is not
confident and the caller has said in so many words what they want to report, that statement
decides the intent. Risk is untouched: the rule layer and the policy still run on every turn."""

from __future__ import annotations

import re

from .normalise import MatchText, word_set
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


# A police reference in any of the forms forces and callers use, in match form (punctuation
# gone): "20/123456/26" -> "20 123456 26", "CAD 1234", "log 567 of 3rd May", "crime number
# 4512", "WMP-20-12345", "ref 12ab345".
_REFERENCE = (
    r"(?:\d{1,4} \d{3,8}(?: \d{2,4})?|(?:log|incident|cad|storm) (?:number |no )?\d{1,5} (?:of|"
    r"on) \d{1,2}(?:st|nd|rd|th)?\b|(?:crime|incident|log|cad|occurrence|case|job|storm|"
    r"reference|ref|report|crime ref|urn|complaint) (?:number |no |num |ref |reference )?(?:is )?"
    r"(?:[a-z]{0,4} ?)?\d[\da-z]{2,}|[a-z]{2,4} ?\d{5,}|\d{5,}(?: [a-z]{1,3}\d*)?)"
)
_UPDATE = (
    r"(?:update|updates|news|progress|(?:what|whats|what s) (?:is )?(?:happening|happened|going "
    r"on) (?:with|to|about)|any word|heard (?:anything|nothing|back)|chas(?:e|ing)|follow(?:ing)? "
    r"(?:it )?up|status|where (?:are|is) (?:you|we|it|things|the case|my case) (?:at|up to|with)|"
    r"has (?:anyone|anybody|someone|an officer) (?:looked|been|picked)|(?:still )?waiting (?:to "
    r"hear|for (?:a |an )?(?:call|officer|update|reply|response|someone))|being (?:looked|dealt) "
    r"(?:at|with)|(?:who|which officer) is dealing|whoever(?:s| is) dealing|outcome|(?:is|has) "
    r"(?:it|the case|my case|that) (?:still open|been closed|closed)|(?:wondering|checking|asking|"
    r"want to know) (?:if|whether) (?:anyone|anybody|someone|an officer|you|they) (?:ever )?"
    r"(?:went|has been|have been|came|visited|looked|did|got))"
)
_OWN_REPORT = (
    r"(?:my|our|the) (?:report|case|crime|complaint|incident|claim|statement|burglary|theft)|"
    r"(?:i|we) (?:reported|report)|reported (?:it|this|that|a|my)"
)
_UPDATE_ON_REPORT = re.compile(
    rf"\b{_UPDATE}\b(?:\s\S+){{0,8}}?\s(?:{_REFERENCE}|{_OWN_REPORT})\b"
    rf"|\b(?:{_REFERENCE}|{_OWN_REPORT})\b(?:\s\S+){{0,8}}?\s{_UPDATE}\b"
)


# Asking what became of the person reported ("was he charged", "can you tell me if the man
# who attacked me in June was arrested"): an update whatever words come before (round 7). Never
# the caller's own arrest ("I was arrested").
_WHO_REPORTED = (
    r"(?:he|she|they|anyone|anybody|someone|somebody|the \w+(?: \w+){0,8}?|him|her|them)"
)
_OUTCOME = (
    r"(?:charged|arrested|caught|cautioned|sentenced|convicted|bailed|prosecuted|interviewed)"
)
_ASKED_OUTCOME = re.compile(
    rf"\b(?:(?:was|were|has|have|had) {_WHO_REPORTED} (?:ever )?(?:been |got |gotten )?{_OUTCOME}"
    rf"|(?:if|whether) {_WHO_REPORTED} (?:was|were|has been|have been|had been|got|ever got|"
    rf"is being|are being|will be) (?:ever )?{_OUTCOME})\b"
)


# Words of an update request that a slip should not hide ("reporetd", "progess").
UPDATE_KEYWORDS = word_set("update reported report progress reference chasing")


def update_request(text: MatchText) -> str | None:
    """The caller's words asking about a report already made ("any update on 20/123456/26",
    "what's happening with my case", "crime number 4512, any news?", "was he charged?"), or
    None. It needs both an update word and a reference or "my report/I reported" ("an update to
    my address" is not one), or a question about what became of the person reported."""
    m = _UPDATE_ON_REPORT.search(text.text) or _ASKED_OUTCOME.search(text.text)
    return text.words_at(m.start(), m.end()) if m else None


# A question about using a police service ("how do I hand them in", "is there an age limit",
# "who do I ring", "when's the next auction"): the model, trained on callers who describe what
# happened, reads welfare into such short everyday questions from words like "old", "moved
# in" or "wants to".
_SERVICE_ENQUIRY = re.compile(
    r"\b(?:how (?:do|can|would) (?:i|we) (?:hand|apply|join|book|pay|collect|claim|see the "
    r"(?:photo|picture|footage|evidence)|report a (?:lost|found))|where(?: is|s) the nearest "
    r"(?:knife bin|police station|front counter|station)|who do (?:i|we) (?:ring|call|contact)"
    r"\b(?! (?:\w+ ){0,4}(?:hurt|hit|kill|scared|abus\w*|danger|missing|threat\w*))|is (?:that|"
    r"this|it) (?:even )?(?:a )?police (?:thing|matter|job)|is there (?:an? )?(?:age|height) "
    r"limit|when(?: is|s) the next (?:auction|intake|open day|recruitment|one)|can (?:i|we) "
    r"(?:apply|join|hand (?:it|them|this|in)|book|pay)|do (?:you|the police) (?:sell|auction)|"
    r"will (?:the|my|our) (?:\w+ )?(?:neighbours?|police) (?:\w+ ){0,2}(?:ring\w*|call\w*|"
    r"report\w*|com(?:e|ing)))\b"
)


def service_enquiry(text: MatchText) -> str | None:
    """The caller's words asking how to use a police service, or None."""
    m = _SERVICE_ENQUIRY.search(text.text)
    return text.words_at(m.start(), m.end()) if m else None
