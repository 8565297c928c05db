"""The web chat in Chromium: a caller in crisis sees the help lines at once, is asked the
questions before the handover (and can skip them), then is told what happens next; each state
passes axe-core and the keyboard walk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.checks import axe_problems, keyboard_problems

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("SYNERGY_SCREENSHOTS")  # a folder to keep screenshots in, if set


def _checked(page, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)
    problems = [f"axe-core: {p}" for p in axe_problems(page)]
    problems += [f"keyboard: {p}" for p in keyboard_problems(page)]
    assert not problems, f"{name}:\n" + "\n".join(problems)


def _send(page, text: str) -> None:  # type: ignore[no-untyped-def]
    page.fill("#text", text)
    page.get_by_role("button", name="Send").click()
    page.wait_for_load_state()


def _start(page, live_server: str) -> None:  # type: ignore[no-untyped-def]
    page.set_default_timeout(60_000)  # the first message loads the understanding model
    page.goto(f"{live_server}/contact-us")
    page.get_by_role("button", name="Start now").click()
    page.wait_for_load_state()


def test_a_caller_in_crisis_gets_help_lines_questions_and_what_happens_next(
    page,
    live_server,  # type: ignore[no-untyped-def]
) -> None:
    _start(page, live_server)
    _send(page, "I don't want to be here anymore")
    panel = page.get_by_role("region", name="Help you can get now")
    assert "116 123" in panel.inner_text() and "NHS 111" in panel.inner_text()
    assert "Are you safe now?" in page.inner_text("#latest")
    _checked(page, "contact-chat-crisis-questions")
    page.get_by_role("button", name="Skip this question").click()
    page.wait_for_load_state()
    assert "Where are you now?" in page.inner_text("#latest")
    _send(page, "at home")
    _send(page, "07700 900123")
    assert "What happens next" in page.inner_text("#what-happens-next")
    assert page.get_by_label("Add something for the member of staff").is_visible()
    _checked(page, "contact-chat-waiting")


def test_an_emergency_in_words_no_rule_reads_gets_the_999_advice_first(
    page,
    live_server,  # type: ignore[no-untyped-def]
) -> None:
    _start(page, live_server)
    # read as danger now by the contrast classifiers, not by any written rule
    _send(page, "my dad's on the bathroom floor and he's cold and clammy and I can't get a "
                "word out of him")
    latest = page.inner_text("#latest")
    assert "999" in latest
    assert latest.index("999") < latest.index("?")  # the advice comes before any question
    _checked(page, "contact-chat-emergency-in-new-words")


def test_an_incident_named_in_three_words_gets_the_999_advice_first(
    page,
    live_server,  # type: ignore[no-untyped-def]
) -> None:
    _start(page, live_server)
    _send(page, "Stabbing. Market Street. Now.")
    latest = page.inner_text("#latest")
    assert "999" in latest
    assert latest.index("999") < latest.index("?")
    _checked(page, "contact-chat-incident-named")


def test_a_long_civil_account_in_strong_words_is_not_told_to_ring_999(
    page,
    live_server,  # type: ignore[no-untyped-def]
) -> None:
    _start(page, live_server)
    _send(page, "My broadband provider is killing me with charges. I've been trying to leave "
                "for months, they keep billing me and I feel completely trapped by the "
                "contract. It's a nightmare and my elderly mum lives with me. Who do I "
                "complain to?")
    latest = page.inner_text("#latest")
    assert "999" not in latest
    assert page.get_by_role("region", name="Help you can get now").count() == 0
    _checked(page, "contact-chat-civil-account")
