"""Links in entries: telephone numbers, web and email addresses, map links; always escaped."""

from __future__ import annotations

from synergy.notebook.links import linkify
from synergy.notebook.mentions import find_mentions
from synergy.notebook.schemas import EntryContent


def test_uk_and_international_numbers_become_tel_links() -> None:
    html = str(linkify("Call 0121 626 5000 or +33 1 42 68 53 00 back"))
    assert '<a class="govuk-link" href="tel:+441216265000">0121 626 5000</a>' in html
    assert 'href="tel:+33142685300"' in html


def test_web_and_email_addresses_become_links_without_trailing_punctuation() -> None:
    html = str(linkify("See https://www.gov.uk/report. Mail pc.smith@example.police.uk now"))
    assert 'href="https://www.gov.uk/report"' in html
    assert 'href="mailto:pc.smith@example.police.uk"' in html


def test_markup_in_an_entry_is_escaped_never_run() -> None:
    html = str(linkify('<script>alert(1)</script> javascript:alert(2) "x" https://a.uk/?q=<b>'))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert "<b>" not in html


def test_postcodes_get_map_links_only_when_a_template_is_set() -> None:
    text = "Attended 12 Colmore Row, Birmingham B3 2BS"
    assert "<a" not in str(linkify(text))
    html = str(linkify(text, map_url_template="https://maps.example.uk/?q={query}"))
    assert 'href="https://maps.example.uk/?q=12+Colmore+Row%2C+Birmingham+B3+2BS"' in html


def test_people_vehicles_and_places_are_found_for_records() -> None:
    content = EntryContent.model_validate(
        {
            "text": "Stopped Jan Piotr KOWALSKI born 27/03/1990 driving AB12 CDE near B3 2BS.",
            "signatures": [{"role": "witness", "name": "Mary Jones"}],
        }
    )
    found = find_mentions(content)
    names = [(p.given_names, p.family_name, p.date_of_birth) for p in found.people]
    assert names[0][:2] == ("Jan Piotr", "Kowalski") and str(names[0][2]) == "1990-03-27"
    assert ("Mary", "Jones", None) in names
    assert found.vehicles == ["AB12CDE"] and found.places == ["B3 2BS"]
