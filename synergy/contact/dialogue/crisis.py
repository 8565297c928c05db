"""Crisis signposting: the help lines a caller is given at once when what they say shows they
may be suicidal, harming themselves, in a mental health crisis or living with domestic abuse.

The signposts follow from the vulnerabilities the understanding layer already finds; nothing
here changes where a caller is routed. Each kind is given once per conversation in the reply
(so a caller is not read the same numbers on every turn), and the chat page shows every kind
given so far in a panel that stays on the page.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from synergy.contact.dialogue.replies import emergency_advice
from synergy.contact.dialogue.state import Channel, Reply
from synergy.contact.understanding.types import Intent, Understanding, Vulnerability

MENTAL_HEALTH = "mental_health"
DOMESTIC_ABUSE = "domestic_abuse"
# Domestic abuse read from the intent alone ("I need advice about my controlling partner")
# needs this much confidence; a vulnerability the understanding layer found needs none.
DOMESTIC_ABUSE_CONFIDENCE = 0.6


@dataclass(frozen=True)
class HelpLine:
    name: str
    number: str  # as said and shown
    when: str  # what it is for, in a few words


SAMARITANS = HelpLine("Samaritans", "116 123", "free, day or night, to talk to someone")
NHS_111 = HelpLine("NHS 111", "111", "choose the mental health option for urgent help")
DOMESTIC_ABUSE_HELPLINE = HelpLine(
    "National Domestic Abuse Helpline", "0808 2000 247", "free and confidential, day or night"
)
EMERGENCY = HelpLine("Emergency", "999", "if you or someone else is in danger now")

HELP_LINES: dict[str, tuple[HelpLine, ...]] = {
    MENTAL_HEALTH: (SAMARITANS, NHS_111),
    DOMESTIC_ABUSE: (DOMESTIC_ABUSE_HELPLINE,),
}
SAID: dict[str, str] = {
    MENTAL_HEALTH: (
        "You do not have to face this alone. You can talk to Samaritans, free, day or night, "
        "on 116 123. For urgent mental health help, call NHS 111 and choose the mental health "
        "option."
    ),
    DOMESTIC_ABUSE: (
        "The National Domestic Abuse Helpline is free and confidential, day or night, on "
        "0808 2000 247."
    ),
}
_KINDS: dict[Vulnerability, str] = {
    Vulnerability.SUICIDE_SELF_HARM: MENTAL_HEALTH,
    Vulnerability.MENTAL_HEALTH_CRISIS: MENTAL_HEALTH,
    Vulnerability.DOMESTIC_ABUSE: DOMESTIC_ABUSE,
}


def crisis_kinds(understanding: Understanding) -> tuple[str, ...]:
    """The kinds of crisis help this turn calls for, in a stable order."""
    found = {_KINDS[v] for v in understanding.vulnerabilities if v in _KINDS}
    if (
        understanding.intent is Intent.DOMESTIC_ABUSE
        and understanding.intent_confidence >= DOMESTIC_ABUSE_CONFIDENCE
    ):
        found.add(DOMESTIC_ABUSE)
    return tuple(kind for kind in HELP_LINES if kind in found)


def signposting_text(kinds: tuple[str, ...]) -> str:
    """What the assistant says for newly found kinds (the 999 advice is said separately)."""
    return " ".join(SAID[kind] for kind in kinds)


def help_lines(kinds: list[str] | tuple[str, ...]) -> list[HelpLine]:
    """Every help line for the kinds given so far, then 999: for the page's panel."""
    lines = [line for kind in HELP_LINES if kind in kinds for line in HELP_LINES[kind]]
    return [*lines, EMERGENCY] if lines else []


def with_signposting(reply: Reply, kinds: tuple[str, ...], said: str, channel: Channel) -> Reply:
    """The reply with the help lines `said` (unless the reply already said them): after any
    999 advice that opens it (999 comes first), else at the start; 999 is always said too."""
    if not kinds:
        return reply
    text = reply.text
    if said and said not in text:
        advice = reply.emergency_advice or ""
        if advice and text.startswith(advice):
            text = f"{advice} {said} {text[len(advice) :].strip()}"
        else:
            text = f"{said} {text}"
    if "999" not in text:
        text = f"{text} {emergency_advice(channel)}"
    return dataclasses.replace(reply, text=text, signposts=kinds)
