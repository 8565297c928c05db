"""A caller in the staff queue: the safety questions asked before the handover, and anything
the caller adds while they wait.

The call joins the queue the moment the engine decides a person is needed (the first reply
carries the `Handover` and publishes `contact.handover_requested`), so nothing depends on the
caller answering. Each later reply carries the `Handover` again with the summary brought up
to date and the queue raised if what the caller said calls for it; the reply that ends the
questions is `done`, which is when the phone line puts the caller through.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from synergy.contact.dialogue import safety
from synergy.contact.dialogue.flows import HANDOVER_REQUESTED
from synergy.contact.dialogue.outcomes import QUEUE_ROUTE, caller_queue
from synergy.contact.dialogue.replies import (
    emergency_advice,
    handover_with_questions_text,
    note_added_text,
    safety_done_text,
    summary_for_staff,
)
from synergy.contact.dialogue.state import (
    QUEUE_ORDER,
    Action,
    CallerSafety,
    Channel,
    ConversationState,
    Handover,
    Queue,
    Reply,
    Stage,
)
from synergy.contact.understanding.types import Risk, Understanding

# Once queued, only what a rule matched (not a statistical guess from a short answer such as
# "at home") adds a vulnerability; an emergency always counts.
MODEL_EVIDENCE = "statistical model"


def weigh_answer(understanding: Understanding) -> Understanding:
    """How an answer given while queued is read: only vulnerabilities a rule matched are
    kept, so "at home" does not make the caller a missing person."""
    kept = tuple(
        vulnerability
        for vulnerability in understanding.vulnerabilities
        if any(
            e.vulnerability is vulnerability and MODEL_EVIDENCE not in e.rule
            for e in understanding.evidence
        )
    )
    risk = understanding.risk
    if risk is not Risk.EMERGENCY:
        risk = Risk.HIGH if kept else Risk.STANDARD
    return dataclasses.replace(understanding, vulnerabilities=kept, risk=risk)


def ask_before_handover(
    state: ConversationState,
    queue: Queue,
    decision: str,
    why: Sequence[str],
    *,
    latest: str,
    signposting: str,
) -> Reply:
    """Queue the caller now and ask the first safety question (999 advice first if urgent)."""
    if queue is Queue.NORMAL:
        queue = caller_queue(state)
    phone = state.slots.get("phone")
    state.safety = CallerSafety(
        safe_now=False if queue is Queue.EMERGENCY else None,
        callback_number=str(phone) if phone else None,
    )
    summary = summary_for_staff(state, reason=decision, reasons=tuple(why), latest=latest)
    state.handover = {"queue": queue.value, "base_summary": summary, "summary": summary}
    state.route = QUEUE_ROUTE[queue].value
    question = safety.next_question(state.safety) or safety.LOCATION
    state.stage, state.pending, state.safety_failures = Stage.SAFETY, question, 0
    remaining = _questions_left(state.safety)
    text, advice = handover_with_questions_text(
        queue, state.channel, question=safety.QUESTIONS[question], questions=remaining,
        signposting=signposting,
    )  # fmt: skip
    handover = _handover(state)
    # The event carries the summary without the answers, which follow on the call itself.
    payload = {
        "queue": queue.value, "summary": summary, "intent": state.intent,
        "risk": state.risk, "vulnerabilities": list(state.vulnerabilities),
        "language": state.language, "channel": state.channel.value,
    }  # fmt: skip
    return Reply(
        text, expects=question, decision=decision,
        reasons=(*why, "asked whether the caller is safe, where they are and a number to call"),
        handover=handover, emergency_advice=advice,
        actions=(Action(HANDOVER_REQUESTED, payload),),
    )  # fmt: skip


def answer_while_queued(
    state: ConversationState, text: str, *, danger: bool, priority: bool, wants_person: bool
) -> Reply:
    """A caller turn once the call is in the queue: a safety answer, or something added.
    `danger` (an emergency) and `priority` (a vulnerability not known before) raise the queue
    and give the 999 advice first."""
    lead: list[str] = []
    reasons: list[str] = []
    if danger:
        _raise_queue(state, Queue.EMERGENCY)
        lead.append(emergency_advice(state.channel))
        reasons.append("the caller may be in danger now: moved to the emergency queue")
    elif priority:
        _raise_queue(state, Queue.PRIORITY)
        lead.append(emergency_advice(state.channel))
        reasons.append("a new vulnerability: at least the priority queue")
    if state.stage is Stage.WAITING or state.safety is None:
        return _noted(state, lead, reasons)
    question = state.pending or safety.LOCATION
    if wants_person:
        safety.skip_the_rest(state.safety)
        reasons.append("the caller asked to go straight through")
    else:
        hint = safety.record_answer(
            state.safety, question, text, failures=state.safety_failures,
            on_phone=state.channel is Channel.VOICE,
        )  # fmt: skip
        if hint is not None:
            state.safety_failures += 1
            reasons.append(f"the answer for {question} could not be read")
            return _step(state, " ".join([*lead, hint]), question, reasons, advice=bool(lead))
        if question == safety.SAFE_NOW and state.safety.safe_now is False and not danger:
            _raise_queue(state, Queue.EMERGENCY)
            lead.append(emergency_advice(state.channel))
            reasons.append("the caller said they are not safe now: moved to the emergency queue")
    if danger:  # in danger now is not safe now, whatever the answer was
        state.safety.safe_now = False
    state.safety_failures = 0
    following = safety.next_question(state.safety)
    reasons.append(f"{question} answered or skipped")
    if following is not None:
        state.pending = following
        said = " ".join([*lead, safety.QUESTIONS[following]])
        return _step(state, said, following, reasons, advice=bool(lead))
    return finish_questions(state, lead=lead, reasons=reasons)


def finish_questions(
    state: ConversationState, *, lead: Sequence[str] = (), reasons: Sequence[str] = ()
) -> Reply:
    """The questions are over: say what happens next. A phone caller is put through now; a
    chat caller waits in the conversation and can add to it."""
    if state.safety is not None:
        state.safety.finished = True
        safety.skip_the_rest(state.safety)
    queue = Queue(state.handover["queue"]) if state.handover else Queue.NORMAL
    number = state.safety.callback_number if state.safety else None
    done = safety_done_text(queue, state.channel, callback_number=number)
    state.stage = Stage.ENDED if state.channel is Channel.VOICE else Stage.WAITING
    state.pending = None
    return Reply(
        " ".join([*lead, done]), expects=None, decision="handover_questions_done",
        reasons=tuple(reasons) or ("the safety questions are over",), done=True,
        handover=_handover(state), emergency_advice=_advice(state, bool(lead)),
    )  # fmt: skip


def _advice(state: ConversationState, given: bool) -> str | None:
    return emergency_advice(state.channel) if given else None


def _noted(state: ConversationState, lead: list[str], reasons: list[str]) -> Reply:
    said = " ".join([*lead, note_added_text()])
    return Reply(
        said, expects=None, decision="caller_added_to_conversation",
        reasons=(*reasons, "kept for the member of staff"), done=True,
        handover=_handover(state), emergency_advice=_advice(state, bool(lead)),
    )  # fmt: skip


def _step(
    state: ConversationState, text: str, question: str, reasons: list[str], *, advice: bool
) -> Reply:
    return Reply(
        text, expects=question, decision=f"asked_{question}", reasons=tuple(reasons),
        handover=_handover(state), emergency_advice=_advice(state, advice),
    )  # fmt: skip


def _questions_left(answers: CallerSafety) -> int:
    probe = answers.model_copy(deep=True)
    count = 0
    while (name := safety.next_question(probe)) is not None:
        probe.not_answered.append(name)
        count += 1
    return count


def _raise_queue(state: ConversationState, queue: Queue) -> None:
    """Move the caller to a more urgent queue, never a less urgent one."""
    if state.handover is None:
        return
    current = Queue(state.handover["queue"])
    if QUEUE_ORDER.index(queue) < QUEUE_ORDER.index(current):
        state.handover["queue"] = queue.value
        state.route = QUEUE_ROUTE[queue].value


def _handover(state: ConversationState) -> Handover:
    """The queue and the staff summary with the safety answers so far."""
    handover = state.handover or {"queue": Queue.NORMAL.value, "base_summary": ""}
    summary = handover.get("base_summary", "")
    if state.safety is not None:
        summary = f"{summary} {safety.describe(state.safety)}".strip()
    handover["summary"] = summary
    state.handover = handover
    return Handover(Queue(handover["queue"]), summary)
