"""Demo content: two web chats, one of them a disclosure waiting for an agent."""

from __future__ import annotations

from sqlalchemy.orm import Session

from synergy.contact import service
from synergy.contact.dialogue import Channel
from synergy.core.services import DemoContext

# What a caller types in each demo web chat, one message a turn.
DEMO_CHATS = [
    ["I lost my phone and wallet on the number 50 bus this morning"],
    ["I need some help. My partner hit me last night and I'm scared to go home"],
]


def create_demo_chats(db: Session, _context: DemoContext) -> list[str]:
    if service.waiting_calls(db):
        return ["Demo content already loaded: web chats (a call is waiting for an agent)."]
    limits = service.Limits()
    for messages in DEMO_CHATS:
        started = service.start_conversation(db, channel=Channel.WEB_CHAT, limits=limits)
        for text in messages:
            service.take_turn(db, token=started.token, text=text, limits=limits)
    return [f"Demo content: {len(DEMO_CHATS)} web chats (1 waiting for an agent)."]
