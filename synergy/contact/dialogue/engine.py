"""The dialogue engine: one `Conversation` per call, the same for chat, the JSON API and voice.

Each caller turn is first read by the understanding layer. Before anything else the engine
checks for danger, vulnerability, a language other than English and "let me speak to a
person": any of those hands the caller over at once, whatever stage the conversation is at.
Otherwise the turn answers the question the engine last asked. Two answers that cannot be
read for the same question hand the caller over too.

The engine never touches the database: it changes its `ConversationState` and returns a
`Reply` with the actions (events) the platform must publish. `synergy.contact.service`
stores the state, the turns and the decisions, and publishes the actions.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import re
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any, Protocol

from synergy.contact.dialogue import answers, crime_details, crisis, outcomes, queued
from synergy.contact.dialogue.advice import property_advice
from synergy.contact.dialogue.flows import (
    FLOWS,
    SLOTS,
    Flow,
    FlowKind,
    flow_named,
    slots_for,
)
from synergy.contact.dialogue.replies import (
    ask_again_for_reason,
    greeting,
    read_back,
    which_detail_text,
)
from synergy.contact.dialogue.safety import STRAIGHT_THROUGH
from synergy.contact.dialogue.state import (
    ConversationState,
    Queue,
    Reply,
    Stage,
)
from synergy.contact.understanding.types import (
    RISK_ORDER,
    Risk,
    Route,
    TextTooLong,
    Understanding,
)
from synergy.core.errors import Conflict

log = logging.getLogger(__name__)

MAX_FAILED_ANSWERS = 2
# Below this the engine asks the caller to say again what the contact is about.
MIN_INTENT_CONFIDENCE = 0.3
# A first answer that fits no slot but clearly says something else switches flow ("I want to
# report a crime" read as an update request, then "someone smashed my car window").
SWITCH_FLOW_CONFIDENCE = 0.6
# The opening turn becomes "what happened" when it describes something, not when it only
# asks to make a report ("I want to report a crime").
MIN_WORDS_FOR_DESCRIPTION = 4
_ONLY_ASKS_TO_REPORT = re.compile(
    r"^[\w\s',]{0,40}\b(?:report|reporting|log|record)\b\W*(?:an?\s+|some\s+)?"
    r"(?:crime|incident|offence|something|it|antisocial behaviou?r|asb|accident|information|"
    r"theft|burglary|break[ -]?in|robbery|mugging|assault|criminal damage|vandalism|"
    r"shoplifting)?"
    r"\W*(?:please)?\W*$",
    re.IGNORECASE,
)
MAX_HISTORY_TURNS = 50
QUEUED_STAGES = (Stage.SAFETY, Stage.WAITING)
_CORRECTION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("reference", ("reference", "crime number", "log")),
    ("marks", ("serial", "frame", "imei", "mark", "engrav")),
    ("vehicle", ("registration", "reg ", "vehicle", "make", "model")),
    ("value", ("value", "worth", "cost", "price")),
    ("suspects", ("who did", "suspect", "description of")),
    ("witnesses", ("witness", "saw it", "anyone else")),
    ("cctv", ("cctv", "camera", "video", "doorbell", "dashcam")),
    ("entry", ("got in", "get in", "entry", "broke in")),
    ("stolen", ("stolen", "taken", "items")),
    ("damaged", ("damaged", "damage")),
    ("loss", ("stolen", "taken", "damaged")),
    ("phone", ("phone", "mobile", "number")),
    ("name", ("name",)),
    ("location", ("where", "place", "address", "postcode", "street", "location")),
    ("when", ("when", "time", "date", "day")),
    ("message", ("message",)),
    ("what", ("what", "happened", "description", "details")),
)


class Understand(Protocol):
    def __call__(self, text: str, *, history: Sequence[str] = ()) -> Understanding: ...


class ConversationEnded(Conflict):
    title = "This conversation has ended"


def _default_understand(text: str, *, history: Sequence[str] = ()) -> Understanding:
    from synergy.contact.understanding import understand  # loaded on first use, not at import

    return understand(text, history=tuple(history))


def understanding_snapshot(understanding: Understanding) -> dict[str, Any]:
    """The understanding as plain JSON, to store with the turn."""

    def plain(value: Any) -> Any:
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [plain(item) for item in value]
        return value

    return plain(dataclasses.asdict(understanding))  # type: ignore[no-any-return]


def _entity_answer(slot: str, understanding: Understanding) -> Any:
    """What the understanding layer found for a slot the engine's own reader missed, such as a
    phone number spoken as words ("oh seven seven double oh...")."""
    entities = understanding.entities
    if slot == "phone" and entities.phones:
        return entities.phones[0]
    if slot == "reference" and entities.references:
        return entities.references[0]
    if slot == "location" and entities.postcodes:
        return {"postcode": entities.postcodes[0], "address": ""}
    return None


class Conversation:
    """A state machine over `ConversationState`: `start()` once, then `respond(text)`."""

    def __init__(
        self,
        state: ConversationState | None = None,
        *,
        understand: Understand | None = None,
        new_reference: Callable[[], str] | None = None,
    ) -> None:
        self.state = state or ConversationState()
        self._understand = understand or _default_understand
        self._new_reference = new_reference
        self._signposting = ""  # crisis help lines for this turn, until a reply says them
        self._new_vulnerability = False

    # --- Entry points ---------------------------------------------------------------------

    def start(self) -> Reply:
        if self.state.stage is not Stage.GREETING:
            raise Conflict("This conversation has already started")
        self.state.stage = Stage.ASK_REASON
        return Reply(
            greeting(self.state.channel),
            expects="reason",
            decision="greeted",
            reasons=("a new contact: privacy notice given, asked what it is about",),
        )

    def respond(self, text: str) -> Reply:
        state = self.state
        if state.stage is Stage.ENDED:
            raise ConversationEnded("This conversation has ended. Start a new one to continue.")
        if state.stage is Stage.GREETING:
            raise Conflict("Start the conversation before sending a message")
        state.caller_turns += 1
        try:
            understanding: Understanding | None = self._understand(
                text, history=tuple(state.history)
            )
        except TextTooLong as too_long:
            if state.stage in QUEUED_STAGES:
                understanding = None
            else:
                why = (too_long.message,)
                return self._handover(Queue.NORMAL, "handover_text_too_long", why, latest="")
        except Exception as failure:  # a caller must never be dropped: log it, pass them on
            log.exception("understanding failed; handing the caller to a person")
            if state.stage not in QUEUED_STAGES:
                why = (f"the understanding layer failed ({type(failure).__name__})",)
                return self._handover(
                    Queue.NORMAL, "handover_understanding_failed", why, latest=text
                )
            understanding = None
        state.history = [*state.history, text][-MAX_HISTORY_TURNS:]
        if understanding is None:
            return self._while_queued(None, text)
        if state.stage in QUEUED_STAGES:
            understanding = queued.weigh_answer(understanding)
        known = set(state.vulnerabilities)
        self._note_risk(understanding)
        self._new_vulnerability = bool(set(state.vulnerabilities) - known)
        new_kinds = [k for k in crisis.crisis_kinds(understanding) if k not in state.crisis]
        state.crisis.extend(new_kinds)
        self._signposting = crisis.signposting_text(tuple(new_kinds))
        if state.stage in QUEUED_STAGES:
            reply = self._while_queued(understanding, text)
        else:
            reply = self._urgent_handover(understanding, text) or self._answer(understanding, text)
        reply = crisis.with_signposting(reply, tuple(new_kinds), self._signposting, state.channel)
        self._signposting = ""
        return dataclasses.replace(reply, understanding=understanding_snapshot(understanding))

    def hand_over(self, reason: str, *, decision: str = "handover_channel_failure") -> Reply:
        """Pass the caller to a person for a reason outside the conversation, such as the
        channel failing (speech recognition stopped); the queue still reflects any risk found.
        Nothing more is asked: the channel that would carry the answers has failed."""
        if self.state.stage in (Stage.ENDED, Stage.WAITING):
            raise ConversationEnded("This conversation has ended.")
        if self.state.stage is Stage.SAFETY:
            return queued.finish_questions(self.state, reasons=(reason,))
        return self._handover(
            outcomes.caller_queue(self.state), decision, (reason,), latest="", ask=False
        )

    def _while_queued(self, understanding: Understanding | None, text: str) -> Reply:
        danger = understanding is not None and (
            understanding.route is Route.EMERGENCY or understanding.risk is Risk.EMERGENCY
        )
        priority = understanding is not None and self._new_vulnerability
        wants = self.state.stage is Stage.SAFETY and answers.wants_a_person(text)
        return queued.answer_while_queued(
            self.state, text, danger=danger, priority=priority, wants_person=wants
        )

    # --- Checks made on every turn ------------------------------------------------------------

    def _note_risk(self, understanding: Understanding) -> None:
        state = self.state
        for vulnerability in understanding.vulnerabilities:
            if vulnerability.value not in state.vulnerabilities:
                state.vulnerabilities.append(vulnerability.value)
        if RISK_ORDER.index(understanding.risk) < RISK_ORDER.index(Risk(state.risk)):
            state.risk = understanding.risk.value
        if understanding.language and not state.language:
            state.language = understanding.language

    def _urgent_handover(self, understanding: Understanding, text: str) -> Reply | None:
        reasons = understanding.reasons
        if understanding.route is Route.EMERGENCY or understanding.risk is Risk.EMERGENCY:
            return self._handover(Queue.EMERGENCY, "handover_emergency", reasons, latest=text)
        priority = understanding.route is Route.PRIORITY_AGENT or bool(
            understanding.vulnerabilities
        )
        if understanding.language:
            why = (f"the caller appears to be using language '{understanding.language}'", *reasons)
            queue = Queue.PRIORITY if priority else outcomes.caller_queue(self.state)
            return self._handover(queue, "handover_language", why, latest=text)
        if priority:
            return self._handover(Queue.PRIORITY, "handover_priority", reasons, latest=text)
        if answers.wants_a_person(text):
            why = ("the caller asked to speak to a person",)
            return self._handover(
                outcomes.caller_queue(self.state), "handover_requested", why, latest=text,
                ask=text != STRAIGHT_THROUGH,
            )  # fmt: skip
        return None

    # --- Answering the question asked -----------------------------------------------------

    def _answer(self, understanding: Understanding, text: str) -> Reply:
        stage = self.state.stage
        if stage is Stage.ASK_REASON:
            return self._choose_flow(understanding, text)
        if stage is Stage.COLLECT:
            return self._collect(understanding, text)
        if stage is Stage.CONFIRM:
            return self._confirm(text)
        return self._correct(text)

    def _choose_flow(self, understanding: Understanding, text: str) -> Reply:
        flow = FLOWS.get(understanding.intent)
        if flow is None or understanding.intent_confidence < MIN_INTENT_CONFIDENCE:
            unclear: tuple[str, ...] = (
                f"intent unclear ({understanding.intent.value}, confidence "
                f"{understanding.intent_confidence:.2f})",
            )
            return self._failed("reason", ask_again_for_reason(), unclear)
        state = self.state
        state.intent = understanding.intent.value
        state.flow = flow.name
        confidence = f"{understanding.intent_confidence:.2f}"
        why = (
            f"intent {understanding.intent.value} (confidence {confidence})",
            *understanding.reasons,
        )
        if flow.kind is FlowKind.HANDOVER:
            queue = outcomes.route_queue(self.state, understanding.route)
            return self._handover(queue, f"handover_{flow.name}", why, latest=text)
        if flow.kind is FlowKind.SIGNPOST:
            return outcomes.signposted(self.state, understanding.intent, why)
        self._prefill(flow, text)
        return self._next_question(flow, lead=flow.opening, decision=f"flow_{flow.name}", why=why)

    def _prefill(self, flow: Flow, text: str) -> None:
        """Keep what the opening turn already told us, so the caller is not asked twice."""
        slots = self.state.slots
        if flow.kind is FlowKind.ADVICE and len(text.split()) >= 3:
            slots["item"] = text
        if (
            flow.kind is FlowKind.RECORD
            and len(text.split()) >= MIN_WORDS_FOR_DESCRIPTION
            and not _ONLY_ASKS_TO_REPORT.match(text)
        ):
            slots["what"] = answers.read_free_text(text, what="what happened")
        postcode = answers.normalise_postcode(text)
        if "location" in flow.slots and postcode:
            slots["location"] = {"postcode": postcode, "address": ""}
        if flow.kind is FlowKind.RECORD:
            crime_details.keep_volunteered(self.state, flow, text, answering=None)
        if "reference" in flow.slots:
            with contextlib.suppress(answers.NotUnderstood):
                slots["reference"] = answers.find_reference(text)

    def _collect(self, understanding: Understanding, text: str) -> Reply:
        state = self.state
        slot = SLOTS[state.pending or ""]
        if slot.name == "reference" and answers.says_no_reference(text):
            why = ("the caller has no reference number, so a person must find the report",)
            return self._handover(Queue.NORMAL, "handover_no_reference", why, latest=text)
        try:
            state.slots[slot.name] = crime_details.read_slot(state, slot.name, text)
        except answers.NotUnderstood as problem:
            found = _entity_answer(slot.name, understanding)
            if found is not None:
                state.slots[slot.name] = found
                state.answers_given += 1
                return self._next_question(
                    flow_named(state.flow or ""),
                    lead="",
                    decision=f"collected_{slot.name}",
                    why=(f"{slot.name} given (read from the understood entities)",),
                )
            if self._should_switch_flow(understanding):
                state.slots, state.failures, state.stage = {}, {}, Stage.ASK_REASON
                return self._choose_flow(understanding, text)
            why = (f"the answer for {slot.name} could not be read: {problem.hint}",)
            return self._failed(slot.name, problem.hint, why)
        state.answers_given += 1
        flow = flow_named(state.flow or "")
        if flow.kind is FlowKind.RECORD:
            crime_details.keep_volunteered(state, flow, text, answering=slot.name)
        return self._next_question(
            flow, lead="", decision=f"collected_{slot.name}", why=(f"{slot.name} given",)
        )

    def _should_switch_flow(self, understanding: Understanding) -> bool:
        state = self.state
        return (
            state.answers_given == 0
            and understanding.intent.value != state.intent
            and understanding.intent in FLOWS
            and understanding.intent_confidence >= SWITCH_FLOW_CONFIDENCE
        )

    def _next_question(
        self, flow: Flow, *, lead: str, decision: str, why: tuple[str, ...]
    ) -> Reply:
        state = self.state
        names = slots_for(flow, state.crime_type)
        missing = [name for name in names if name not in state.slots]
        if missing and not state.correcting:
            state.stage, state.pending = Stage.COLLECT, missing[0]
            question = SLOTS[missing[0]].question
            return Reply(
                f"{lead} {question}".strip(), expects=missing[0], decision=decision, reasons=why
            )
        if flow.kind is FlowKind.ADVICE:
            advice = property_advice(str(state.slots.get("item", "")))
            return self._end(advice, decision="advice_given", why=(*why, "lost property advice"))
        state.stage, state.pending, state.correcting = Stage.CONFIRM, None, False
        text = read_back(names, state.slots)
        return Reply(f"{lead} {text}".strip(), expects="confirm", decision=decision, reasons=why)

    def _confirm(self, text: str) -> Reply:
        try:
            correct = answers.read_yes_no(text)
        except answers.NotUnderstood as problem:
            return self._failed("confirm", problem.hint, ("no yes or no to the read-back",))
        flow = flow_named(self.state.flow or "")
        if not correct:
            self.state.stage = Stage.CORRECT
            return Reply(
                which_detail_text(slots_for(flow, self.state.crime_type)),
                expects="correction",
                decision="asked_correction",
                reasons=("the caller said the read-back was wrong",),
            )
        if flow.kind is FlowKind.UPDATE:
            return outcomes.update_sent(self.state, flow)
        return self._create_record(flow)

    def _correct(self, text: str) -> Reply:
        flow = flow_named(self.state.flow or "")
        lowered = text.lower()
        names = slots_for(flow, self.state.crime_type)
        for name, words in _CORRECTION_WORDS:
            if name in names and any(word in lowered for word in words):
                state = self.state
                state.slots.pop(name, None)
                state.stage, state.pending, state.correcting = Stage.COLLECT, name, True
                return Reply(
                    SLOTS[name].question,
                    expects=name,
                    decision=f"correcting_{name}",
                    reasons=(f"the caller is correcting {name}",),
                )
        hint = which_detail_text(names)
        return self._failed("correction", hint, ("correction not understood",))

    # --- Outcomes ---------------------------------------------------------------------------

    def _failed(self, key: str, hint: str, why: tuple[str, ...]) -> Reply:
        failures = self.state.failures
        failures[key] = failures.get(key, 0) + 1
        if failures[key] >= MAX_FAILED_ANSWERS:
            why = (*why, f"{MAX_FAILED_ANSWERS} answers for {key} were not understood")
            return self._handover(
                outcomes.caller_queue(self.state), f"handover_failed_{key}", why, latest=""
            )
        return Reply(hint, expects=key, decision=f"asked_again_{key}", reasons=why)

    def _create_record(self, flow: Flow) -> Reply:
        if self._new_reference is None:
            raise RuntimeError("this conversation cannot create records: no reference source")
        return outcomes.record_created(self.state, flow, self._new_reference())

    def _end(self, text: str, *, decision: str, why: tuple[str, ...]) -> Reply:
        return outcomes.finish(self.state, text, decision=decision, why=why)

    def _handover(
        self, queue: Queue, decision: str, why: Sequence[str], *, latest: str, ask: bool = True
    ) -> Reply:
        """Pass the caller to a person. Unless they need an interpreter (the questions would
        be in English) or the channel failed, they are queued at once and then asked whether
        they are safe, where they are and a number to call back on."""
        signposting, self._signposting = self._signposting, ""
        if not ask or self.state.language:
            return outcomes.handed_over(
                self.state, queue, decision, why, latest=latest, signposting=signposting
            )
        return queued.ask_before_handover(
            self.state, queue, decision, why, latest=latest, signposting=signposting
        )
