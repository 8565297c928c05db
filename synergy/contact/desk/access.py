"""Need-to-know for contact staff: a conversation is theirs to read only once it was passed on.

A conversation the assistant finished by itself (a lost wallet, a crime report it drafted) stays
between the caller and the assistant; staff see it only when it was handed over to the queue or
taken by them. Anything else is answered as if it did not exist, so call numbers cannot be
walked to find out which conversations happened.
"""

from __future__ import annotations

from synergy.contact.models import ContactCall


def may_read(call: ContactCall, *, username: str) -> bool:
    return call.handed_over or call.taken_by == username
