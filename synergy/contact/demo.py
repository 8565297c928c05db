"""Demo content: web chats, two waiting for an agent, and one an agent took and booked a
callback for, due now, so the queue and the callback queue both have something to show."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from synergy.contact import service
from synergy.contact.desk import callbacks
from synergy.contact.dialogue import Channel
from synergy.core.db import utcnow
from synergy.core.services import DemoContext

# What a caller types in each demo web chat, one message a turn.
DEMO_CHATS = [
    ["I lost my phone and wallet on the number 50 bus this morning"],
    ["I need some help. My partner hit me last night and I'm scared to go home"],
    ["I want to speak to a person about my neighbour's dog"],
    ["I want to speak to a person please"],
]
DEMO_AGENT = "demo-agent"


def create_demo_chats(db: Session, _context: DemoContext) -> list[str]:
    if service.waiting_calls(db):
        return ["Demo content already loaded: web chats (a call is waiting for an agent)."]
    limits = service.Limits()
    calls = []
    for messages in DEMO_CHATS:
        started = service.start_conversation(db, channel=Channel.WEB_CHAT, limits=limits)
        for text in messages:
            service.take_turn(db, token=started.token, text=text, limits=limits)
        calls.append(started.call)
    # The last one was taken and needs a callback, due straight away.
    taken = service.take_call(db, call_id=calls[-1].id, actor=DEMO_AGENT, source_ip=None)
    callbacks.book(
        db,
        call_id=taken.id,
        agent=DEMO_AGENT,
        phone="01632 960 001",
        due_in_minutes=15,
        reason="Wants to add the caller's number and the time of the call",
        now=utcnow() - dt.timedelta(minutes=20),
    )
    waiting = len(service.waiting_calls(db))
    return [
        f"Demo content: {len(DEMO_CHATS)} web chats ({waiting} waiting for an agent, "
        "1 callback due)."
    ]
