"""JSON shapes of the contact API, kept apart from the tables and the engine's types.

The public shapes never carry the staff summary, the understanding or the audit reasons: a
caller sees what the assistant said, what it wants next and whether a person is coming.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from synergy.contact import service
from synergy.contact.dialogue import Reply
from synergy.contact.dialogue.crisis import help_lines
from synergy.contact.models import ContactCall, ContactTurn

# A hard ceiling for the request body; the configured limit (ContactSettings.max_message_chars)
# is checked by the service with a plain-English message.
MAX_BODY_TEXT = 10_000


class TurnIn(BaseModel):
    text: str = Field(max_length=MAX_BODY_TEXT, description="What the caller says or types")


class HandoverOut(BaseModel):
    queue: str = Field(description="emergency, priority or normal")


class HelpLineOut(BaseModel):
    name: str = Field(description="e.g. Samaritans")
    number: str = Field(description="As said and shown, e.g. 116 123")
    when: str = Field(description="What it is for")


class ReplyOut(BaseModel):
    text: str
    expects: str | None = Field(description="The answer wanted next; null when finished")
    done: bool
    handover: HandoverOut | None = None
    emergency_advice: str | None = None
    reference: str | None = Field(default=None, description="Reference given for a new record")
    help_lines: list[HelpLineOut] = Field(
        default_factory=list,
        description="Crisis help lines first given in this reply (also in its text), then 999",
    )

    @classmethod
    def of(cls, reply: Reply) -> ReplyOut:
        handover = HandoverOut(queue=reply.handover.queue.value) if reply.handover else None
        lines = [HelpLineOut(**vars(line)) for line in help_lines(reply.signposts)]
        return cls(
            text=reply.text,
            expects=reply.expects,
            done=reply.done,
            handover=handover,
            emergency_advice=reply.emergency_advice,
            reference=reply.reference,
            help_lines=lines,
        )


class SessionStarted(BaseModel):
    token: str = Field(description="Keep this secret: it is the only key to the conversation")
    reply: ReplyOut


class TurnOut(BaseModel):
    speaker: str
    text: str
    at: dt.datetime


class TranscriptOut(BaseModel):
    status: str
    done: bool
    reference: str | None
    turns: list[TurnOut]

    @classmethod
    def of(cls, call: ContactCall) -> TranscriptOut:
        return cls(
            status=call.status,
            done=call.ended_at is not None and not service.accepts_caller_turns(call),
            reference=call.reference_given,
            turns=[TurnOut(speaker=t.speaker, text=t.text, at=t.at) for t in call.turns],
        )


class CallerSafetyOut(BaseModel):
    """What the caller said when asked before the handover; null means not said."""

    safe_now: bool | None = Field(description="true safe, false not safe, null not said")
    safe_now_words: str | None = Field(description="The caller's answer if not a plain yes/no")
    location: str | None = Field(description="Where the caller is now, in their words")
    callback_number: str | None = Field(description="UK number, digits with a leading 0")
    not_answered: list[str] = Field(
        description="Questions skipped or left unanswered: safe_now, location, callback"
    )
    finished: bool = Field(description="false while the caller is still being asked")


class QueuedCall(BaseModel):
    id: int
    queue: str | None
    risk: str
    intent: str | None
    vulnerabilities: list[str]
    language: str | None
    summary: str | None
    channel: str
    waiting_since: dt.datetime | None
    caller_safety: CallerSafetyOut | None = Field(
        default=None, description="Safe now, where, callback number; null if never asked"
    )
    crisis_signposts: list[str] = Field(
        default_factory=list,
        description="Crisis help given to the caller: mental_health, domestic_abuse",
    )

    @classmethod
    def of(cls, call: ContactCall) -> QueuedCall:
        answers = service.caller_safety(call)
        safety = CallerSafetyOut(**answers.model_dump()) if answers else None
        return cls(
            id=call.id, queue=call.queue, risk=call.risk, intent=call.intent,
            vulnerabilities=list(call.vulnerabilities), language=call.language,
            summary=call.summary, channel=call.channel, waiting_since=call.ended_at,
            caller_safety=safety, crisis_signposts=service.crisis_signposts(call),
        )  # fmt: skip


class StaffTurn(BaseModel):
    seq: int
    speaker: str
    text: str
    at: dt.datetime
    decision: str | None
    reasons: list[str]
    understanding: dict[str, Any] | None

    @classmethod
    def of(cls, turn: ContactTurn) -> StaffTurn:
        return cls(
            seq=turn.seq, speaker=turn.speaker, text=turn.text, at=turn.at,
            decision=turn.decision, reasons=list(turn.reasons), understanding=turn.understanding,
        )  # fmt: skip


class CallDetail(QueuedCall):
    status: str
    route: str | None
    reference_given: str | None
    taken_by: str | None
    turns: list[StaffTurn]

    @classmethod
    def of(cls, call: ContactCall) -> CallDetail:
        base = QueuedCall.of(call).model_dump()
        return cls(
            **base, status=call.status, route=call.route, reference_given=call.reference_given,
            taken_by=call.taken_by, turns=[StaffTurn.of(turn) for turn in call.turns],
        )  # fmt: skip
