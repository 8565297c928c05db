"""Contact operations: the only way other modules touch contact data.

Functions `flush()`; the request or job that calls them commits. `conversations` runs the
public conversations, `references` gives incident log numbers, `staff_queue` serves the staff
who take handed-over calls.
"""

from synergy.contact.service.conversations import (
    CALLER_ACTOR,
    MAX_TOKEN_LENGTH,
    Limits,
    Started,
    accepts_caller_turns,
    call_fingerprint,
    call_for_token,
    caller_safety,
    chat_fingerprint,
    clean_message,
    close_abandoned_calls,
    crisis_signposts,
    fingerprint_of,
    hand_over,
    start_conversation,
    take_turn,
)
from synergy.contact.service.references import MAX_LOG_NUMBER, UK_TIME, next_log_number
from synergy.contact.service.staff_queue import (
    get_call,
    record_put_through,
    take_call,
    view_call,
    waiting_calls,
)

__all__ = [
    "CALLER_ACTOR",
    "MAX_LOG_NUMBER",
    "MAX_TOKEN_LENGTH",
    "UK_TIME",
    "Limits",
    "Started",
    "accepts_caller_turns",
    "call_fingerprint",
    "call_for_token",
    "caller_safety",
    "chat_fingerprint",
    "fingerprint_of",
    "clean_message",
    "close_abandoned_calls",
    "crisis_signposts",
    "get_call",
    "hand_over",
    "next_log_number",
    "record_put_through",
    "start_conversation",
    "take_call",
    "take_turn",
    "view_call",
    "waiting_calls",
]
