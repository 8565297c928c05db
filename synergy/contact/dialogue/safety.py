"""Before a caller is put through to a person: are you safe now, where are you, and what
number can we call you back on.

The person who picks up needs these first, and a call that drops cannot be rescued without
them. The call is already in the staff queue while they are asked, so a caller who leaves half
way is still seen by a person. Nobody has to answer: "skip", "I'd rather not say" or, on the
phone, silence moves on; an answer that is not a plain yes or no is kept in the caller's
words; a phone number that cannot be read is asked for once more, then left.
"""

from __future__ import annotations

import re

from synergy.contact.dialogue import answers
from synergy.contact.dialogue.state import CallerSafety

SAFE_NOW, LOCATION, CALLBACK = "safe_now", "location", "callback"
ORDER = (SAFE_NOW, LOCATION, CALLBACK)
QUESTIONS = {
    SAFE_NOW: "Are you safe now?",
    LOCATION: "Where are you now? A postcode, or a street and town, is enough.",
    CALLBACK: "What phone number can we call you back on if we get cut off?",
}
# What the phone line says for the caller when they stay silent after a question.
NO_ANSWER = "no answer"
# What the phone line says when the caller presses 0: a request to go straight through, so
# the questions are not asked (the keypad is the caller's own "skip them all").
STRAIGHT_THROUGH = "Pressed 0: I want to speak to a person"
SKIP = "skip"
MAX_UNREADABLE_NUMBERS = 2

_DECLINE = re.compile(
    r"^\W*(?:skip|pass|next|no answer|no comment|n/?a|none of your business)\b"
    r"|\b(?:rather not|prefer not|don'?t want to|do not want to|won'?t|will not|not going to|"
    r"can'?t|cannot)\s+(?:say|tell|answer|give|share)\b"
    r"|\bnot (?:saying|telling)\b",
    re.IGNORECASE,
)
# Plainly not safe now. "I am scared to go home" is kept in the caller's words instead: it
# does not say they are in danger where they are.
_UNSAFE = re.compile(
    r"\b(?:not (?:really |very |feeling |completely )?safe|unsafe|don'?t feel safe|do not feel "
    r"safe|in danger|he'?s here|she'?s here|they'?re here)\b",
    re.IGNORECASE,
)
_SAFE = re.compile(
    r"\b(?:i'?m|i am|we'?re|we are|feel|feeling)\s+(?:\w+\s+)?(?:safe|ok|okay|fine|alright|"
    r"all right)\b",
    re.IGNORECASE,
)
_DONT_KNOW = re.compile(r"^\W*(?:i\s+)?(?:don'?t|do not) know\W*$|^\W*not sure\W*$", re.I)


def declines(text: str) -> bool:
    """Did the caller choose not to answer (or, on the phone, say nothing)?"""
    return bool(_DECLINE.search(text.strip()))


def read_safe_now(text: str) -> bool | None:
    """True for safe, False for not safe, None when the answer says neither plainly."""
    if _UNSAFE.search(text):
        return False
    if _SAFE.search(text):
        return True
    try:
        return answers.read_yes_no(text)
    except answers.NotUnderstood:
        return None


def next_question(safety: CallerSafety) -> str | None:
    """The next question still to ask, or None when all are answered or skipped."""
    for name in ORDER:
        if name in safety.not_answered:
            continue
        if name == SAFE_NOW and (safety.safe_now is not None or safety.safe_now_words):
            continue
        if name == LOCATION and safety.location is not None:
            continue
        if name == CALLBACK and safety.callback_number is not None:
            continue
        return name
    return None


def skip_the_rest(safety: CallerSafety) -> None:
    """Leave every question not yet answered (the caller asked to go straight through)."""
    while (name := next_question(safety)) is not None:
        safety.not_answered.append(name)


def record_answer(
    safety: CallerSafety, question: str, text: str, *, failures: int, on_phone: bool = False
) -> str | None:
    """Store the answer to `question`; returns a hint to ask again with, or None to move on.

    On the phone, silence means every question left is skipped (a caller who cannot speak
    freely must not be held), and a number that cannot be heard is not asked for again."""
    if on_phone and text.strip().lower() == NO_ANSWER:
        skip_the_rest(safety)
        return None
    if declines(text):
        safety.not_answered.append(question)
        return None
    words = " ".join(text.split())[: answers.MAX_ANSWER_CHARS]
    if question == SAFE_NOW:
        safety.safe_now = read_safe_now(words)
        if safety.safe_now is None:
            safety.safe_now_words = words
    elif question == LOCATION:
        if _DONT_KNOW.match(words):
            safety.not_answered.append(question)
        else:
            safety.location = words
    else:
        try:
            safety.callback_number = answers.read_phone(words)
        except answers.NotUnderstood as problem:
            if on_phone or failures + 1 >= MAX_UNREADABLE_NUMBERS:
                safety.not_answered.append(question)
                return None
            return f"{problem.hint} Or say skip."
    return None


def describe(safety: CallerSafety) -> str:
    """The answers in one line for the staff summary."""
    if safety.safe_now is not None:
        safe = "yes" if safety.safe_now else "NO"
    elif safety.safe_now_words:
        safe = f'"{safety.safe_now_words}"'
    else:
        safe = "not said" if SAFE_NOW in safety.not_answered else "not asked yet"
    where = safety.location or ("not said" if LOCATION in safety.not_answered else "not yet")
    number = safety.callback_number
    callback = (
        f"{number[:5]} {number[5:]}"
        if number
        else ("not given" if CALLBACK in safety.not_answered else "not yet")
    )
    return f"Safe now: {safe}. Where now: {where}. Call back on: {callback}."
