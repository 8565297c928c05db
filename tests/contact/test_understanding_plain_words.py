"""Callers' own words: denials, questions about first aid, plain-words emergencies in speech
and with typos, and civil accounts. Every sentence here was written for these tests; none is
taken from an evaluation set."""

from __future__ import annotations

import pytest

from synergy.contact.understanding import Intent, Route, Vulnerability, understand

URGENT = (Route.EMERGENCY, Route.PRIORITY_AGENT)


@pytest.mark.parametrize("text", [
    "no one has been shot",
    "nobody has been stabbed thank goodness",
    "no one is bleeding",
    "nobody is hurt",
    "no one is injured but there's been a crash on the A38",
])
def test_a_denied_injury_is_not_an_emergency_by_itself(text):
    u = understand(text)
    assert u.route not in URGENT, u.reasons


@pytest.mark.parametrize("text", [
    "he said no one would help, he's been shot",
    "there's been a crash, nobody hurt but the car is on fire",
    "no one came to help and my husband has been stabbed",
])
def test_a_denial_does_not_hide_danger_said_beside_it(text):
    assert understand(text).route is Route.EMERGENCY


@pytest.mark.parametrize("text", [
    "how do I do CPR course",
    "where can I learn first aid",
    "are there any cpr classes near me",
])
def test_a_question_about_a_first_aid_course_is_not_an_emergency_but_reaches_a_person(text):
    u = understand(text)
    assert u.route is Route.AGENT, u.reasons
    assert not u.danger


@pytest.mark.parametrize("text", [
    "how do i do cpr on my dad",
    "my mum's collapsed how do I do CPR",
    "how do i do cpr he's not breathing",
    "I did a first aid course but she's not breathing",
])
def test_first_aid_asked_about_someone_in_danger_is_still_an_emergency(text):
    assert understand(text).route is Route.EMERGENCY


@pytest.mark.parametrize("text", [
    "how do I do CPR",
    "how do you do cpr",
    "tell me how to perform cpr",
    "what do I do he's not breathing",
    "how do you stop bleeding",
    "how many chest compressions do I do",
    "how do I put someone in the recovery position",
    "how do you do the heimlich",
    "where is the nearest defibrillator",
    "what's the number for an ambulance",
    "how long does it take to call an ambulance",
])
def test_a_first_aid_question_in_the_present_is_a_possible_emergency(text):
    """Asked with no course or job in it, it may be asked over someone who is dying: the
    emergency route, whose dialogue tells the caller to dial 999."""
    u = understand(text)
    assert u.route is Route.EMERGENCY, u.reasons
    assert u.danger


@pytest.mark.parametrize("text", [
    "where can I learn first aid",
    "CPR course near me",
    "CPR cuorse near me",
    "how do I get a first aid certificate",
    "do I need first aid training for my job as a lifeguard",
    "how do I become a first aider at work",
    "can you teach me CPR for my nursing exam",
    "I want to book a CPR course for my mum",
])
def test_a_question_about_learning_first_aid_is_an_enquiry(text):
    u = understand(text)
    assert u.route not in URGENT, u.reasons
    assert not u.danger


@pytest.mark.parametrize("text", [
    "my son's fitting and he's not stopping",
    "my daughter's been taken by a man in a white van",
])
def test_new_plain_words_emergencies(text):
    assert understand(text).route is Route.EMERGENCY


def test_a_son_fitting_a_kitchen_is_not_an_emergency():
    assert understand("my son is fitting a new kitchen").route is not Route.EMERGENCY


def test_an_everyday_question_is_not_sent_to_a_person_for_being_a_question():
    assert understand("what is the speed limit on the motorway").route is Route.SELF_SERVICE


PLAIN_EMERGENCIES = [
    "there were four bangs and it sounded like a gun",
    "there's blood everywhere",
    "a lorry has hit a car and it's on its side",
    "a kid has fallen in the canal",
    "someone's broken in while we're asleep",
    "a man has grabbed a child and put her in his car",
    "someone has taken my little girl",
    "a girl was pushed into a van screaming",
    "there's a fight with knives outside",
    "okay sir is he breathing no he's not",
    "a plane came down in the field behind my house",
    "we've just been robbed at gunpoint",
    "I've crashed my car and the other driver isn't moving",
    "my mum's collapsed in the garden",
    "my daughter swallowed a bottle of bleach",
    "he took a load of tablets and now he's drowsy",
    "someone threw acid in a woman's face",
    "he's got my daughter and he's driving off",
    "the lift is stuck with my kids inside",
    "i can smell gas and there's a fire",
    "my dad's heart has stopped",
    "she's fitting and won't stop",
    "a motorbike's gone into the back of a bus",
    "there's a car in the river",
    "a man just climbed through my window",
]


@pytest.mark.parametrize("text", PLAIN_EMERGENCIES)
def test_plain_words_emergencies_are_emergencies(text):
    u = understand(text)
    assert u.route is Route.EMERGENCY, u.reasons
    assert u.danger and all(d.text.lower() in text.lower() for d in u.danger)


