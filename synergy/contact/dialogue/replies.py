"""The words the assistant says, apart from the flows' questions and the advice texts.

Kept short and plain: the same sentences are shown in the web chat and spoken on the phone,
so nothing here relies on layout or links that cannot be read aloud.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from synergy.contact.dialogue.flows import CRIME_REPORT_DRAFTED, SLOTS, Flow, describe
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


def read_back(names: Sequence[str], slots: dict[str, Any]) -> str:
    lines = [_sentence(f"{SLOTS[name].label}: {describe(name, slots[name])}") for name in names]
    return "Let me check I have this right. " + " ".join(lines) + " Is that correct?"


def which_detail_text(names: Sequence[str]) -> str:
    labels = [SLOTS[name].label.lower() for name in names]
    return "Which detail is wrong? You can say: " + ", ".join(labels[:-1]) + f" or {labels[-1]}."


def record_created_text(flow: Flow, reference: str, name: str) -> str:
    thanks = f"Thank you, {name}." if name else "Thank you."
    if flow.topic == CRIME_REPORT_DRAFTED:
        # The crime-recording queue in command and control issues crime numbers: a person
        # decides whether the report is recorded as a crime, so none exists yet.
        return (
            f"{thanks} I have sent your {flow.record} to our crime recording team. Your "
            f"reference for this report is {reference}. This is an incident log number, not a "
            "crime number. The team will review your report and, if they record it as a "
            "crime, give it a crime number; quote this reference if you contact us about it, "
            "including to ask for the crime number. They will contact you if they need more "
            "information."
        )
    return (
        f"{thanks} I have recorded your {flow.record}. Your reference for it is {reference}, "
        "an incident log number. Please keep it: you will need it if you contact us about "
        "this again. An officer will review it and contact you if they need more information."
    )


def update_sent_text(reference: str, phone: str) -> str:
    return (
        f"Thank you. I have sent your message to the officer dealing with {reference}. They "
        f"will contact you on {describe('phone', phone)}, usually within 3 working days."
    )


def handover_text(
    queue: Queue, channel: Channel, *, language: str | None, signposting: str = ""
) -> tuple[str, str | None]:
    """What to tell the caller when passing them to a person without asking anything first,
    and the 999 advice if urgent."""
    if queue is Queue.EMERGENCY:
        advice = emergency_advice(channel)
        text = f"{advice} {signposting} I am passing you to a member of staff straight away."
        return " ".join(text.split()), advice
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
    if signposting:
        text = f"{signposting} {text}"
    if queue is Queue.PRIORITY:
        return f"{text} {emergency_advice(channel)}", emergency_advice(channel)
    return text, None


def handover_with_questions_text(
    queue: Queue, channel: Channel, *, question: str, questions: int, signposting: str = ""
) -> tuple[str, str | None]:
    """The first words of a handover that asks the safety questions first: 999 advice first
    when the caller is in danger now, then any crisis help lines, then the first question."""
    if queue is Queue.EMERGENCY:
        advice = emergency_advice(channel)
        parts = [
            advice, signposting, "I am passing you to a member of staff straight away.",
            f"If you cannot call 999, stay with me. {question}",
        ]  # fmt: skip
        return " ".join(part for part in parts if part), advice
    count = {1: "one quick question", 2: "two quick questions"}.get(
        questions, "three quick questions"
    )
    ahead = ", ahead of the queue" if queue is Queue.PRIORITY else ""
    thanks = "Thank you for telling me. " if queue is Queue.PRIORITY else ""
    urgent = queue is Queue.PRIORITY or bool(signposting)
    said_advice = emergency_advice(channel) if urgent else None
    if channel is Channel.VOICE:  # heard, not read: as short as it can be
        lowered = question[:1].lower() + question[1:]
        ask = f"I am passing you to a member of staff{ahead}. Before I do, {lowered} Or say skip."
    else:
        ask = (
            f"I am passing you to a member of staff{ahead}. First, {count} so they can help "
            f"you straight away; choose Skip if you would rather not answer. {question}"
        )
    parts = [f"{thanks}{signposting}".strip(), said_advice or "", ask]
    return " ".join(part for part in parts if part), said_advice


def safety_done_text(queue: Queue, channel: Channel, *, callback_number: str | None) -> str:
    """What happens next, said once the safety questions are answered or skipped."""
    ahead = ", ahead of other callers" if queue is not Queue.NORMAL else ""
    if channel is Channel.VOICE:
        return (
            f"Thank you. I am putting you through to a member of staff now{ahead}. They will see "
            "what you have told me, so you will not need to start again."
        )
    by_phone = ""
    if callback_number:
        number = describe("phone", callback_number)
        by_phone = f" If they cannot reach you here, they will call you on {number}."
    return (
        f"Thank you. You are now waiting for a member of staff{ahead}. They will see "
        "everything you have told me, so you will not need to start again, and they will "
        f"reply to you in this conversation.{by_phone} You can add anything else below while "
        f"you wait. {emergency_advice(channel)}"
    )


def note_added_text() -> str:
    return (
        "Thank you. I have added that to your conversation for the member of staff who picks it up."
    )


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
