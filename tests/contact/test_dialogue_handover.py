"""Before a handover: safe now, where, a number to call back on; crisis help lines at once.

Run through the real understanding layer, as a caller would meet it.
"""

from __future__ import annotations

from synergy.contact.dialogue import Conversation, ConversationState, Queue, Stage
from synergy.contact.dialogue.safety import STRAIGHT_THROUGH
from synergy.contact.dialogue.state import Channel

LOG = "LOG 0001-26112026"


def talk(channel: Channel = Channel.WEB_CHAT) -> Conversation:
    conversation = Conversation(ConversationState(channel=channel), new_reference=lambda: LOG)
    conversation.start()
    return conversation


def test_suicidal_wording_gets_crisis_help_lines_at_once_and_the_safety_questions() -> None:
    chat = talk()
    reply = chat.respond("I don't want to be here anymore")
    assert "Samaritans" in reply.text and "116 123" in reply.text
    assert "NHS 111" in reply.text and "mental health option" in reply.text
    assert "999" in reply.text
    assert reply.signposts == ("mental_health",)
    assert reply.handover is not None and reply.handover.queue is Queue.PRIORITY
    assert reply.text.endswith("Are you safe now?") and not reply.done


def test_domestic_abuse_gets_the_national_helpline() -> None:
    reply = talk().respond("my partner hits me")
    assert "National Domestic Abuse Helpline" in reply.text and "0808 2000 247" in reply.text


def test_answers_are_stored_and_put_in_the_staff_summary() -> None:
    chat = talk()
    chat.respond("can I speak to a person")
    assert chat.respond("yes I am safe").expects == "location"
    assert chat.respond("12 High Street, B5 4TR").expects == "callback"
    done = chat.respond("07700 900123")
    safety = chat.state.safety
    assert safety is not None and safety.finished
    assert safety.safe_now is True and safety.location == "12 High Street, B5 4TR"
    assert safety.callback_number == "07700900123"
    assert done.done and done.handover is not None
    assert "Safe now: yes. Where now: 12 High Street, B5 4TR. Call back on: 07700 900123." in (
        done.handover.summary
    )
    assert "reply to you in this conversation" in done.text and "07700 900123" in done.text


def test_a_caller_who_will_not_say_still_gets_through() -> None:
    chat = talk()
    first = chat.respond("I want to talk to a human")
    assert first.handover is not None  # queued before any question is answered
    chat.respond("I'd rather not say")
    chat.respond("skip")
    done = chat.respond("no answer")
    assert done.done and done.handover is not None
    safety = chat.state.safety
    assert safety is not None
    assert safety.not_answered == ["safe_now", "location", "callback"]
    assert "Safe now: not said" in done.handover.summary


def test_not_safe_now_gives_999_advice_first_and_the_emergency_queue() -> None:
    chat = talk()
    chat.respond("can I speak to a person")
    reply = chat.respond("no I'm not safe")
    assert reply.text.startswith("If you or someone else is in danger now, dial 999.")
    assert reply.handover is not None and reply.handover.queue is Queue.EMERGENCY
    assert reply.expects == "location"


def test_danger_now_gives_999_advice_before_asking_where_the_caller_is() -> None:
    chat = talk()
    reply = chat.respond("he is here now and has a knife")
    assert reply.text.startswith("If you or someone else is in danger now, dial 999.")
    assert reply.handover is not None and reply.handover.queue is Queue.EMERGENCY
    assert reply.expects == "location"  # "are you safe" is not asked: they are not
    assert chat.state.safety is not None and chat.state.safety.safe_now is False


def test_danger_given_as_the_answer_to_are_you_safe_records_not_safe() -> None:
    chat = talk()
    chat.respond("can I speak to a person")
    reply = chat.respond("he has a knife and is outside my door")
    assert reply.handover is not None and reply.handover.queue is Queue.EMERGENCY
    assert chat.state.safety is not None and chat.state.safety.safe_now is False


def test_a_phone_number_already_given_is_not_asked_again() -> None:
    chat = talk()
    for text in ("my bike was stolen from the shed", "b5 4tr", "yesterday at 6pm"):
        chat.respond(text)
    chat.state.slots["phone"] = "07700900123"
    chat.respond("I want to speak to a person")
    chat.respond("yes")
    done = chat.respond("at home")
    assert done.done and chat.state.safety is not None
    assert chat.state.safety.callback_number == "07700900123"


