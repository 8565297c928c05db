"""Police reference numbers: reading them, checking them and writing each one the same way.

This module owns the five reference formats the services handle (crime numbers, incident log
numbers, custody numbers, PNC IDs and ACRO references), the alternative spellings people use
for them, and their single canonical form. Anything that accepts, stores, compares or shows a
reference number goes through `parse_reference`, `normalise_reference` or `find_references`,
so that "20-12345-2024" typed by an investigator and "crime number 20 012345 24" read out by a
caller are the same record. The formats are described for newcomers in docs/references.md.

Only `ReferenceFormatError` escapes for any text input; its message is safe to show to the
person who typed the reference and says what was expected.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

MAX_REFERENCE_LENGTH = 100
MAX_FREE_TEXT_LENGTH = 10_000
EARLIEST_YEAR = 1990
# PNC IDs were issued long before the other systems existed, so they may go back further.
EARLIEST_PNC_YEAR = 1970
# The PNC check letter alphabet leaves out I, O and S, which are easily misread as 1, 0 and 5.
PNC_CHECK_LETTERS = "ZABCDEFGHJKLMNPQRTUVWXY"


class ReferenceKind(StrEnum):
    CRIME = "crime"
    INCIDENT_LOG = "incident_log"
    CUSTODY = "custody"
    PNC_ID = "pnc_id"
    ACRO = "acro"


@dataclass(frozen=True)
class Reference:
    """One parsed reference. Fields that do not apply to its kind are None.

    `sequence` is the crime, custody or ACRO sequence number, the incident log number, or the
    PNC ID serial number. `year` is always four digits.
    """

    kind: ReferenceKind
    canonical: str
    year: int
    force_code: str | None = None
    sequence: int | None = None
    date: dt.date | None = None
    suite: str | None = None
    check_letter: str | None = None

    def __str__(self) -> str:
        return self.canonical


_DESCRIPTIONS: dict[ReferenceKind, str] = {
    ReferenceKind.CRIME: "a crime number, like 20/123456/24",
    ReferenceKind.INCIDENT_LOG: (
        "an incident log number, like LOG 1234-26112026 or log 1234 of 26/11/2026"
    ),
    ReferenceKind.CUSTODY: "a custody number, like 20/C/012345/24",
    ReferenceKind.PNC_ID: "a PNC ID, like 24/1234567K",
    ReferenceKind.ACRO: "an ACRO reference, like ACRO/24/123456",
}

_KIND_NAMES: dict[ReferenceKind, str] = {
    ReferenceKind.CRIME: "a crime number",
    ReferenceKind.INCIDENT_LOG: "an incident log number",
    ReferenceKind.CUSTODY: "a custody number",
    ReferenceKind.PNC_ID: "a PNC ID",
    ReferenceKind.ACRO: "an ACRO reference",
}


class ReferenceFormatError(ValueError):
    """The text is not a valid reference of any accepted kind.

    `text` is the input as given; `problem` is what looked wrong, when it could be told; the
    message lists every accepted format with an example.
    """

    def __init__(
        self,
        text: str,
        *,
        problem: str | None = None,
        kinds: Iterable[ReferenceKind] | None = None,
        opening: str = "This is not a valid reference number",
    ) -> None:
        self.text = text
        self.problem = problem
        self.kinds = tuple(ReferenceKind) if kinds is None else tuple(kinds)
        lead = f"{opening}: {problem}." if problem else f"{opening}."
        super().__init__(f"{lead} {_accepted_formats(self.kinds)}")


def _accepted_formats(kinds: tuple[ReferenceKind, ...]) -> str:
    described = [_DESCRIPTIONS[kind] for kind in ReferenceKind if kind in kinds]
    if len(described) == 1:
        return f"We accept {described[0]}."
    return "We accept " + "; ".join(described[:-1]) + f"; or {described[-1]}."


class _Invalid(Exception):
    """Raised inside this module when the shape is right but a value is not (a bad date...)."""


# --- Shapes ------------------------------------------------------------------------------
# Input is cleaned before matching (whitespace runs become one space, typographic dashes
# become "-"), so a single optional space either side of a separator is enough.
_FLAGS = re.IGNORECASE | re.ASCII
_SEP = r"(?:\s?[/\-._]\s?|\s)"
_OPT = rf"{_SEP}?"
_YEAR = r"(?P<year>\d{4}|\d{2})"
_LOG_NUMBER = rf"(?P<seq>\d{{1,4}})(?:\s?(?:of|on|dated)\s?|,\s?|{_SEP})"


@dataclass(frozen=True)
class _Shape:
    kind: ReferenceKind
    pattern: re.Pattern[str]
    finder: re.Pattern[str]
    build: Callable[[re.Match[str], dt.date], Reference]
    # In free text an unlabelled number needs this many sequence digits to count, so that
    # dates ("12/11/24") and other short numbers are not mistaken for references.
    free_text_min_digits: int


_KIND_WORDS: dict[str, ReferenceKind] = {
    "crime": ReferenceKind.CRIME,
    "crn": ReferenceKind.CRIME,
    "occurrence": ReferenceKind.CRIME,
    "log": ReferenceKind.INCIDENT_LOG,
    "incident": ReferenceKind.INCIDENT_LOG,
    "inc": ReferenceKind.INCIDENT_LOG,
    "cad": ReferenceKind.INCIDENT_LOG,
    "custody": ReferenceKind.CUSTODY,
    "pnc": ReferenceKind.PNC_ID,
    "pncid": ReferenceKind.PNC_ID,
    "acro": ReferenceKind.ACRO,
}
_FILLER_WORDS = (
    "reference", "ref", "number", "num", "no", "nr", "id", "record", "report",
    "my", "the", "is", "your", "our",
)  # fmt: skip
_WORDS = "|".join(sorted((*_KIND_WORDS, *_FILLER_WORDS), key=len, reverse=True))
# A label is a few known words before the number, each ended by punctuation or by the digits
# themselves ("log1234"). Capped at six words to keep free-text searching linear.
_LABEL = rf"(?:(?:{_WORDS})(?:[\s:#.\-/_,]{{1,3}}|(?=\d))){{1,6}}"
# Short words that sit between digits in ordinary speech ("log 12 of 26/11/26") and label words
# are not custody suite codes.
_NOT_SUITE = rf"(?:of|on|at|to|in|or|and|for|by|{_WORDS})(?![a-z])"
_SUITE = rf"(?P<suite>(?!{_NOT_SUITE})[a-z]{{1,3}})"
_WORD = re.compile(r"[a-z]+", _FLAGS)
_LABELLED = re.compile(rf"(?P<label>{_LABEL})?(?P<body>\d.*)", _FLAGS | re.DOTALL)
_LEADING = re.compile(r"(?P<lead>\D*)", _FLAGS)


def _shape(
    kind: ReferenceKind,
    body: str,
    build: Callable[[re.Match[str], dt.date], Reference],
    free_text_min_digits: int = 4,
) -> _Shape:
    # The finder is a zero-width lookahead so every start position yields a candidate, and
    # overlaps are settled afterwards rather than by the order the regex engine tries them.
    finder = (
        rf"(?<![a-z0-9+/])(?=(?P<whole>(?P<label>{_LABEL})?(?P<body>{body}))"
        r"(?![a-z0-9]|[/\-._]\d))"
    )
    return _Shape(kind, re.compile(body, _FLAGS), re.compile(finder, _FLAGS), build,
                  free_text_min_digits)  # fmt: skip


# --- Validation of parts --------------------------------------------------------------------


def _full_year(digits: str, today: dt.date) -> int:
    """Two-digit years are 2000-2099; the 1990s must be written in full."""
    year = int(digits) if len(digits) == 4 else 2000 + int(digits)
    if year > today.year:
        hint = ""
        if len(digits) == 2 and 1900 + int(digits) >= EARLIEST_YEAR:
            hint = f" (for a reference from the 1990s, write the year in full, like 19{digits})"
        raise _Invalid(f"year {year} is in the future{hint}")
    if year < EARLIEST_YEAR:
        raise _Invalid(f"year {year} is too early: references start in {EARLIEST_YEAR}")
    return year


def _short_year(year: int) -> str:
    # Keeping the full year for the 1990s means the canonical form reads back the same.
    return f"{year % 100:02d}" if year >= 2000 else str(year)


def _force_code(digits: str) -> str:
    code = f"{int(digits):02d}"
    if code == "00":
        raise _Invalid("force code 00 does not exist (force codes run from 01 to 99)")
    return code


def _sequence(digits: str, what: str) -> int:
    number = int(digits)
    if number == 0:
        raise _Invalid(f"the {what} cannot be 0")
    return number


def _calendar_date(day: str, month: str, year_digits: str, today: dt.date) -> dt.date:
    year = int(year_digits) if len(year_digits) == 4 else 2000 + int(year_digits)
    written = f"{int(day):02d}/{int(month):02d}/{year}"
    try:
        when = dt.date(year, int(month), int(day))
    except ValueError:
        raise _Invalid(f"the date {written} does not exist") from None
    if when > today:
        raise _Invalid(f"the date {written} is in the future")
    if year < EARLIEST_YEAR:
        raise _Invalid(f"the date {written} is too early: logs start in {EARLIEST_YEAR}")
    return when


# --- Builders, one per kind -------------------------------------------------------------------


def _build_crime(match: re.Match[str], today: dt.date) -> Reference:
    force = _force_code(match["force"])
    sequence = _sequence(match["seq"], "crime sequence number")
    year = _full_year(match["year"], today)
    canonical = f"{force}/{sequence:06d}/{_short_year(year)}"
    return Reference(ReferenceKind.CRIME, canonical, year, force_code=force, sequence=sequence)


def _build_log(match: re.Match[str], today: dt.date) -> Reference:
    number = _sequence(match["seq"], "log number")
    when = _calendar_date(match["day"], match["month"], match["year"], today)
    canonical = f"LOG {number:04d}-{when:%d%m%Y}"
    return Reference(ReferenceKind.INCIDENT_LOG, canonical, when.year, sequence=number, date=when)


def _build_custody(match: re.Match[str], today: dt.date) -> Reference:
    force = _force_code(match["force"])
    suite = match["suite"].upper()
    sequence = _sequence(match["seq"], "custody sequence number")
    year = _full_year(match["year"], today)
    canonical = f"{force}/{suite}/{sequence:06d}/{_short_year(year)}"
    return Reference(
        ReferenceKind.CUSTODY, canonical, year, force_code=force, sequence=sequence, suite=suite
    )


def _pnc_year(digits: str, today: dt.date) -> int:
    """PNC IDs are printed with two-digit years from the 1970s on, so pivot on this year."""
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if 2000 + year <= today.year else 1900
    if year > today.year:
        raise _Invalid(f"year {year} is in the future")
    if year < EARLIEST_PNC_YEAR:
        raise _Invalid(f"year {year} is too early: PNC IDs start in {EARLIEST_PNC_YEAR}")
    return year


def _pnc_check_letter(year: int, serial: int) -> str:
    """The check letter for a PNC ID: two-digit year then 7-digit serial, as one number, mod 23."""
    return PNC_CHECK_LETTERS[int(f"{year % 100:02d}{serial:07d}") % 23]


def _build_pnc(match: re.Match[str], today: dt.date) -> Reference:
    year = _pnc_year(match["year"], today)
    serial = _sequence(match["seq"], "PNC ID serial number")
    given, expected = match["check"].upper(), _pnc_check_letter(year, serial)
    if given != expected:
        raise _Invalid(f"PNC ID check letter should be {expected}, not {given}")
    canonical = f"{year % 100:02d}/{serial:07d}{expected}"
    return Reference(ReferenceKind.PNC_ID, canonical, year, sequence=serial, check_letter=expected)


def _build_acro(match: re.Match[str], today: dt.date) -> Reference:
    year = _full_year(match["year"], today)
    sequence = _sequence(match["seq"], "ACRO sequence number")
    canonical = f"ACRO/{_short_year(year)}/{sequence:06d}"
    return Reference(ReferenceKind.ACRO, canonical, year, sequence=sequence)


_SHAPES: tuple[_Shape, ...] = (
    _shape(ReferenceKind.CRIME, rf"(?P<force>\d{{1,2}}){_SEP}(?P<seq>\d{{1,6}}){_SEP}{_YEAR}",
           _build_crime),
    # Force code and sequence run together ("2012345/24"): the force code is always 2 digits.
    _shape(ReferenceKind.CRIME, rf"(?P<force>\d{{2}})(?P<seq>\d{{1,6}}){_SEP}{_YEAR}",
           _build_crime, 6),
    _shape(ReferenceKind.CRIME, rf"(?P<force>\d{{2}}){_OPT}(?P<seq>\d{{6}}){_OPT}{_YEAR}",
           _build_crime, 6),
    _shape(ReferenceKind.INCIDENT_LOG,
           rf"{_LOG_NUMBER}(?P<day>\d{{1,2}}){_SEP}(?P<month>\d{{1,2}}){_SEP}{_YEAR}",
           _build_log),
    _shape(ReferenceKind.INCIDENT_LOG,
           rf"{_LOG_NUMBER}(?P<year>\d{{4}}){_SEP}(?P<month>\d{{1,2}}){_SEP}(?P<day>\d{{1,2}})",
           _build_log),
    _shape(ReferenceKind.INCIDENT_LOG, rf"{_LOG_NUMBER}(?P<day>\d{{2}})(?P<month>\d{{2}}){_YEAR}",
           _build_log),
    _shape(ReferenceKind.INCIDENT_LOG,
           rf"{_LOG_NUMBER}(?P<year>\d{{4}})(?P<month>\d{{2}})(?P<day>\d{{2}})", _build_log),
    _shape(ReferenceKind.CUSTODY,
           rf"(?P<force>\d{{1,2}}){_OPT}{_SUITE}{_OPT}(?P<seq>\d{{1,6}}){_SEP}{_YEAR}",
           _build_custody),
    _shape(ReferenceKind.CUSTODY,
           rf"(?P<force>\d{{1,2}}){_OPT}{_SUITE}{_OPT}(?P<seq>\d{{6}}){_YEAR}",
           _build_custody, 6),
    _shape(ReferenceKind.PNC_ID, rf"{_YEAR}{_SEP}(?P<seq>\d{{1,7}}){_OPT}(?P<check>[a-z])",
           _build_pnc),
    _shape(ReferenceKind.PNC_ID, rf"{_YEAR}(?P<seq>\d{{7}}){_OPT}(?P<check>[a-z])",
           _build_pnc, 7),
    _shape(ReferenceKind.ACRO, rf"{_YEAR}{_SEP}(?P<seq>\d{{1,6}})", _build_acro),
    _shape(ReferenceKind.ACRO, rf"{_YEAR}(?P<seq>\d{{6}})", _build_acro, 6),
)  # fmt: skip

# Kinds that free text must name ("log 1234 of 26/11/2026"): a bare number before a date is
# far more often a time or a house number, and an ACRO reference always carries its letters.
_LABEL_REQUIRED_IN_TEXT = frozenset({ReferenceKind.INCIDENT_LOG, ReferenceKind.ACRO})

_PLAUSIBLE_YEAR = r"(?:19|20)?\d{2}"
_PNC_WITHOUT_LETTER = re.compile(rf"{_PLAUSIBLE_YEAR}{_SEP}\d{{1,7}}", _FLAGS)
_ACRO_WITHOUT_LETTERS = re.compile(rf"{_PLAUSIBLE_YEAR}{_SEP}\d{{1,6}}", _FLAGS)
# UK phone numbers: 0 or +44 then 9 or 10 more digits, perhaps spaced or bracketed.
_PHONE = re.compile(r"(?<![\d+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d(?:[\s()-]{0,2}\d){8,9}(?!\d)",
                    _FLAGS)  # fmt: skip

_DASHES = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-")
    | dict.fromkeys("\u2044\u2215\uff0f", "/")
)
# Punctuation that surrounds a pasted or dictated reference but is never part of one.
_EDGE_CHARACTERS = " '\"()[]<>{}.,;:!?#*`\u2018\u2019\u201c\u201d"


# --- Public API ---------------------------------------------------------------------------------


def parse_reference(
    text: str,
    *,
    kinds: Iterable[ReferenceKind] | None = None,
    today: dt.date | None = None,
) -> Reference:
    """Read one reference number, of any of `kinds` (default: all), written any accepted way.

    A leading label ("crime number", "log", "PNC ID", "ref"...) is allowed and, when it names a
    kind, only that kind is tried. Raises ReferenceFormatError for anything else.
    """
    allowed = _allowed_kinds(kinds)
    cleaned = _clean_reference(text, allowed)
    labelled = _LABELLED.fullmatch(cleaned)
    if labelled is None:
        raise ReferenceFormatError(text, problem=_unexpected_start(cleaned), kinds=allowed)
    label, body = labelled["label"], labelled["body"]
    candidates = _candidate_kinds(text, label, allowed)
    outcome = _parse_body(body, candidates, _today(today))
    if isinstance(outcome, Reference):
        return outcome
    named = bool(_named_kinds(label))
    problem = _explain_failure(body, candidates, allowed, named=named, problem=outcome)
    raise ReferenceFormatError(text, problem=problem, kinds=allowed)


def normalise_reference(
    text: str,
    *,
    kinds: Iterable[ReferenceKind] | None = None,
    today: dt.date | None = None,
) -> str:
    """The canonical spelling of the reference in `text`; see parse_reference."""
    return parse_reference(text, kinds=kinds, today=today).canonical


def find_references(
    text: str,
    *,
    kinds: Iterable[ReferenceKind] | None = None,
    today: dt.date | None = None,
) -> list[Reference]:
    """Every valid reference mentioned in free text, in order of first mention, without repeats.

    Stricter than parse_reference, because ordinary sentences are full of numbers: incident
    logs and ACRO references must be labelled, unlabelled numbers need a sequence of at least
    4 digits, and unlabelled numbers shaped like UK phone numbers are ignored.
    """
    allowed = _allowed_kinds(kinds)
    if len(text) > MAX_FREE_TEXT_LENGTH:
        raise ReferenceFormatError(
            text,
            problem=f"it has {len(text)} characters; the most is {MAX_FREE_TEXT_LENGTH}",
            kinds=allowed,
            opening="This text is too long to search for reference numbers",
        )
    cleaned = _collapse(text)
    phones = [match.span() for match in _PHONE.finditer(cleaned)]
    when = _today(today)
    found = [
        candidate
        for shape in _SHAPES
        if shape.kind in allowed
        for candidate in _candidates(shape, cleaned, when, phones)
    ]
    return _first_non_overlapping(found)


# --- Parsing steps -------------------------------------------------------------------------------


def _allowed_kinds(kinds: Iterable[ReferenceKind] | None) -> tuple[ReferenceKind, ...]:
    if kinds is None:
        return tuple(ReferenceKind)
    chosen = {ReferenceKind(kind) for kind in kinds}
    if not chosen:
        raise ValueError("kinds must name at least one ReferenceKind")
    return tuple(kind for kind in ReferenceKind if kind in chosen)


def _today(today: dt.date | None) -> dt.date:
    # A datetime is a date too, but cannot be compared with one.
    if isinstance(today, dt.datetime):
        return today.date()
    return today or dt.date.today()


def _collapse(text: str) -> str:
    return " ".join(text.translate(_DASHES).split())


def _clean_reference(text: str, allowed: tuple[ReferenceKind, ...]) -> str:
    cleaned = _collapse(text).strip(_EDGE_CHARACTERS)
    if not cleaned:
        raise ReferenceFormatError(text, kinds=allowed, opening="Enter a reference number")
    if len(cleaned) > MAX_REFERENCE_LENGTH:
        raise ReferenceFormatError(
            text,
            problem=f"it has {len(cleaned)} characters; the most is {MAX_REFERENCE_LENGTH}",
            kinds=allowed,
            opening="This is too long to be a reference number",
        )
    return cleaned


def _unexpected_start(cleaned: str) -> str:
    lead = _LEADING.match(cleaned)
    words = lead["lead"].strip() if lead else cleaned
    if words == cleaned:
        return "there are no numbers in it"
    shown = words if len(words) <= 30 else words[:30] + "..."
    return f"it should start with the number, or a label like 'crime number', not '{shown}'"


def _named_kinds(label: str | None) -> set[ReferenceKind]:
    words = (word.lower() for word in _WORD.findall(label or ""))
    return {_KIND_WORDS[word] for word in words if word in _KIND_WORDS}


def _candidate_kinds(
    text: str, label: str | None, allowed: tuple[ReferenceKind, ...]
) -> tuple[ReferenceKind, ...]:
    named = _named_kinds(label)
    if not named:
        # ACRO letters are part of the reference, but a form that takes nothing else can do
        # without them.
        if allowed == (ReferenceKind.ACRO,):
            return allowed
        return tuple(kind for kind in allowed if kind is not ReferenceKind.ACRO)
    chosen = tuple(kind for kind in allowed if kind in named)
    if not chosen:
        names = " or ".join(_KIND_NAMES[kind] for kind in ReferenceKind if kind in named)
        problem = f"it is labelled as {names}, which is not accepted here"
        raise ReferenceFormatError(text, problem=problem, kinds=allowed)
    return chosen


def _parse_body(
    body: str, candidates: tuple[ReferenceKind, ...], today: dt.date
) -> Reference | str | None:
    """The first shape that reads as a valid reference, else the first problem found, if any."""
    problems: list[str] = []
    for shape in _SHAPES:
        if shape.kind not in candidates:
            continue
        match = shape.pattern.fullmatch(body)
        if match is None:
            continue
        try:
            return shape.build(match, today)
        except _Invalid as invalid:
            problems.append(str(invalid))
    return problems[0] if problems else None


def _explain_failure(
    body: str,
    candidates: tuple[ReferenceKind, ...],
    allowed: tuple[ReferenceKind, ...],
    *,
    named: bool,
    problem: str | None,
) -> str | None:
    """What to tell the person: a near-miss first, then what was wrong, then a label mismatch."""
    explanation = _shape_hint(body, candidates, allowed) or problem
    if explanation is None and named:
        names = " or ".join(_KIND_NAMES[kind] for kind in candidates)
        explanation = f"it does not look like {names}"
    return explanation


def _shape_hint(
    body: str, candidates: tuple[ReferenceKind, ...], allowed: tuple[ReferenceKind, ...]
) -> str | None:
    """Name the commonest near-miss: a number that is missing its letters.

    This beats a problem found by reading the text as some other kind: "24/123456" is far
    likelier a PNC ID without its letter than log 24 of the impossible date 12/34/56.
    """
    hints = []
    if ReferenceKind.PNC_ID in candidates and _PNC_WITHOUT_LETTER.fullmatch(body):
        hints.append("a PNC ID without its check letter")
    if (
        ReferenceKind.ACRO in allowed
        and ReferenceKind.ACRO not in candidates
        and _ACRO_WITHOUT_LETTERS.fullmatch(body)
    ):
        hints.append("an ACRO reference without the letters ACRO")
    return "it looks like " + ", or ".join(hints) if hints else None


# --- Free-text search -------------------------------------------------------------------------

_Candidate = tuple[int, int, Reference]


def _candidates(
    shape: _Shape, text: str, today: dt.date, phones: list[tuple[int, int]]
) -> Iterator[_Candidate]:
    for match in shape.finder.finditer(text):
        if not _counts_in_free_text(shape, match, phones):
            continue
        try:
            reference = shape.build(match, today)
        except _Invalid:
            continue
        yield match.start("whole"), match.end("whole"), reference


def _counts_in_free_text(
    shape: _Shape, match: re.Match[str], phones: list[tuple[int, int]]
) -> bool:
    named = _named_kinds(match["label"])
    if named:
        return shape.kind in named
    if shape.kind in _LABEL_REQUIRED_IN_TEXT or len(match["seq"]) < shape.free_text_min_digits:
        return False
    start, end = match.span("body")
    return not any(start < phone_end and phone_start < end for phone_start, phone_end in phones)


def _first_non_overlapping(found: list[_Candidate]) -> list[Reference]:
    """Where candidates overlap, the one starting first wins, then the longest."""
    chosen: list[Reference] = []
    covered_to = 0
    for start, end, reference in sorted(found, key=lambda candidate: (candidate[0], -candidate[1])):
        if start < covered_to:
            continue
        covered_to = end
        if reference not in chosen:
            chosen.append(reference)
    return chosen
