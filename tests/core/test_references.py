"""Reference numbers: every accepted spelling reads to one canonical form, and every rejection
says what was wrong in plain English."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from synergy.core.references import (
    Reference,
    ReferenceFormatError,
    ReferenceKind,
    find_references,
    normalise_reference,
    parse_reference,
)

TODAY = dt.date(2026, 11, 26)
CRIME = ReferenceKind.CRIME
LOG = ReferenceKind.INCIDENT_LOG
CUSTODY = ReferenceKind.CUSTODY
PNC = ReferenceKind.PNC_ID
ACRO = ReferenceKind.ACRO

# (text as typed, pasted or transcribed; kinds accepted, None for all; canonical form)
VALID: list[tuple[str, list[ReferenceKind] | None, str]] = [
    # Crime numbers
    ("20/123456/24", None, "20/123456/24"),
    ("20-123456-24", None, "20/123456/24"),
    ("20.123456.24", None, "20/123456/24"),
    ("20_123456_24", None, "20/123456/24"),
    ("20 123456 24", None, "20/123456/24"),
    ("20 / 123456 / 24", None, "20/123456/24"),
    ("20/123456/2024", None, "20/123456/24"),
    ("20-12345-24", None, "20/012345/24"),
    ("20 12345 2024", None, "20/012345/24"),
    ("2012345/24", None, "20/012345/24"),
    ("20123456/24", None, "20/123456/24"),
    ("2012345624", None, "20/123456/24"),
    ("201234562024", None, "20/123456/24"),
    ("20/42/24", None, "20/000042/24"),
    ("7/123456/24", None, "07/123456/24"),
    ("  20/123456/24  ", None, "20/123456/24"),
    ("\t20/123456/24\n", None, "20/123456/24"),
    ("20\u2013123456\u201324", None, "20/123456/24"),
    ("20\u00a0123456\u00a024", None, "20/123456/24"),
    ("(20/123456/24)", None, "20/123456/24"),
    ("crime number 20/123456/24", None, "20/123456/24"),
    ("Crime No. 20/123456/24", None, "20/123456/24"),
    ("CRIME REF: 20-123456-24", None, "20/123456/24"),
    ("crime reference number 20 123456 24", None, "20/123456/24"),
    ("my crime number is 20 123456 24", None, "20/123456/24"),
    ("ref 20/123456/24", None, "20/123456/24"),
    ("Ref: 20/123456/24.", None, "20/123456/24"),
    ("occurrence number 20/123456/24", None, "20/123456/24"),
    ("CRN 20/123456/24", None, "20/123456/24"),
    ("20/123456/1995", None, "20/123456/1995"),
    ("crime number 20/123456/24", [CRIME, LOG], "20/123456/24"),
    # Incident log numbers
    ("LOG 1234-26112026", None, "LOG 1234-26112026"),
    ("log 1234 of 26/11/2026", None, "LOG 1234-26112026"),
    ("Log 1234 of 26/11/26", None, "LOG 1234-26112026"),
    ("1234 26/11/26", None, "LOG 1234-26112026"),
    ("1234-261126", None, "LOG 1234-26112026"),
    ("log1234 26-11-2026", None, "LOG 1234-26112026"),
    ("INC-1234-20261126", None, "LOG 1234-26112026"),
    ("incident 1234 of 26.11.2026", None, "LOG 1234-26112026"),
    ("LOG 1234 26112026", None, "LOG 1234-26112026"),
    ("CAD 1234 2026-11-26", None, "LOG 1234-26112026"),
    ("incident log number 1234, 26/11/2026", None, "LOG 1234-26112026"),
    ("log 1234 dated 26 11 2026", None, "LOG 1234-26112026"),
    ("log 42 of 1/3/2025", None, "LOG 0042-01032025"),
    ("log no. 0042 on 01/03/2025", None, "LOG 0042-01032025"),
    ("log 7 of 29/02/2024", None, "LOG 0007-29022024"),
    ("inc 9999 of 31/12/1999", None, "LOG 9999-31121999"),
    ("log 1234 of 26/11/2026", [CRIME, LOG], "LOG 1234-26112026"),
    # Custody numbers
    ("20/C/012345/24", None, "20/C/012345/24"),
    ("20/c/12345/24", None, "20/C/012345/24"),
    ("20C01234524", None, "20/C/012345/24"),
    ("20-C-12345-2024", None, "20/C/012345/24"),
    ("20C/12345/24", None, "20/C/012345/24"),
    ("custody 20 C 12345 24", None, "20/C/012345/24"),
    ("custody number 20/BH/000001/25", None, "20/BH/000001/25"),
    ("custody record 20 bh 1 2025", None, "20/BH/000001/25"),
    ("20 ABC 123456 24", None, "20/ABC/123456/24"),
    # PNC IDs
    ("24/1234567K", None, "24/1234567K"),
    ("2024/1234567K", None, "24/1234567K"),
    ("24 1234567k", None, "24/1234567K"),
    ("241234567K", None, "24/1234567K"),
    ("24/1234567 K", None, "24/1234567K"),
    ("24-1234567-k", None, "24/1234567K"),
    ("pnc id 24/12345H", None, "24/0012345H"),
    ("PNC 24/0012345H", None, "24/0012345H"),
    ("PNCID: 24/12345/H", None, "24/0012345H"),
    ("79/123456T", None, "79/0123456T"),
    ("1979/123456T", None, "79/0123456T"),
    ("05/1B", None, "05/0000001B"),
    ("99/7654321V", None, "99/7654321V"),
    # ACRO references
    ("ACRO/24/123456", None, "ACRO/24/123456"),
    ("acro 24 123456", None, "ACRO/24/123456"),
    ("ACRO-2024-123456", None, "ACRO/24/123456"),
    ("acro24123456", None, "ACRO/24/123456"),
    ("ACRO ref 24/42", None, "ACRO/24/000042"),
    ("ref ACRO/24/123456", None, "ACRO/24/123456"),
    ("ACRO reference: 2024/123456", None, "ACRO/24/123456"),
    ("ACRO/1998/000001", None, "ACRO/1998/000001"),
    ("24/123456", [ACRO], "ACRO/24/123456"),
]

# (text; kinds accepted, None for all; words the error message must contain)
INVALID: list[tuple[str, list[ReferenceKind] | None, str]] = [
    ("", None, "Enter a reference number"),
    ("   \n ", None, "Enter a reference number"),
    ("x" * 101, None, "too long to be a reference number: it has 101 characters"),
    ("20/123456/24 " + "9" * 100, None, "too long to be a reference number"),
    ("hello", None, "there are no numbers in it"),
    ("Hello 20/123456/24", None, "not 'Hello'"),
    ("20/123456/87", None, "year 2087 is in the future"),
    ("20/123456/2087", None, "year 2087 is in the future"),
    ("20/123456/95", None, "write the year in full, like 1995"),
    ("20/123456/1985", None, "year 1985 is too early"),
    ("00/123456/24", None, "force code 00 does not exist"),
    ("20/000000/24", None, "crime sequence number cannot be 0"),
    ("20/1234567/24", None, "This is not a valid reference number."),
    ("20/12E456/24", None, "This is not a valid reference number."),
    ("20/123456/24/5", None, "This is not a valid reference number."),
    ("log 1234 of 31/02/2026", None, "the date 31/02/2026 does not exist"),
    ("log 1234 of 29/02/2025", None, "the date 29/02/2025 does not exist"),
    ("log 1234 of 31/04/2026", None, "the date 31/04/2026 does not exist"),
    ("1234 32/01/2026", None, "the date 32/01/2026 does not exist"),
    ("log 1234 of 27/11/2026", None, "the date 27/11/2026 is in the future"),
    ("log 1234 of 01/01/1989", None, "the date 01/01/1989 is too early"),
    ("log 0 of 26/11/2026", None, "the log number cannot be 0"),
    ("log 12345 of 26/11/2026", None, "it does not look like an incident log number"),
    ("00/C/012345/24", None, "force code 00 does not exist"),
    ("20/C/000000/24", None, "custody sequence number cannot be 0"),
    ("custody 24/1234567K", None, "it does not look like a custody number"),
    ("24 1234567x", None, "PNC ID check letter should be K, not X"),
    ("24/1234567", None, "a PNC ID without its check letter"),
    ("pnc 24/1234567", None, "a PNC ID without its check letter"),
    ("2030/1234567K", None, "year 2030 is in the future"),
    ("1969/1234567K", None, "PNC IDs start in 1970"),
    ("24/0000000Z", None, "PNC ID serial number cannot be 0"),
    ("24/123456", None, "an ACRO reference without the letters ACRO"),
    ("ACRO/24/1234567", None, "it does not look like an ACRO reference"),
    ("ACRO/2087/123456", None, "year 2087 is in the future"),
    ("ACRO/24/000000", None, "ACRO sequence number cannot be 0"),
    ("crime number 20/123456/24", [PNC], "labelled as a crime number, which is not accepted"),
    ("log 1234 of 26/11/2026", [CRIME], "labelled as an incident log number"),
    ("0121 496 0000", None, "This is not a valid reference number."),
    ("B12 3XY", None, "This is not a valid reference number"),
]

# (free text; canonical forms found, in order)
FOUND: list[tuple[str, list[str]]] = [
    ("my crime number is 20 123456 24 and my phone is 0121 496 0000", ["20/123456/24"]),
    ("I was burgled on 12/11/24 at B12 3XY", []),
    ("Call me on 07700 900123 or +44 121 496 0000.", []),
    (
        "log 1234 of 26/11/2026 and ACRO/24/123456, pnc 24/1234567K",
        ["LOG 1234-26112026", "ACRO/24/123456", "24/1234567K"],
    ),
    ("crime numbers 20/123456/24 and 20-123456-2024", ["20/123456/24"]),
    ("Two refs: 20/123456/24; 20/654321/25.", ["20/123456/24", "20/654321/25"]),
    ("I rang at 1430 26/11/26 about it", []),
    ("my postcode is SW1A 2AA and I live at flat 12", []),
    ("the custody number was 20 C 12345 24", ["20/C/012345/24"]),
    ("ref 20/42/24", []),
    ("crime number 20/42/24", ["20/000042/24"]),
    ("01 123456 24", []),
    ("crime number 01 123456 24", ["01/123456/24"]),
    ("PNC 24/1234567X is wrong", []),
    ("sort code 40-12-24", []),
    ("ACRO 24 123456 and 24 123456", ["ACRO/24/123456"]),
    ("it was log 12 of 26/11/2026, I think", ["LOG 0012-26112026"]),
    ("", []),
]


@pytest.mark.parametrize(("text", "kinds", "canonical"), VALID)
def test_accepted_spelling_reads_to_its_canonical_form(
    text: str, kinds: list[ReferenceKind] | None, canonical: str
) -> None:
    assert normalise_reference(text, kinds=kinds, today=TODAY) == canonical


@pytest.mark.parametrize(("text", "kinds", "canonical"), VALID)
def test_canonical_form_reads_back_to_the_same_reference(
    text: str, kinds: list[ReferenceKind] | None, canonical: str
) -> None:
    reference = parse_reference(text, kinds=kinds, today=TODAY)
    assert parse_reference(canonical, kinds=kinds, today=TODAY) == reference


@pytest.mark.parametrize(("text", "kinds", "expected"), INVALID)
def test_rejected_text_gets_a_message_saying_what_is_wrong(
    text: str, kinds: list[ReferenceKind] | None, expected: str
) -> None:
    with pytest.raises(ReferenceFormatError) as caught:
        parse_reference(text, kinds=kinds, today=TODAY)
    assert expected in str(caught.value)
    assert caught.value.text == text


@pytest.mark.parametrize(("text", "canonicals"), FOUND)
def test_free_text_yields_the_references_it_mentions_and_nothing_else(
    text: str, canonicals: list[str]
) -> None:
    assert [ref.canonical for ref in find_references(text, today=TODAY)] == canonicals


def test_crime_number_exposes_force_sequence_and_full_year() -> None:
    reference = parse_reference("20-12345-24", today=TODAY)
    assert reference == Reference(
        ReferenceKind.CRIME, "20/012345/24", 2024, force_code="20", sequence=12345
    )
    assert str(reference) == "20/012345/24"


def test_incident_log_exposes_log_number_and_date() -> None:
    reference = parse_reference("log 42 of 1/3/25", today=TODAY)
    assert reference.kind is ReferenceKind.INCIDENT_LOG
    assert (reference.sequence, reference.date, reference.year) == (42, dt.date(2025, 3, 1), 2025)


def test_custody_number_exposes_suite() -> None:
    reference = parse_reference("20 bh 1 2025", today=TODAY)
    assert (reference.kind, reference.force_code, reference.suite) == (CUSTODY, "20", "BH")
    assert (reference.sequence, reference.year) == (1, 2025)


def test_pnc_id_two_digit_year_after_this_year_is_from_the_last_century() -> None:
    reference = parse_reference("79/123456T", today=TODAY)
    assert (reference.year, reference.sequence, reference.check_letter) == (1979, 123456, "T")


def test_pnc_id_two_digit_year_up_to_this_year_is_this_century() -> None:
    assert parse_reference("26/42Q", today=TODAY).year == 2026


def test_acro_letters_can_be_left_out_only_when_nothing_else_is_accepted() -> None:
    assert parse_reference("24/123456", kinds=[ACRO], today=TODAY).kind is ACRO
    with pytest.raises(ReferenceFormatError):
        parse_reference("24/123456", kinds=[ACRO, CRIME], today=TODAY)


def test_error_lists_every_accepted_format_with_an_example() -> None:
    with pytest.raises(ReferenceFormatError) as caught:
        parse_reference("nonsense", today=TODAY)
    message = str(caught.value)
    for example in (
        "20/123456/24",
        "LOG 1234-26112026",
        "log 1234 of 26/11/2026",
        "20/C/012345/24",
        "24/1234567K",
        "ACRO/24/123456",
    ):
        assert example in message


def test_error_lists_only_the_formats_accepted_here() -> None:
    with pytest.raises(ReferenceFormatError) as caught:
        parse_reference("20/123456/24", kinds=[PNC], today=TODAY)
    assert str(caught.value).endswith("We accept a PNC ID, like 24/1234567K.")
    assert caught.value.kinds == (PNC,)


def test_error_is_a_value_error_carrying_the_problem_on_its_own() -> None:
    with pytest.raises(ValueError) as caught:
        parse_reference("log 1234 of 31/02/2026", today=TODAY)
    assert isinstance(caught.value, ReferenceFormatError)
    assert caught.value.problem == "the date 31/02/2026 does not exist"


def test_future_is_judged_against_the_real_date_by_default() -> None:
    next_year = dt.date.today().year + 1
    with pytest.raises(ReferenceFormatError, match=f"year {next_year} is in the future"):
        parse_reference(f"20/123456/{next_year}")


def test_today_decides_what_counts_as_the_future() -> None:
    assert normalise_reference("20/1/27", today=dt.date(2027, 1, 1)) == "20/000001/27"
    with pytest.raises(ReferenceFormatError, match="year 2027 is in the future"):
        parse_reference("20/1/27", today=dt.date(2026, 12, 31))


def test_kinds_may_be_given_as_any_iterable_including_plain_strings() -> None:
    text = "20/123456/24"
    assert parse_reference(text, kinds=iter(["crime"]), today=TODAY).kind is CRIME  # type: ignore[arg-type]


def test_no_kinds_at_all_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="at least one") as caught:
        parse_reference("20/123456/24", kinds=[], today=TODAY)
    assert not isinstance(caught.value, ReferenceFormatError)


def test_find_respects_the_kinds_asked_for() -> None:
    text = "crime 20/123456/24, pnc 24/1234567K"
    assert [r.kind for r in find_references(text, kinds=[PNC], today=TODAY)] == [PNC]


def test_find_refuses_text_too_long_to_search() -> None:
    with pytest.raises(ReferenceFormatError, match="too long to search"):
        find_references("a" * 10_001, today=TODAY)


# --- Properties ----------------------------------------------------------------------------------

PROPERTY_SETTINGS = settings(database=None, deadline=None, max_examples=300)
REFERENCE_LIKE_TEXT = st.text(
    alphabet="0123456789/-._ :ACROLGKXcrimelognpfu\u2013\u00a0", max_size=40
)
SEPARATORS = st.sampled_from(["/", "-", ".", "_", " ", " / ", "\u2013"])
PAST_YEARS = st.integers(min_value=1990, max_value=TODAY.year)


def _written_year(year: int, draw_short: bool) -> str:
    # The 1990s must be written in full; later years may be either way.
    return f"{year % 100:02d}" if draw_short and year >= 2000 else str(year)


def _canonical_year(year: int) -> str:
    return f"{year % 100:02d}" if year >= 2000 else str(year)


def _expected_check_letter(year: int, serial: int) -> str:
    return "ZABCDEFGHJKLMNPQRTUVWXY"[int(f"{year % 100:02d}{serial:07d}") % 23]


@st.composite
def crime_numbers(draw: st.DrawFn) -> tuple[str, str]:
    force, sequence, year = (
        draw(st.integers(1, 99)),
        draw(st.integers(1, 999_999)),
        draw(PAST_YEARS),
    )
    sep = draw(SEPARATORS)
    label = draw(st.sampled_from(["", "crime number ", "Ref: ", "CRIME NO. "]))
    written = f"{label}{force}{sep}{sequence}{sep}{_written_year(year, draw(st.booleans()))}"
    return written, f"{force:02d}/{sequence:06d}/{_canonical_year(year)}"


@st.composite
def incident_logs(draw: st.DrawFn) -> tuple[str, str]:
    number = draw(st.integers(1, 9999))
    when = draw(st.dates(min_value=dt.date(1990, 1, 1), max_value=TODAY))
    date_text = draw(
        st.sampled_from(
            [f"{when.day}/{when.month}/{when.year}", f"{when:%d%m%Y}", f"{when:%Y-%m-%d}"]
            + ([f"{when:%d.%m.%y}", f"{when:%d%m%y}"] if when.year >= 2000 else [])
        )
    )
    label = draw(st.sampled_from(["log ", "LOG", "INC-", "incident ", ""]))
    joiner = draw(st.sampled_from([" of ", " ", "-", ", "]))
    return f"{label}{number}{joiner}{date_text}", f"LOG {number:04d}-{when:%d%m%Y}"


@st.composite
def custody_numbers(draw: st.DrawFn) -> tuple[str, str]:
    force, sequence, year = (
        draw(st.integers(1, 99)),
        draw(st.integers(1, 999_999)),
        draw(PAST_YEARS),
    )
    suite = draw(st.sampled_from(["C", "BH", "cx", "WV", "dud", "K"]))
    sep = draw(SEPARATORS)
    year_text = _written_year(year, draw(st.booleans()))
    written = f"{force}{sep}{suite}{sep}{sequence}{sep}{year_text}"
    return written, f"{force:02d}/{suite.upper()}/{sequence:06d}/{_canonical_year(year)}"


@st.composite
def pnc_ids(draw: st.DrawFn) -> tuple[str, str]:
    year = draw(st.integers(1970, TODAY.year))
    serial = draw(st.integers(1, 9_999_999))
    letter = _expected_check_letter(year, serial)
    year_text = str(year) if draw(st.booleans()) else f"{year % 100:02d}"
    written_letter = letter.lower() if draw(st.booleans()) else letter
    written = f"{year_text}{draw(SEPARATORS)}{serial}{written_letter}"
    return written, f"{year % 100:02d}/{serial:07d}{letter}"


@st.composite
def acro_references(draw: st.DrawFn) -> tuple[str, str]:
    year, sequence = draw(PAST_YEARS), draw(st.integers(1, 999_999))
    label = draw(st.sampled_from(["ACRO/", "acro ", "ACRO-", "ref ACRO "]))
    written = f"{label}{_written_year(year, draw(st.booleans()))}{draw(SEPARATORS)}{sequence}"
    return written, f"ACRO/{_canonical_year(year)}/{sequence:06d}"


ANY_VALID_REFERENCE = st.one_of(
    crime_numbers(), incident_logs(), custody_numbers(), pnc_ids(), acro_references()
)


@PROPERTY_SETTINGS
@given(st.text(max_size=150))
def test_any_text_reads_as_a_reference_or_raises_reference_format_error(text: str) -> None:
    try:
        reference = parse_reference(text, today=TODAY)
    except ReferenceFormatError as error:
        assert error.text == text
    else:
        assert isinstance(reference, Reference)


@PROPERTY_SETTINGS
@given(REFERENCE_LIKE_TEXT)
def test_reference_like_text_reads_as_a_reference_or_raises_reference_format_error(
    text: str,
) -> None:
    try:
        reference = parse_reference(text, today=TODAY)
    except ReferenceFormatError:
        return
    assert parse_reference(reference.canonical, today=TODAY) == reference


@PROPERTY_SETTINGS
@given(ANY_VALID_REFERENCE)
def test_generated_spellings_read_to_the_expected_canonical_form(
    written_and_canonical: tuple[str, str],
) -> None:
    written, canonical = written_and_canonical
    reference = parse_reference(written, today=TODAY)
    assert reference.canonical == canonical
    assert parse_reference(canonical, today=TODAY) == reference


@PROPERTY_SETTINGS
@given(st.one_of(ANY_VALID_REFERENCE.map(lambda pair: pair[0]), REFERENCE_LIKE_TEXT))
def test_normalising_is_idempotent(text: str) -> None:
    try:
        once = normalise_reference(text, today=TODAY)
    except ReferenceFormatError:
        return
    assert normalise_reference(once, today=TODAY) == once


@PROPERTY_SETTINGS
@given(st.text(max_size=300), ANY_VALID_REFERENCE)
def test_free_text_search_never_fails_and_finds_only_valid_references(
    noise: str, written_and_canonical: tuple[str, str]
) -> None:
    text = f"{noise} {written_and_canonical[0]} {noise}"
    for reference in find_references(text, today=TODAY):
        assert parse_reference(reference.canonical, today=TODAY) == reference


@PROPERTY_SETTINGS
@given(crime_numbers(), pnc_ids())
def test_references_in_a_sentence_are_found(crime: tuple[str, str], pnc: tuple[str, str]) -> None:
    text = f"Hi, my crime number is {crime[0]} and his PNC ID is {pnc[0]}, thanks."
    found = [reference.canonical for reference in find_references(text, today=TODAY)]
    assert found == [crime[1], pnc[1]]


def test_today_may_be_given_as_a_datetime() -> None:
    now = dt.datetime(2026, 11, 26, 23, 59)
    assert normalise_reference("log 1 of 26/11/2026", today=now) == "LOG 0001-26112026"
