"""The words the assistant says, apart from the flows' questions and the advice texts.

Kept short and plain: the same sentences are shown in the web chat and spoken on the phone,
so nothing here relies on layout or links that cannot be read aloud.
"""

from __future__ import annotations

from typing import Any

from synergy.contact.dialogue.flows import SLOTS, Flow, describe
from synergy.contact.dialogue.state import Channel, ConversationState, Queue

FORCE_NAME = "West Midlands Police"
EMERGENCY_ADVICE_VOICE = "If you or someone else is in danger now, hang up and dial 999."
EMERGENCY_ADVICE_TEXT = "If you or someone else is in danger now, dial 999."
MAX_SUMMARY_QUOTE = 300


def emergency_advice(channel: Channel) -> str:
    return EMERGENCY_ADVICE_VOICE if channel is Channel.VOICE else EMERGENCY_ADVICE_TEXT


def greeting(channel: Channel) -> str:
    # The chat page links "our privacy notice"; a caller hears where to find it.
    where = " on our website" if channel is Channel.VOICE else ""
    return (
        f"Hello, you are contacting {FORCE_NAME} about something that is not an emergency. "
        f"{emergency_advice(channel)} "
        "We keep a record of this conversation and use it only to deal with what you tell us; "
        f"our privacy notice{where} explains how. You can ask to speak to a person at "
        "any time. What are you contacting us about today?"
    )


def ask_again_for_reason() -> str:
    return (
        "Sorry, I did not quite follow. In a few words, what are you contacting us about? "
        "For example: to report a crime, to get an update on a report, or about lost property."
    )


def _sentence(text: str) -> str:
    """Ends the text with a full stop unless the caller's words already end a sentence."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def read_back(flow: Flow, slots: dict[str, Any]) -> str:
    lines = [
        _sentence(f"{SLOTS[name].label}: {describe(name, slots[name])}") for name in flow.slots
    ]
    return "Let me check I have this right. " + " ".join(lines) + " Is that correct?"


def which_detail_text(flow: Flow) -> str:
    labels = [SLOTS[name].label.lower() for name in flow.slots]
    return "Which detail is wrong? You can say: " + ", ".join(labels[:-1]) + f" or {labels[-1]}."


def record_created_text(flow: Flow, reference: str, name: str) -> str:
    thanks = f"Thank you, {name}." if name else "Thank you."
    return (
        f"{thanks} I have recorded your {flow.record}. Your reference is {reference}. Please "
        "keep it: you will need it if you contact us about this again. An officer will review "
        "it and contact you if they need more information."
    )


def update_sent_text(reference: str, phone: str) -> str:
    return (
        f"Thank you. I have sent your message to the officer dealing with {reference}. They "
        f"will contact you on {describe('phone', phone)}, usually within 3 working days."
    )


def handover_text(
    queue: Queue, channel: Channel, *, language: str | None
) -> tuple[str, str | None]:
    """What to tell the caller when passing them to a person, and the 999 advice if urgent."""
    if queue is Queue.EMERGENCY:
        advice = emergency_advice(channel)
        return f"{advice} I am passing you to a member of staff straight away.", advice
    if language:
        text = "I am passing you to a member of staff who can arrange an interpreter."
    elif queue is Queue.PRIORITY:
        text = (
            "Thank you for telling me. I am passing you to a member of staff now, ahead of "
            "the queue."
        )
    else:
        text = "I am passing you to a member of staff."
    text += " They will see what you have told me, so you will not need to start again."
    if queue is Queue.PRIORITY:
        return f"{text} {emergency_advice(channel)}", emergency_advice(channel)
    return text, None


def summary_for_staff(
    state: ConversationState, *, reason: str, reasons: tuple[str, ...], latest: str
) -> str:
    """A few lines so the person taking over need not ask the caller to repeat themselves."""
    parts = [f"Decision: {reason}."]
    if reasons:
        parts.append("Why: " + "; ".join(reasons) + ".")
    parts.append(f"About: {(state.intent or 'not yet known').replace('_', ' ')}.")
    parts.append(f"Risk: {state.risk}.")
    if state.vulnerabilities:
        named = ", ".join(v.replace("_", " ") for v in state.vulnerabilities)
        parts.append(f"Vulnerability: {named}.")
    if state.language:
        parts.append(f"Language: caller may need an interpreter ({state.language}).")
    for name, value in state.slots.items():
        if name in SLOTS:
            parts.append(_sentence(f"{SLOTS[name].label}: {describe(name, value)}"))
    if latest:
        quoted = latest if len(latest) <= MAX_SUMMARY_QUOTE else latest[:MAX_SUMMARY_QUOTE] + "..."
        parts.append(f'Caller\'s last words: "{quoted}"')
    return " ".join(parts)
