"""The conversation engine for the 101 assistant: flows per intent over a serialisable state.

Channel-independent: the web chat, the JSON API and (later) the voice line all drive the same
`Conversation` with text and get back a `Reply`.
"""

from synergy.contact.dialogue.engine import Conversation, ConversationEnded, Understand
from synergy.contact.dialogue.state import (
    Action,
    CallerSafety,
    Channel,
    ConversationState,
    Handover,
    Queue,
    Reply,
    Stage,
)

__all__ = [
    "Action",
    "CallerSafety",
    "Channel",
    "Conversation",
    "ConversationEnded",
    "ConversationState",
    "Handover",
    "Queue",
    "Reply",
    "Stage",
    "Understand",
]
