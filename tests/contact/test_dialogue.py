"""The dialogue engine on its own: every flow, handovers, risk on any turn, serialisable state.

The understanding layer is replaced by a small scripted reader so these tests pin down the
engine's decisions whatever the classifier says; tests/contact/test_api.py and test_chat.py
run whole conversations through the real understanding layer.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pytest

from synergy.contact.dialogue import Conversation, ConversationEnded, ConversationState, Queue
from synergy.contact.understanding import (
    Entities,
    Intent,
    Risk,
    Route,
    TextTooLong,
    Understanding,
    Vulnerability,
)

LOG = "LOG 0001-26112026"
SCRIPT: tuple[tuple[str, Intent, float], ...] = (
    ("stolen", Intent.CRIME_REPORT, 0.9),
    ("report a crime", Intent.CRIME_REPORT, 0.6),
    ("lost my", Intent.LOST_FOUND_PROPERTY, 0.95),
    ("update", Intent.UPDATE_EXISTING, 0.8),
    ("noise", Intent.NOT_POLICE_MATTER, 0.8),
    ("scam", Intent.FRAUD_SCAM, 0.8),
    ("enquiry", Intent.GENERAL_ENQUIRY, 0.8),
    ("missing", Intent.MISSING_PERSON, 0.9),
)


def scripted(text: str, *, history: Sequence[str] = ()) -> Understanding:
    lowered = text.lower()
    if "kill me" in lowered:
        return Understanding(
            Intent.DOMESTIC_ABUSE, 0.9, (Vulnerability.THREAT_TO_LIFE,), (), Risk.EMERGENCY,
            Route.EMERGENCY, reasons=("threat to life: 'kill me'",),
        )  # fmt: skip
    if "worried about" in lowered:  # a welfare reading with no words to show for it
        return Understanding(Intent.CONCERN_FOR_WELFARE, 0.6, (), (), Risk.STANDARD, Route.AGENT)
    if "my son is missing" in lowered:
        return Understanding(
            Intent.MISSING_PERSON, 0.9, (Vulnerability.MISSING_CHILD,), (), Risk.HIGH,
            Route.PRIORITY_AGENT,
        )  # fmt: skip
    if "hola" in lowered:
        return Understanding(Intent.GENERAL_ENQUIRY, 0.2, (), (), Risk.STANDARD, Route.AGENT,
                             language="es")  # fmt: skip
    if len(text) > 3000:
        raise TextTooLong(len(text), 3000)
    for word, intent, confidence in SCRIPT:
        if word in lowered:
            return Understanding(intent, confidence, (), (), Risk.STANDARD, Route.SELF_SERVICE)
    return Understanding(Intent.GENERAL_ENQUIRY, 0.1, (), (), Risk.STANDARD, Route.AGENT)


def conversation(state: ConversationState | None = None) -> Conversation:
    talk = Conversation(state, understand=scripted, new_reference=lambda: LOG)
    if state is None:
        talk.start()
    return talk


def say(talk: Conversation, *lines: str):  # type: ignore[no-untyped-def]
    reply = None
    for line in lines:
        reply = talk.respond(line)
    return reply


THEFT_DETAILS = ("a blue Raleigh bike", "about £300", "none", "no", "no", "no")
CRIME_ANSWERS = (
    "My bike was stolen from my garden shed last night",
    "12 High Street, b54tr",
    "last night about 11pm",
    *THEFT_DETAILS,
    "my name is sam taylor",
    "07700 900123",
)


def test_read_back_keeps_the_callers_own_punctuation() -> None:
    talk = conversation()
    answers = ("My bike was stolen from the shed, who would do that?", *CRIME_ANSWERS[1:])
    read_back = say(talk, *answers)
    assert read_back.expects == "confirm"
    assert "who would do that?" in read_back.text and "?." not in read_back.text


def test_greeting_gives_privacy_notice_999_advice_and_asks_the_reason() -> None:
    reply = Conversation(understand=scripted).start()
    assert "privacy notice" in reply.text
    assert "999" in reply.text
    assert reply.expects == "reason"
    assert reply.decision == "greeted"


def test_crime_report_is_read_back_then_drafted_with_a_reference() -> None:
    talk = conversation()
    read_back = say(talk, *CRIME_ANSWERS)
    assert read_back.expects == "confirm"
    assert "Where: 12 High Street, B5 4TR." in read_back.text
    assert "Sam Taylor" in read_back.text and "07700 900123" in read_back.text
    done = talk.respond("yes that's right")
    assert done.done and done.reference == LOG and LOG in done.text
    (action,) = done.actions
    assert action.topic == "contact.crime_report_drafted"
    assert action.payload["reference"] == LOG
    assert action.payload["details"]["location"]["postcode"] == "B5 4TR"
    assert action.payload["details"]["phone"] == "07700900123"
    assert talk.state.route == "self_service"


def test_short_opening_asks_what_happened_first() -> None:
    talk = conversation()
    reply = talk.respond("something was stolen")
    assert reply.expects == "what"


def test_a_request_to_report_is_not_taken_as_the_description() -> None:
    talk = conversation()
    assert talk.respond("I would like to report a crime please").expects == "what"
    assert "what" not in talk.state.slots


@pytest.mark.parametrize("opening", ["I need to report a theft", "I want to report a burglary"])
def test_naming_only_the_kind_of_crime_asks_what_happened(opening: str) -> None:
    from synergy.contact.understanding import understand

    talk = Conversation(understand=understand, new_reference=lambda: LOG)  # the real engine
    talk.start()
    assert talk.respond(opening).expects == "what"
    assert "what" not in talk.state.slots


def test_first_answer_that_says_something_else_switches_flow() -> None:
    talk = conversation()
    assert talk.respond("I want an update").expects == "reference"
    reply = talk.respond("no, my bike was stolen from the shed")
    assert reply.decision == "flow_crime_report" and reply.expects == "location"
    assert talk.state.slots == {"what": "no, my bike was stolen from the shed"}
    assert talk.state.failures == {}


def test_postcode_is_normalised_when_given_alone() -> None:
    talk = conversation()
    say(talk, CRIME_ANSWERS[0], "b54tr")
    assert talk.state.slots["location"] == {"postcode": "B5 4TR", "address": ""}


def test_bad_postcode_is_asked_again_then_second_failure_hands_over() -> None:
    talk = conversation()
    again = say(talk, CRIME_ANSWERS[0], "ZZ99")
    assert again.expects == "location" and not again.done
    assert "postcode" in again.text
    handover = talk.respond("dunno")
    assert handover.handover is not None and handover.expects == "safe_now"
    assert handover.handover.queue is Queue.NORMAL
    assert handover.decision == "handover_failed_location"
    assert "What happened: My bike was stolen" in handover.handover.summary


def test_saying_no_to_the_read_back_corrects_one_detail() -> None:
    talk = conversation()
    say(talk, *CRIME_ANSWERS)
    which = talk.respond("no")
    assert which.expects == "correction"
    ask = talk.respond("the phone number is wrong")
    assert ask.expects == "phone"
    again = talk.respond("07700 900999")
    assert again.expects == "confirm" and "07700 900999" in again.text
    assert talk.respond("yes").reference == LOG


@pytest.mark.parametrize("turns_before", [0, 1, 3, 5])
def test_speak_to_a_person_works_at_any_turn(turns_before: int) -> None:
    talk = conversation()
    say(talk, *CRIME_ANSWERS[:turns_before])
    reply = talk.respond("can I speak to a real person please")
    assert reply.handover is not None and "Are you safe now?" in reply.text
    assert reply.decision == "handover_requested"
    assert reply.actions[0].topic == "contact.handover_requested"


def test_disclosure_after_mundane_start_goes_to_emergency_with_999_advice() -> None:
    talk = conversation()
    say(talk, CRIME_ANSWERS[0], "12 High Street, b54tr")
    reply = talk.respond("he said he'll kill me if I report it")
    assert reply.handover is not None and reply.handover.queue is Queue.EMERGENCY
    assert reply.emergency_advice and "999" in reply.emergency_advice
    assert reply.emergency_advice in reply.text
    assert talk.state.route == "emergency" and talk.state.risk == "emergency"
    assert "threat_to_life" in talk.state.vulnerabilities
    assert "threat to life" in reply.handover.summary


def test_voice_channel_says_hang_up_and_dial_999() -> None:
    talk = Conversation(ConversationState(channel="voice"), understand=scripted)
    assert "hang up and dial 999" in talk.start().text
    reply = talk.respond("he said he'll kill me")
    assert (
        reply.emergency_advice == "If you or someone else is in danger now, hang up and dial 999."
    )


def test_non_english_caller_is_handed_to_a_person_with_a_language_note() -> None:
    talk = conversation()
    reply = talk.respond("hola, necesito ayuda")
    assert reply.decision == "handover_language"
    assert reply.handover is not None and "interpreter (es)" in reply.handover.summary
    assert "interpreter" in reply.text
    assert talk.state.language == "es"


def test_lost_property_gets_advice_without_a_record() -> None:
    talk = conversation()
    reply = talk.respond("I lost my phone and wallet on the bus")
    assert reply.done and reply.decision == "advice_given"
    assert "159" in reply.text and "network" in reply.text
    assert reply.actions == () and reply.reference is None


def test_noise_complaint_is_signposted_to_the_council() -> None:
    reply = conversation().respond("my neighbour's noise is unbearable")
    assert reply.done and reply.decision == "signposted"
    assert "council" in reply.text
    assert "local council" in reply.reasons


def test_fraud_is_signposted_to_action_fraud() -> None:
    reply = conversation().respond("I think I fell for a scam")
    assert "Action Fraud" in reply.text and reply.done


def test_update_request_checks_the_reference_then_sends_it_to_the_officer() -> None:
    talk = conversation()
    ask = talk.respond("I want an update please")
    assert ask.expects == "reference"
    bad = talk.respond("99/999")
    assert bad.expects == "reference" and "crime number" in bad.text
    say(talk, "crime number 20/123456/24", "Sam Taylor", "07700900123")
    read_back = talk.respond("Has anyone been arrested?")
    assert "20/123456/24" in read_back.text
    sent = talk.respond("yes")
    (action,) = sent.actions
    assert action.topic == "contact.update_requested"
    assert action.payload["details"]["reference"] == "20/123456/24"
    assert action.payload["checks"] == {"reference_format": "valid", "caller_details_given": True}
    assert sent.reference is None


def test_reference_in_the_opening_turn_is_not_asked_for_again() -> None:
    talk = conversation()
    reply = talk.respond("can I have an update on crime number 20/123456/24")
    assert reply.expects == "name"


def test_two_bad_references_hand_over() -> None:
    talk = conversation()
    reply = say(talk, "update please", "abc", "no idea what you mean")
    assert reply.decision == "handover_failed_reference"


def test_caller_without_a_reference_is_handed_over() -> None:
    reply = say(conversation(), "update please", "I don't have a reference")
    assert reply.decision == "handover_no_reference"


def test_unclear_reason_twice_hands_over() -> None:
    talk = conversation()
    first = talk.respond("erm")
    assert first.expects == "reason" and not first.done
    assert talk.respond("well").decision == "handover_failed_reason"


def test_missing_person_goes_to_the_priority_queue() -> None:
    reply = conversation().respond("my son is missing")
    assert reply.handover is not None and reply.handover.queue is Queue.PRIORITY


def test_welfare_reading_routed_normal_waits_in_the_normal_queue() -> None:
    reply = conversation().respond("I'm worried about my neighbour's bins")
    assert reply.handover is not None and reply.handover.queue is Queue.NORMAL


def test_handover_queue_keeps_risk_disclosed_on_an_earlier_turn() -> None:
    talk = conversation()
    talk.state.risk = Risk.HIGH.value
    reply = talk.respond("I'm worried about her")
    assert reply.handover is not None and reply.handover.queue is Queue.PRIORITY


def test_general_enquiry_goes_to_the_normal_queue() -> None:
    reply = conversation().respond("a general enquiry about licensing")
    assert reply.handover is not None and reply.handover.queue is Queue.NORMAL


def test_text_too_long_for_understanding_is_handed_to_a_person() -> None:
    reply = conversation().respond("x" * 3001)
    assert reply.decision == "handover_text_too_long" and reply.handover is not None


def test_state_round_trips_through_json_between_turns() -> None:
    talk = conversation()
    say(talk, CRIME_ANSWERS[0], CRIME_ANSWERS[1])
    stored = talk.state.model_dump_json()
    resumed = conversation(ConversationState.model_validate_json(stored))
    reply = say(resumed, *CRIME_ANSWERS[2:])
    assert reply.expects == "confirm"


def test_ended_conversation_refuses_more_turns() -> None:
    talk = conversation()
    assert talk.respond("I think it is a scam").done
    with pytest.raises(ConversationEnded):
        talk.respond("hello?")


def test_every_caller_turn_reply_carries_an_understanding_snapshot() -> None:
    talk = conversation()
    reply = talk.respond(CRIME_ANSWERS[0])
    assert reply.understanding is not None
    assert reply.understanding["intent"] == "crime_report"
    assert reply.reasons and reply.reasons[0].startswith("intent crime_report")


def test_channel_failure_hands_over_keeping_the_risk_queue() -> None:
    talk = conversation()
    talk.respond(CRIME_ANSWERS[0])
    talk.state.vulnerabilities.append("hate_crime")
    reply = talk.hand_over("speech recognition stopped")
    assert reply.decision == "handover_channel_failure"
    assert reply.handover is not None and reply.handover.queue is Queue.PRIORITY
    assert "speech recognition stopped" in reply.handover.summary
    with pytest.raises(ConversationEnded):
        talk.hand_over("again")


def test_a_phone_number_spoken_as_words_is_taken_from_the_entities() -> None:
    def hears_digits(text: str, *, history: Sequence[str] = ()) -> Understanding:
        understood = scripted(text, history=history)
        if text.startswith("oh seven"):
            return dataclasses.replace(understood, entities=Entities(phones=("07700900123",)))
        return understood

    talk = Conversation(understand=hears_digits, new_reference=lambda: LOG)
    talk.start()
    say(talk, *CRIME_ANSWERS[:-1])
    reply = talk.respond("oh seven seven double oh nine double oh one two three")
    assert reply.expects == "confirm" and talk.state.slots["phone"] == "07700900123"


def test_a_failing_understanding_layer_hands_the_caller_to_a_person(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(text: str, *, history: Sequence[str] = ()) -> Understanding:
        raise EOFError("model file is being replaced")

    talk = Conversation(understand=broken)
    talk.start()
    reply = talk.respond("my bike was stolen")
    assert reply.decision == "handover_understanding_failed" and reply.handover is not None
    assert "EOFError" in reply.reasons[0]
    assert "understanding failed" in caplog.text
