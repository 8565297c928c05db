"""How a conversation ends: a record with a reference, a message to the officer in the case,
advice or a signpost, or a handover to a person. Each function sets the final state and
returns the last `Reply`, with the events the platform must publish."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from synergy.contact.dialogue.advice import FRAUD_SIGNPOST, signpost_for
from synergy.contact.dialogue.flows import HANDOVER_REQUESTED, Flow
from synergy.contact.dialogue.replies import (
    handover_text,
    record_created_text,
    summary_for_staff,
    update_sent_text,
)
from synergy.contact.dialogue.state import (
    QUEUE_ORDER,
    Action,
    Channel,
    ConversationState,
    Handover,
    Queue,
    Reply,
    Stage,
)
from synergy.contact.understanding.types import Intent, Risk, Route

QUEUE_ROUTE = {
    Queue.EMERGENCY: Route.EMERGENCY,
    Queue.PRIORITY: Route.PRIORITY_AGENT,
    Queue.NORMAL: Route.AGENT,
}


def route_queue(state: ConversationState, route: Route) -> Queue:
    """The queue for a handover on this turn's triage route, never less urgent than what the
    caller has already disclosed: the intent alone ("concern for welfare" with no words to show
    for it) does not put a caller ahead of others."""
    by_route = next((q for q, r in QUEUE_ROUTE.items() if r is route), Queue.NORMAL)
    known = caller_queue(state)
    return by_route if QUEUE_ORDER.index(by_route) <= QUEUE_ORDER.index(known) else known


def caller_queue(state: ConversationState) -> Queue:
    """The queue this caller needs on what is known so far."""
    if state.risk == Risk.EMERGENCY:
        return Queue.EMERGENCY
    if state.vulnerabilities or state.risk == Risk.HIGH:
        return Queue.PRIORITY
    return Queue.NORMAL


def finish(
    state: ConversationState,
    text: str,
    *,
    decision: str,
    why: tuple[str, ...],
    actions: tuple[Action, ...] = (),
    reference: str | None = None,
) -> Reply:
    """The assistant dealt with it itself."""
    state.stage, state.pending = Stage.ENDED, None
    state.route = Route.SELF_SERVICE.value
    return Reply(
        text,
        expects=None,
        decision=decision,
        reasons=why,
        done=True,
        actions=actions,
        reference=reference,
    )


def signposted(state: ConversationState, intent: Intent, why: tuple[str, ...]) -> Reply:
    if intent is Intent.FRAUD_SCAM:
        return finish(state, FRAUD_SIGNPOST, decision="signposted", why=(*why, "Action Fraud"))
    signpost = signpost_for(" ".join(state.history))
    return finish(state, signpost.advice, decision="signposted", why=(*why, signpost.agency))


def record_created(state: ConversationState, flow: Flow, reference: str) -> Reply:
    state.reference = reference
    action = Action(flow.topic or "", _payload(state, flow, reference=reference))
    text = record_created_text(flow, reference, str(state.slots.get("name", "")))
    why = (f"{flow.record} created",)
    return finish(
        state, text, decision="record_created", why=why, actions=(action,), reference=reference
    )


def update_sent(state: ConversationState, flow: Flow) -> Reply:
    slots = state.slots
    payload = _payload(state, flow, reference=None)
    payload["checks"] = {"reference_format": "valid", "caller_details_given": True}
    action = Action(flow.topic or "", payload)
    text = update_sent_text(str(slots["reference"]), str(slots["phone"]))
    why = (
        f"reference {slots['reference']} is a valid format and the caller gave a name "
        "and phone number; message sent to the officer in the case",
    )
    return finish(state, text, decision="update_requested", why=why, actions=(action,))


def _payload(state: ConversationState, flow: Flow, *, reference: str | None) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "flow": flow.name,
        "intent": state.intent,
        "details": dict(state.slots),
        "risk": state.risk,
        "vulnerabilities": list(state.vulnerabilities),
        "channel": state.channel.value,
    }
    if reference:
        payload["reference"] = reference
    return payload


def handed_over(
    state: ConversationState,
    queue: Queue,
    decision: str,
    why: Sequence[str],
    *,
    latest: str,
    signposting: str = "",
) -> Reply:
    """Pass the caller to a person at once, never to a less urgent queue than their risk
    needs. A chat caller can still add to the conversation while they wait."""
    if queue is Queue.NORMAL:
        queue = caller_queue(state)
    summary = summary_for_staff(state, reason=decision, reasons=tuple(why), latest=latest)
    state.stage = Stage.ENDED if state.channel is Channel.VOICE else Stage.WAITING
    state.pending = None
    state.route = QUEUE_ROUTE[queue].value
    state.handover = {"queue": queue.value, "summary": summary, "base_summary": summary}
    text, advice = handover_text(
        queue, state.channel, language=state.language, signposting=signposting
    )
    payload = {
        "queue": queue.value,
        "summary": summary,
        "intent": state.intent,
        "risk": state.risk,
        "vulnerabilities": list(state.vulnerabilities),
        "language": state.language,
        "channel": state.channel.value,
    }
    return Reply(
        text,
        expects=None,
        decision=decision,
        reasons=tuple(why),
        done=True,
        handover=Handover(queue, summary),
        emergency_advice=advice,
        actions=(Action(HANDOVER_REQUESTED, payload),),
    )
