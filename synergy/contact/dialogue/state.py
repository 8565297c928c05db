"""The conversation's state and what each turn gives back.

`ConversationState` is plain data (a pydantic model that round-trips through JSON), so a call
can be stored between turns and picked up by any process or channel. `Reply` is what the
channel says or shows, plus what the platform must do and record about the turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field


class Stage(StrEnum):
    GREETING = "greeting"  # not started
    ASK_REASON = "ask_reason"  # "what are you contacting us about?"
    COLLECT = "collect"  # asking for the slot in `pending`
    CONFIRM = "confirm"  # read back, waiting for yes or no
    CORRECT = "correct"  # asked which detail is wrong
    SAFETY = "safety"  # queued for a person; asking if they are safe, where, a number to call
    WAITING = "waiting"  # queued for a person; anything the caller adds is kept for them
    ENDED = "ended"


class Queue(StrEnum):
    """Where a handed-over caller waits for a person, most urgent first."""

    EMERGENCY = "emergency"
    PRIORITY = "priority"
    NORMAL = "normal"


QUEUE_ORDER: tuple[Queue, ...] = (Queue.EMERGENCY, Queue.PRIORITY, Queue.NORMAL)


class Channel(StrEnum):
    WEB_CHAT = "web_chat"
    API = "api"
    VOICE = "voice"


class CallerSafety(BaseModel):
    """What a caller passed to a person said when asked before the handover. `None` means
    not answered: the caller chose not to say, or was not asked (see `not_answered`)."""

    safe_now: bool | None = None
    safe_now_words: str | None = None  # the caller's own answer, when it was not a plain yes/no
    location: str | None = None  # where the caller is now, in their words
    callback_number: str | None = None  # UK digits with a leading 0
    not_answered: list[str] = Field(default_factory=list)  # "safe_now", "location", "callback"
    finished: bool = False  # every question was asked, answered or skipped


class ConversationState(BaseModel):
    """Everything the engine knows about one call. Store `model_dump(mode="json")`."""

    channel: Channel = Channel.WEB_CHAT
    stage: Stage = Stage.GREETING
    flow: str | None = None
    intent: str | None = None
    slots: dict[str, Any] = Field(default_factory=dict)
    pending: str | None = None
    correcting: bool = False
    answers_given: int = 0  # slots the caller has answered in the current flow
    failures: dict[str, int] = Field(default_factory=dict)
    risk: str = "standard"
    route: str | None = None
    vulnerabilities: list[str] = Field(default_factory=list)
    language: str | None = None
    history: list[str] = Field(default_factory=list)  # the caller's earlier turns
    reference: str | None = None
    handover: dict[str, str] | None = None
    caller_turns: int = 0
    safety: CallerSafety | None = None  # set when the caller is passed to a person
    safety_failures: int = 0  # unreadable answers to the current safety question
    crisis: list[str] = Field(default_factory=list)  # crisis signposts given (crisis.py)
    crime_type: str | None = None  # theft, burglary, vehicle, damage or other (crime_details)


@dataclass(frozen=True)
class Handover:
    """Pass the caller to a person: which queue, and a summary so they need not repeat."""

    queue: Queue
    summary: str


@dataclass(frozen=True)
class Action:
    """Something the platform must do because of this turn: publish `topic` with `payload`."""

    topic: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class Reply:
    """What to say or show, and what was decided and why (stored with the turn and audited).

    `expects` names the answer wanted next ("reason", "location", "phone", "confirm"...), or
    None when the conversation is over. `understanding` is a JSON snapshot of how the caller's
    turn was read (None for the greeting).
    """

    text: str
    expects: str | None
    decision: str
    reasons: tuple[str, ...] = ()
    done: bool = False
    handover: Handover | None = None
    emergency_advice: str | None = None
    signposts: tuple[str, ...] = ()  # crisis help lines named in `text` (crisis.py)
    reference: str | None = None
    actions: tuple[Action, ...] = ()
    understanding: dict[str, Any] | None = None
