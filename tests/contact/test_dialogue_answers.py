"""Reading single answers: postcodes, places, phone numbers, names, references, yes/no."""

from __future__ import annotations

import pytest

from synergy.contact.dialogue import answers
from synergy.contact.dialogue.answers import NotUnderstood


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("b54tr", "B5 4TR"),
        ("B5 4TR", "B5 4TR"),
        ("it was near ws1 1aa I think", "WS1 1AA"),
        ("SW1A 1AA", "SW1A 1AA"),
        ("ec1a1bb", "EC1A 1BB"),
        ("B5", None),
        ("QQ1 1AA", None),
        ("B5 4CI", None),
        ("0121 555 1234", None),
    ],
)
def test_postcodes_are_validated_and_normalised(text: str, expected: str | None) -> None:
    assert answers.normalise_postcode(text) == expected


def test_a_street_without_a_postcode_is_a_place() -> None:
    assert answers.read_location("outside Tesco on Bristol Road, Selly Oak") == {
        "postcode": "",
        "address": "outside Tesco on Bristol Road, Selly Oak",
    }


@pytest.mark.parametrize("text", ["not sure", "B5", "somewhere"])
def test_no_postcode_and_no_street_is_not_understood(text: str) -> None:
    with pytest.raises(NotUnderstood, match="postcode"):
        answers.read_location(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07700 900123", "07700900123"),
        ("my number is +44 7700 900123", "07700900123"),
        ("0121-555-1234", "01215551234"),
    ],
)
def test_uk_phone_numbers_are_read_as_digits(text: str, expected: str) -> None:
    assert answers.read_phone(text) == expected


@pytest.mark.parametrize("text", ["12345", "call me", "+1 415 555 0100"])
def test_other_text_is_not_a_phone_number(text: str) -> None:
    with pytest.raises(NotUnderstood):
        answers.read_phone(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my name is sam taylor", "Sam Taylor"),
        ("It's Aoife O'Neill-Byrne", "Aoife O'Neill-Byrne"),
        ("Zoë", "Zoë"),
    ],
)
def test_names_lose_their_lead_in(text: str, expected: str) -> None:
    assert answers.read_name(text) == expected


@pytest.mark.parametrize("text", ["", "07700 900123", "a b c d e f g h"])
def test_numbers_and_long_sentences_are_not_names(text: str) -> None:
    with pytest.raises(NotUnderstood):
        answers.read_name(text)


def test_references_come_back_canonical() -> None:
    assert answers.read_reference("20 123456 24") == "20/123456/24"
    assert answers.read_reference("it's log 12 of 1/11/2025") == "LOG 0012-01112025"


def test_a_bad_reference_says_what_a_good_one_looks_like() -> None:
    with pytest.raises(NotUnderstood, match="20/123456/24"):
        answers.read_reference("banana")


@pytest.mark.parametrize(("text", "expected"), [("Yes", True), ("that's right", True),
                                                ("no", False), ("Nope, wrong", False)])  # fmt: skip
def test_yes_and_no(text: str, expected: bool) -> None:
    assert answers.read_yes_no(text) is expected


@pytest.mark.parametrize(
    "text",
    ["speak to a person", "Can I talk to someone", "human", "put me through to an operator",
     "I want a real person not a bot"],
)  # fmt: skip
def test_asking_for_a_person_is_recognised(text: str) -> None:
    assert answers.wants_a_person(text)


@pytest.mark.parametrize("text", ["a person stole my bike", "someone broke my window"])
def test_mentioning_a_person_is_not_asking_for_one(text: str) -> None:
    assert not answers.wants_a_person(text)
