"""Reading one answer from a caller: postcodes, addresses, phone numbers, names, references,
yes or no, and "let me speak to a person".

Each `read_*` function returns the cleaned value, or raises `NotUnderstood` with a short hint
that the dialogue says back to the caller when it asks again. Nothing here depends on the
channel: the same answers come from typed chat and from speech recognition.
"""

from __future__ import annotations

import re

from synergy.core.references import ReferenceFormatError, ReferenceKind, find_references
from synergy.core.references import parse_reference as parse_core_reference

MAX_ANSWER_CHARS = 2000
MAX_NAME_CHARS = 80

# The Royal Mail postcode shapes (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA) with
# the letters each position never uses; the inward part never uses C, I, K, M, O or V.
_POSTCODE = re.compile(
    r"(?<![A-Z0-9])("
    r"[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRVWXY]?"
    r"|GIR(?= ?0AA)"
    r") ?([0-9][ABD-HJLNP-UW-Z]{2})(?![A-Z0-9])",
    re.IGNORECASE,
)
_STREET_WORDS = re.compile(
    r"\b(road|rd|street|st|lane|ln|avenue|ave|close|drive|dr|way|crescent|place|grove|"
    r"gardens|court|terrace|square|hill|park|walk|row|green|mews|parade|rise|view|vale|"
    r"estate|centre|center|station|retail park|shopping centre|high st)\b",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<!\d)(?:\+\s?44\s?(?:\(0\)\s?)?|0)(?:\d[\s\-()]{0,2}){9,10}(?!\d)")
_NAME_LEAD = re.compile(
    r"^(?:(?:hi|hello|yes|yeah|ok|okay)[,!.]?\s+)?"
    r"(?:my name is|my name's|name is|it's|it is|i am|i'm|im|this is|call me)\s+",
    re.IGNORECASE,
)
_NAME = re.compile(r"^[^\W\d_]+(?:['\u2019\-.\s]+[^\W\d_]+){0,5}\.?$")
_YES = re.compile(
    r"^(?:yes|yeah|yep|yup|aye|correct|that'?s (?:right|correct)|right|ok|okay|sure|"
    r"that is (?:right|correct)|confirm(?:ed)?|it is|all correct|spot on)\b",
    re.IGNORECASE,
)
_NO = re.compile(
    r"^(?:no|nope|nah|not (?:quite|right|correct)|wrong|incorrect|that'?s wrong|"
    r"that is wrong|change)\b",
    re.IGNORECASE,
)
_PERSON = re.compile(
    r"\b(?:speak|talk|chat|put me through|connect me|transfer me|get me|want|need|"
    r"give me)\b[\w\s]{0,20}?\b(?:a |an |to a |to an |with a |with an |to )?(?:real |actual |"
    r"live )?(?:person|human|agent|operator|call handler|someone|somebody|advis[eo]r|adviser)\b"
    r"|^\s*(?:person|human|agent|operator|real person)\s*[.!]?\s*$"
    r"|\breal person\b|\bnot a (?:bot|robot|machine)\b",
    re.IGNORECASE,
)
_NO_REFERENCE = re.compile(
    r"\b(?:don'?t|do not|haven'?t|have not|never|no)\b.{0,30}\b(?:reference|ref|number|have one|"
    r"know it|got one|one)\b|^\s*no\s*$",
    re.IGNORECASE,
)
ACCEPTED_REFERENCE_KINDS = (ReferenceKind.CRIME, ReferenceKind.INCIDENT_LOG)


class NotUnderstood(ValueError):  # noqa: N818 - reads as what happened to the answer
    """The answer could not be read as what was asked for; `hint` says what we need."""

    def __init__(self, hint: str) -> None:
        super().__init__(hint)
        self.hint = hint


def normalise_postcode(text: str) -> str | None:
    """The first valid UK postcode in `text`, written in capitals with one space, or None.

    >>> normalise_postcode("b54tr")
    'B5 4TR'
    """
    match = _POSTCODE.search(text.strip())
    if match is None:
        return None
    return f"{match.group(1).upper()} {match.group(2).upper()}"


def read_location(text: str) -> dict[str, str]:
    """A place: a valid postcode, or a street address; returns {"postcode", "address"}."""
    postcode = normalise_postcode(text)
    address = " ".join(text.split())
    if postcode:
        rest = _POSTCODE.sub("", address).strip(" ,.")
        written = _POSTCODE.sub(postcode, address, count=1)
        return {"postcode": postcode, "address": written if len(rest) >= 3 else ""}
    if _STREET_WORDS.search(address) and len(address.split()) >= 2:
        return {"postcode": "", "address": address}
    raise NotUnderstood(
        "I could not find a valid postcode in that, like B5 4TR. If you do not know the "
        "postcode, tell me the street name and the town."
    )


def read_phone(text: str) -> str:
    """A UK phone number as digits with a leading 0 (+44 becomes 0)."""
    match = _PHONE.search(text)
    if match is None:
        raise NotUnderstood("Please give a UK phone number, like 07700 900123.")
    digits = re.sub(r"\D", "", match.group(0))
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    if digits.startswith("00") or not 10 <= len(digits) <= 11:
        raise NotUnderstood("Please give a UK phone number, like 07700 900123.")
    return digits


def read_name(text: str) -> str:
    """A person's name, without "my name is"; letters, spaces, hyphens and apostrophes."""
    name = _NAME_LEAD.sub("", " ".join(text.split())).strip(" ,.!")
    if not name or len(name) > MAX_NAME_CHARS or not _NAME.match(name):
        raise NotUnderstood("Please tell me your full name, for example Sam Taylor.")
    return " ".join(part[:1].upper() + part[1:] for part in name.split())


def read_reference(text: str) -> str:
    """A crime number or incident log number, in its canonical form."""
    found = find_references(text[:MAX_ANSWER_CHARS], kinds=ACCEPTED_REFERENCE_KINDS)
    if found:
        return found[0].canonical
    try:
        return parse_core_reference(text, kinds=ACCEPTED_REFERENCE_KINDS).canonical
    except ReferenceFormatError as error:
        problem = f" ({error.problem})" if error.problem else ""
        raise NotUnderstood(
            f"That does not look like a crime number or incident log number{problem}. "
            "A crime number looks like 20/123456/24 and a log number like LOG 1234-26112026."
        ) from None


def find_reference(text: str) -> str:
    """A crime or incident log number mentioned in a sentence (labelled, or clearly shaped)."""
    found = find_references(text[:MAX_ANSWER_CHARS], kinds=ACCEPTED_REFERENCE_KINDS)
    if not found:
        raise NotUnderstood("No reference number was mentioned.")
    return found[0].canonical


def says_no_reference(text: str) -> bool:
    return bool(_NO_REFERENCE.search(text))


def read_free_text(text: str, *, what: str) -> str:
    cleaned = " ".join(text.split())
    if len(cleaned) < 2:
        raise NotUnderstood(f"Please tell me {what}.")
    return cleaned[:MAX_ANSWER_CHARS]


def read_yes_no(text: str) -> bool:
    cleaned = text.strip().lower()
    if _YES.match(cleaned):
        return True
    if _NO.match(cleaned):
        return False
    raise NotUnderstood("Please answer yes or no.")


def wants_a_person(text: str) -> bool:
    """Did the caller ask to speak to a person (at any point in the conversation)?"""
    return bool(_PERSON.search(text))
