"""Entity extraction: reference numbers, UK phone numbers and postcodes, addresses, dates and
times, and names — from typed text or speech recognition output ("oh seven seven double oh")."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from .normalise import word_set
from .types import Entities

log = logging.getLogger(__name__)

_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "nought": "0", "one": "1", "two": "2", "three": "3",
    "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}
_REPEAT = {"double": 2, "triple": 3}
_SPOKEN_RUN = re.compile(
    r"\b(?:(?:double|triple|zero|oh|nought|one|two|three|four|five|six|seven|eight|nine|\d)"
    r"[\s,-]*){6,}", re.IGNORECASE
)
_PHONE = re.compile(r"(?<![\d+])(?:\+?44[\s-]?\(?0?\)?[\s-]?|0)\d(?:[\s-]?\d){8,9}(?!\d)")
_POSTCODE = re.compile(
    r"\b([A-Z]{1,2}\d[A-Z\d]?|[A-Z]{1,2}\d{2})[ ]?(\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE
)
_STREET = (r"(?:road|rd|street|st|avenue|ave|lane|close|drive|way|crescent|grove|place|court|"
           r"terrace|gardens|park|hill|row|walk|square|green|mews|rise|view|parade|croft)")
_ADDRESS = re.compile(
    rf"\b(?:(?:flat|apartment|unit) \w+,? )?\d{{1,4}}[a-z]?,? (?:[a-z']+ ){{1,3}}{_STREET}\b",
    re.IGNORECASE,
)
_MONTHS = (r"(?:january|february|march|april|may|june|july|august|september|october|november|"
           r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)")
_DAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTHS}"
    rf"(?: \d{{4}})?|{_MONTHS} \d{{1,2}}(?:st|nd|rd|th)?|(?:last |this |next )?{_DAYS}"
    rf"(?: (?:morning|afternoon|evening|night))?|today|tonight|yesterday|tomorrow|last night|"
    rf"this (?:morning|afternoon|evening)|(?:last|this) (?:week|weekend|month)|"
    rf"\d{{1,2}}(?::\d{{2}})? ?(?:am|pm)|\d{{1,2}}:\d{{2}}|midnight|midday|noon|"
    rf"\d+ (?:minutes|hours|days|weeks) ago)\b",
    re.IGNORECASE,
)
_NAME_CUE = re.compile(
    r"\b(?:my name is|my names|name is|i am called|im called|i'm called|this is|speak to|"
    r"speaking to|talk to|(?:pc|dc|ps|sgt|sergeant|inspector|detective|officer|constable|"
    r"mr|mrs|ms|miss|dr)\.?)\s+([A-Za-z][a-z'-]+(?:\s+[A-Za-z][a-z'-]+)?)",
    re.IGNORECASE,
)
_NOT_NAMES = word_set(
    "a an the my is to and about from at on in for it that this with please calling ringing "
    "phoning someone somebody anyone police officer who because i me you him her them "
    "regarding re"
)


def extract(text: str) -> Entities:
    spoken = _spoken_digits(text)
    return Entities(
        references=tuple(_references(text)),
        phones=_unique(_phones(text) + _phones(spoken)),
        postcodes=_unique(f"{a.upper()} {b.upper()}" for a, b in _POSTCODE.findall(text)),
        addresses=_unique(m.group(0) for m in _ADDRESS.finditer(text)),
        dates=_unique(m.group(0) for m in _DATE.finditer(text)),
        names=_unique(_names(text)),
    )


def _references(text: str) -> list[str]:
    """Crime, incident and log references via the core module (owned elsewhere). It may not be
    installed yet, and a fault in it must never stop a caller being triaged."""
    try:
        from synergy.core.references import find_references  # noqa: PLC0415 - optional
    except ImportError:
        return []
    try:
        return [ref.canonical for ref in find_references(text)]
    except Exception:  # noqa: BLE001 - triage must go on; the fault is logged for its owner
        log.exception("reference extraction failed; continuing without references")
        return []


def _phones(text: str) -> list[str]:
    found = []
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if digits.startswith("44"):
            digits = "0" + digits[2:].removeprefix("0")
        if len(digits) in (10, 11) and digits[1] in "1235789":
            found.append(digits)
    return found


def _spoken_digits(text: str) -> str:
    """'oh seven seven double oh nine ...' -> '07700 9...' so `_phones` can read it."""

    def convert(m: re.Match[str]) -> str:
        out, repeat = [], 1
        for word in re.split(r"[\s,-]+", m.group(0).lower()):
            if word in _REPEAT:
                repeat = _REPEAT[word]
            elif word in _DIGIT_WORDS or word.isdigit():
                out.append((_DIGIT_WORDS.get(word) or word) * repeat)
                repeat = 1
        return " " + "".join(out) + " "

    return _SPOKEN_RUN.sub(convert, text)


def _names(text: str) -> Iterable[str]:
    for m in _NAME_CUE.finditer(text):
        words = [w for w in m.group(1).split()]
        kept = []
        for w in words:
            if w.lower() in _NOT_NAMES:
                break
            kept.append(w)
        if kept:
            yield " ".join(w[:1].upper() + w[1:] for w in kept)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i.strip() for i in items if i.strip()))
