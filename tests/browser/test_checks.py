"""The checks themselves catch what they look for, so a passing page means something."""

from __future__ import annotations

import pytest

from tests.browser.checks import axe_problems, keyboard_problems, structure_problems

pytestmark = pytest.mark.browser

FOCUS_STYLE = "<style>a:focus, button:focus, input:focus { outline: 3px solid #fd0; }</style>"
SKIP_LINK = '<a class="govuk-skip-link" href="#main-content">Skip to main content</a>'


@pytest.fixture
def blank(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    yield context.new_page()
    context.close()


def _html(body: str, *, title: str = "Things – Synergy", head: str = FOCUS_STYLE) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{title}</title>{head}</head>'
        f'<body>{SKIP_LINK}<main id="main-content">{body}</main></body></html>'
    )


def test_axe_check_names_the_rule_and_the_element(blank) -> None:  # type: ignore[no-untyped-def]
    blank.set_content(_html('<h1>Things</h1><input id="nameless" type="text">'))
    problems = axe_problems(blank)
    assert any(p.startswith("label ") for p in problems), problems
    assert any("#nameless" in p for p in problems), problems


def test_keyboard_check_passes_a_simple_page(blank) -> None:  # type: ignore[no-untyped-def]
    blank.set_content(_html('<h1>Things</h1><a href="/a">A</a><button>Go</button>'))
    assert keyboard_problems(blank) == []


def test_keyboard_check_finds_a_missing_focus_indicator(blank) -> None:  # type: ignore[no-untyped-def]
    plain = "<style>a:focus { outline: none; }</style>"
    blank.set_content(_html('<h1>Things</h1><a href="/a">Plain</a>', head=plain))
    problems = keyboard_problems(blank)
    assert any("no visible focus indicator" in p and '"Plain"' in p for p in problems), problems


def test_keyboard_check_finds_unreachable_controls_and_a_missing_skip_link(blank) -> None:  # type: ignore[no-untyped-def]
    blank.set_content(
        f"<html lang='en'><head>{FOCUS_STYLE}</head><body>"
        '<a href="/a">First</a><div tabindex="-1">x</div><a href="/b" tabindex="-1">Hidden</a>'
        "</body></html>"
    )
    problems = keyboard_problems(blank)
    assert any("not the skip link" in p for p in problems), problems
    assert not any('"Hidden"' in p for p in problems), "tabindex=-1 is not expected in Tab order"
    blank.set_content(_html('<h1>T</h1><button id="slippery">Go</button><a href="/z">Z</a>'))
    blank.evaluate(
        "() => document.getElementById('slippery')"
        ".addEventListener('focus', () => document.querySelector('a[href=\\'/z\\']').focus())"
    )
    problems = keyboard_problems(blank)
    assert any("Tab never reached" in p and "#slippery" in p for p in problems), problems


def test_keyboard_check_finds_a_focus_trap(blank) -> None:  # type: ignore[no-untyped-def]
    blank.set_content(_html('<h1>Things</h1><input id="a" aria-label="A"><a href="/z">Z</a>'))
    blank.evaluate(
        "() => document.getElementById('a').addEventListener('keydown', e => {"
        " if (e.key === 'Tab') e.preventDefault(); })"
    )
    problems = keyboard_problems(blank)
    assert any(p.startswith("focus is trapped") for p in problems), problems
    assert any("Tab never reached" in p and '"Z"' in p for p in problems), problems


def test_page_rules_find_headings_titles_ids_and_language() -> None:
    assert structure_problems(_html("<h1>Things</h1>", title="Error: Things – Synergy")) == []
    problems = structure_problems(
        '<html><head><title>Other</title></head><body><h1 id="x">One</h1><h1>Two</h1>'
        '<p id="x"></p></body></html>'
    )
    assert "<html> has no lang attribute" in problems
    assert any("exactly one h1" in p for p in problems)
    assert any("used more than once: ['x']" in p for p in problems)
    problems = structure_problems(_html("<h1>Things <span>here</span></h1>", title="Stuff"))
    assert problems == ["<title> 'Stuff' does not start with the h1 'Things here'"]
