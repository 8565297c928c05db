"""The contact desk in Chromium: an agent takes a web chat by keyboard and the two talk, each
page updating by itself; the queue shows a new call without a reload, with an alert."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from synergy.contact import service
from synergy.contact.desk import desktop
from synergy.contact.dialogue import Channel
from synergy.contact.pages import CHAT_COOKIE
from synergy.core.deps import SESSION_COOKIE
from synergy.core.roles import Role
from tests.browser.checks import axe_problems, keyboard_problems
from tests.browser.conftest import start_staff_session

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHOTS = os.environ.get("SYNERGY_SCREENSHOTS")  # a folder to keep screenshots in, if set
WAIT_MS = 30_000  # the page hears of a change within a few seconds; generous on a busy machine
LIMITS = service.Limits()


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _web_chat_handed_over(session_factory: Any, text: str) -> tuple[int, str]:
    with session_factory() as session:
        started = service.start_conversation(session, channel=Channel.WEB_CHAT)
        service.take_turn(session, token=started.token, text=text, limits=LIMITS)
        session.commit()
        return started.call.id, started.token


def _tab_to(page: Any, matches: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(matches):
            return
    raise AssertionError(f"Tab never reached the element ({matches})")


def test_agent_and_caller_chat_live_and_the_desktop_is_keyboard_usable(
    browser: Any, page: Any, context: Any, live_server: str, session_factory: Any
) -> None:
    call_id, token = _web_chat_handed_over(session_factory, "I want to speak to a person")
    context.add_cookies(
        [
            {
                "name": SESSION_COOKIE,
                "url": live_server,
                "value": start_staff_session(session_factory, Role.CONTACT_AGENT),
            }
        ]
    )
    page.goto(f"/contact/calls/{call_id}")
    _tab_to(page, "() => document.activeElement.textContent.trim() === 'Take this call'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert axe_problems(page) == [] and keyboard_problems(page) == []

    caller_context = browser.new_context(base_url=live_server)
    caller_context.add_cookies(
        [{"name": CHAT_COOKIE, "value": token, "url": f"{live_server}/contact-us/"}]
    )
    caller = caller_context.new_page()
    try:
        caller.goto("/contact-us/chat")
        assert axe_problems(caller) == []
        page.fill("#message", "Hello, my name is Sam. Are you safe to talk?")
        with page.expect_navigation():
            page.get_by_role("button", name="Send message").press("Enter")
        # The caller's page shows it without a reload...
        caller.get_by_text("Are you safe to talk?").wait_for(timeout=WAIT_MS)
        caller.fill("#text", "Yes, I am at my sister's house")
        with caller.expect_navigation():
            caller.get_by_role("button", name="Send").click()
        # ...and the agent's desktop shows the reply without one.
        page.get_by_text("Yes, I am at my sister's house").wait_for(timeout=WAIT_MS)
        _shot(page, "contact-desktop")
        _shot(caller, "contact-chat-with-agent")
    finally:
        caller_context.close()


def test_the_queue_shows_a_new_urgent_call_by_itself_with_an_alert(
    page: Any, context: Any, live_server: str, session_factory: Any
) -> None:
    context.add_cookies(
        [
            {
                "name": SESSION_COOKIE,
                "url": live_server,
                "value": start_staff_session(session_factory, Role.CONTACT_AGENT),
            }
        ]
    )
    page.goto("/contact")
    assert "No calls are waiting" in page.content()
    call_id, _ = _web_chat_handed_over(
        session_factory, "I need some help. My partner hit me last night and I'm scared to go home"
    )
    page.get_by_text(f"Call {call_id}", exact=True).wait_for(timeout=WAIT_MS)
    alert = page.locator("#queue-alert")
    alert.wait_for(state="visible", timeout=WAIT_MS)
    assert f"call {call_id} is waiting" in alert.inner_text()
    assert axe_problems(page) == []
    _shot(page, "contact-queue")


def test_the_caller_page_shows_the_agents_message_by_itself(
    browser: Any, live_server: str, session_factory: Any
) -> None:
    call_id, token = _web_chat_handed_over(session_factory, "I want to speak to a person")
    with session_factory() as session:
        service.take_call(session, call_id=call_id, actor="agent-kim", source_ip=None)
        session.commit()
    caller_context = browser.new_context(base_url=live_server)
    caller_context.add_cookies(
        [{"name": CHAT_COOKIE, "value": token, "url": f"{live_server}/contact-us/"}]
    )
    caller = caller_context.new_page()
    try:
        caller.goto("/contact-us/chat")
        assert "You are talking to a member of staff" in caller.content()
        with session_factory() as session:
            desktop.send_to_caller(
                session, call_id=call_id, agent="agent-kim", text="Thank you, I have passed this on"
            )
            session.commit()
        caller.get_by_text("Thank you, I have passed this on").wait_for(timeout=WAIT_MS)
    finally:
        caller_context.close()


def test_the_supervisor_view_counts_a_new_waiting_call_by_itself(
    page: Any, context: Any, live_server: str, session_factory: Any
) -> None:
    token = start_staff_session(session_factory, Role.SUPERVISOR)
    context.add_cookies([{"name": SESSION_COOKIE, "url": live_server, "value": token}])
    # The call arrives after the page is drawn but before its script starts listening: held
    # here on purpose, it happens by chance on a busy machine, and must not be missed.
    held: list[Any] = []
    page.route("**/contact-us/live.js", lambda route: held.append(route))
    page.goto("/contact/supervisor", wait_until="commit")
    waiting = page.locator("#figures .govuk-heading-l").first
    waiting.wait_for()
    assert waiting.inner_text() == "0"
    _web_chat_handed_over(session_factory, "I want to speak to a person")
    page.wait_for_timeout(100)
    assert held, "the page asked for its live script"
    held[0].continue_()
    page.wait_for_function(
        "() => document.querySelector('#figures .govuk-heading-l').textContent.trim() === '1'",
        timeout=WAIT_MS,
    )
    assert axe_problems(page) == []
