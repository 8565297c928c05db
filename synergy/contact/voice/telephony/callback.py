"""What a telephone caller who needs a person is told when nobody can be put through.

The assistant has already said it is passing them to a member of staff; with no agent queue to
transfer to (or a transfer refused) the call must not simply end. The caller hears that their
call stays in the staff queue and that a member of staff will call them back on the number they
are calling from (which is stored on the call), or, with the number withheld, that we cannot
call back; and, every time, to call 999 if they are in danger.
"""

from __future__ import annotations

import re

from synergy.contact.voice.telephony.sipmessage import SipMessage, uri_of

# A telephone number as trunks put it in the From or P-Asserted-Identity user part.
NUMBER = re.compile(r"^(?:sips?|tel):(\+?[0-9]{7,15})(?:[@;]|$)", re.IGNORECASE)

CALL_BACK_TEXT = (
    "I am sorry, I cannot put you through to a member of staff on this line at the moment. "
    "Your call is in our staff queue with everything you have told me, and a member of staff "
    "will call you back on the number you are calling from, ending {ending}, as soon as they "
    "can. If you are in danger, or it becomes an emergency, hang up and call 999 now."
)
NO_NUMBER_TEXT = (
    "I am sorry, I cannot put you through to a member of staff on this line at the moment. "
    "Your call is in our staff queue with everything you have told me, but your number is "
    "withheld, so we cannot call you back: please call 101 again later. If you are in danger, "
    "or it becomes an emergency, hang up and call 999 now."
)


def caller_number(invite: SipMessage) -> str | None:
    """The caller's telephone number: the trunk's asserted identity first, then From."""
    for header in ("P-Asserted-Identity", "From"):
        value = invite.get(header)
        if not value:
            continue
        match = NUMBER.match(uri_of(value))
        if match:
            return match.group(1)
    return None


def callback_text(number: str | None) -> str:
    if number is None:
        return NO_NUMBER_TEXT
    return CALL_BACK_TEXT.format(ending=" ".join(number[-3:]))