def test_after_the_questions_a_chat_caller_can_still_add_something() -> None:
    chat = talk()
    chat.respond("can I speak to a person")
    for text in ("skip", "skip", "skip"):
        chat.respond(text)
    assert chat.state.stage is Stage.WAITING
    added = chat.respond("he has just sent me another threatening message")
    assert "added that" in added.text
    assert "he has just sent me" in chat.state.history[-1]


def test_a_short_answer_while_queued_does_not_invent_a_vulnerability() -> None:
    chat = talk()
    chat.respond("can I speak to a person")
    chat.respond("yes")
    chat.respond("at home")
    assert chat.state.vulnerabilities == []


def test_voice_asks_the_same_questions_and_is_put_through_when_they_are_over() -> None:
    voice = talk(Channel.VOICE)
    first = voice.respond("I want to speak to a person")
    assert first.handover is not None and not first.done and "Or say skip." in first.text
    voice.respond("yes")
    done = voice.respond("no answer")  # silence on the phone: put through without more
    assert done.done and done.handover is not None
    assert voice.state.safety is not None
    assert voice.state.safety.not_answered == ["location", "callback"]
    assert "putting you through to a member of staff now" in done.text
    assert voice.state.stage is Stage.ENDED


def test_pressing_0_on_the_phone_goes_straight_through() -> None:
    reply = talk(Channel.VOICE).respond(STRAIGHT_THROUGH)
    assert reply.done and reply.handover is not None


def test_theft_report_asks_what_crime_recording_needs_and_keeps_what_was_volunteered() -> None:
    chat = talk()
    chat.respond("I want to report a theft")
    chat.respond("my bike was stolen yesterday at 6pm")
    asked = chat.respond("B5 4TR it was a red Trek mountain bike with frame number WTU123")
    assert asked.expects == "stolen"  # the time and the frame number were not asked again
    questions = [asked.expects]
    for answer in ("a red Trek mountain bike", "about £400", "no", "no", "the gym has cctv"):
        questions.append(chat.respond(answer).expects)
    assert questions == ["stolen", "value", "suspects", "witnesses", "cctv", "name"]
    chat.respond("Sam Taylor")
    read_back = chat.respond("07700 900123")
    assert "Identifying marks: frame number WTU123." in read_back.text
    assert "It was a red Trek mountain bike" in read_back.text  # kept, not lost
    assert "Where: B5 4TR." in read_back.text
    done = chat.respond("yes")
    assert "not a crime number" in done.text and LOG in done.text
    details = done.actions[0].payload["details"]
    assert details["cctv"] == "the gym has cctv" and details["value"] == "about £400"


def test_burglary_asks_how_they_got_in_and_damage_asks_what_was_damaged() -> None:
    burglary = talk()
    burglary.respond("someone broke into my house and took my laptop")
    burglary.respond("B5 4TR")
    assert burglary.respond("this morning at 9am").expects == "entry"
    damage = talk()
    damage.respond("someone smashed my front window")
    damage.respond("B5 4TR")
    assert damage.respond("last night").expects == "damaged"
    vehicle = talk()
    vehicle.respond("someone broke my car window and took my bag")
    vehicle.respond("B5 4TR")
    assert vehicle.respond("last night").expects == "vehicle"


def test_a_channel_failure_during_the_questions_puts_the_caller_through() -> None:
    voice = talk(Channel.VOICE)
    voice.respond("I want to speak to a person")
    reply = voice.hand_over("speech recognition stopped")
    assert reply.done and reply.handover is not None
    assert voice.state.safety is not None and voice.state.safety.finished


def test_danger_added_while_waiting_moves_the_call_to_the_emergency_queue() -> None:
    chat = talk()
    chat.respond("can I speak to a person")
    for text in ("yes", "skip", "skip"):
        chat.respond(text)
    reply = chat.respond("he is here now and has a knife")
    assert reply.text.startswith("If you or someone else is in danger now, dial 999.")
    assert reply.handover is not None and reply.handover.queue is Queue.EMERGENCY
