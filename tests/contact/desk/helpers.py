"""What the desk's tests share: a handed-over call, and a second browser for the caller."""

from __future__ import annotations

from typing import Any

from synergy.contact import service
from synergy.contact.dialogue import Channel

LIMITS = service.Limits()


def handed_over_call(session_factory: Any, *lines: str, channel: Channel = Channel.API) -> int:
    with session_factory() as db:
        started = service.start_conversation(db, channel=channel)
        for line in lines or ("I want to speak to a person",):
            service.take_turn(db, token=started.token, text=line, limits=LIMITS)
        db.commit()
        return started.call.id


def finished_call(session_factory: Any) -> int:
    """A conversation the assistant dealt with by itself (never passed on)."""
    with session_factory() as db:
        started = service.start_conversation(db, channel=Channel.API)
        service.take_turn(
            db, token=started.token, text="I lost my wallet on the bus", limits=LIMITS
        )
        db.commit()
        return started.call.id