@pytest.mark.parametrize("text", [
    "the car went into the garage for its MOT",
    "he's fitting a new kitchen",
    "there's a fire alarm going off in the flats next door",
    "I had two paracetamol for my headache",
])
def test_everyday_words_near_the_new_cues_are_not_emergencies(text):
    assert understand(text).route is not Route.EMERGENCY


@pytest.mark.parametrize(("text", "intent"), [
    ("hello police non emergency how can i help someone stole my bike from outside the shop",
     Intent.CRIME_REPORT),
    ("police how can i help my car was broken into last night", Intent.CRIME_REPORT),
])
def test_the_call_takers_words_do_not_decide_what_the_caller_wants(text, intent):
    u = understand(text)
    assert u.intent is intent and u.route is Route.AGENT


@pytest.mark.parametrize("text", [
    "police whats the address of your emergency my daughter is stuck like in the lift",
    "a man is trying to you know kick my door in",
    "the block of flats is burinng",  # a typo in a word no list names twice
    "a gang are betaing a man up outside",
    "he's strnagling her",
])
def test_speech_hedges_and_typos_do_not_hide_an_emergency(text):
    u = understand(text)
    assert u.route is Route.EMERGENCY, u.reasons
    assert u.danger[0].text in text  # the caller's own words


@pytest.mark.parametrize("text", [
    "My lanldord is keeping my deposit and says I damaged the carpet but it was like that when "
    "I moved in. My ex partner says I should take him to court. What can I do?",
    "My ex partner stopped paying child manitenance three months ago and the CMS aren't doing "
    "anything. I'm struggling to pay the bills.",
    "My brother borrowed 2000 from me and now refuses to pay it back, he says it was a gift. "
    "We've fallen out over it and my mum is stressed.",
    "Me and my ex are going through a divorce and she's trying to take the house. Her solicitor "
    "keeps sending threatening letters.",
    "I've been told to pay back an overpayment of housing benefits that was the council's "
    "mistake and they're threatening to take me to court",
    "The builder we paid 3000 to has disappeared half way through the job and won't return my "
    "calls. Can I get a refund?",
])
def test_a_civil_account_with_typos_or_hard_words_is_not_prioritised(text):
    u = understand(text)
    assert u.route not in URGENT, u.reasons
    assert u.intent in (Intent.NOT_POLICE_MATTER, Intent.GENERAL_ENQUIRY)


@pytest.mark.parametrize(("text", "vulnerability"), [
    ("My son has disappeared after school and isn't answering his phone",
     Vulnerability.MISSING_CHILD),
    ("My landlord keeps letting himself into my flat and last night he said if I complain "
     "again he'll make sure I regret it. I'm scared to be at home.", Vulnerability.THREAT_TO_LIFE),
    ("My lnadlord said he will only fix the boiler if I sleep with him.",
     Vulnerability.EXPLOITATION),
])
def test_a_civil_account_that_discloses_risk_is_still_prioritised(text, vulnerability):
    # the other side of the civil rule: missing a vulnerable caller is the worst error
    u = understand(text)
    assert vulnerability in u.vulnerabilities
    assert u.route in URGENT


# Heard through flite -> G.711 -> Whisper from sentences written for these tests.
@pytest.mark.parametrize("text", [
    "Someone's bin stepped outside the ship shop.",
    "He stepped her, she's on the floor.",
    "my brother got stamped outside the pub",
    "He's leaving really badly.",
    "there's a man leading heavily",
    "He's got a nice to her throat.",
    "She's over dose and she's barely breathing.",
])
def test_emergency_words_misheard_by_speech_recognition_are_still_emergencies(text):
    u = understand(text)
    assert u.route is Route.EMERGENCY, u.reasons


@pytest.mark.parametrize("text", [
    "my passport has been stamped",
    "he stamped my passport at the border",
    "the kids got tucked in at eight",
    "I stepped outside for a smoke",
    "my brother stepped down as captain",
    "she's leaving tomorrow morning",
    "Liverpool are leading by two goals",
    "nice to meet you",
    "the letter was stamped and posted",
    "he stepped on my toe",
])
def test_everyday_sentences_with_the_misheard_words_are_not_emergencies(text):
    assert understand(text).route is not Route.EMERGENCY


@pytest.mark.parametrize("text", [
    "how do I know if he's still breathing",
    "how do you do mouth to mouth",
    "how hard do I press on his chest",
    "what do I do my baby's choking",
    "a cyclist has just been knocked off by a lorry",
    "somebody's been knocked over and there's blood on the road",
    "he's just slashed someone's face with a blade",
    "my neighbour's lying at the bottom of the stairs not moving",
])
def test_plain_words_emergencies_written_after_this_rounds_first_changes(text):
    assert understand(text).route is Route.EMERGENCY


@pytest.mark.parametrize("text", [
    "the traffic is not moving",
    "he is not moving house after all",
    "I knocked over a vase",
    "the lad knocked over the bike",
    "he slashed my tyres last night",
    "the shop has slashed its prices",
    "I can see if the queue is still breathing",
])
def test_everyday_sentences_with_those_words_are_not_emergencies(text):
    assert understand(text).route is not Route.EMERGENCY
