"""What a call handler would notice: the right people reach a person, quickly, with reasons."""

from __future__ import annotations

import pytest

from synergy.contact.understanding import (
    Intent,
    Risk,
    Route,
    TextTooLong,
    Understanding,
    Vulnerability,
    understand,
)

# Indirect wording, written for these tests (not taken from training or held-out data).
INDIRECT = [
    (Vulnerability.DOMESTIC_ABUSE,
     "my boyfriend won't let me see my family and takes my wages off me"),
    (Vulnerability.SUICIDE_SELF_HARM, "honestly i don't want to be here any more"),
    (Vulnerability.MISSING_CHILD, "my 13 year old hasn't come home from school and it's gone nine"),
    (Vulnerability.MISSING_ADULT,
     "my husband, he's 52, hasn't come home and nobody has seen him since"),
    (Vulnerability.CHILD_AT_RISK, "my neighbour's little boy is out on his own at midnight again"),
    (Vulnerability.THREAT_TO_LIFE, "he said he'd make sure I never leave this house"),
    (Vulnerability.MENTAL_HEALTH_CRISIS,
     "my brother keeps saying people are watching him and he's hearing voices"),
    (Vulnerability.VULNERABLE_ADULT,
     "the old lady next door has dementia and her curtains have been shut for days"),
    (Vulnerability.SEXUAL_OFFENCE, "a man on the bus kept touching my leg and wouldn't stop"),
    (Vulnerability.HATE_CRIME, "they spat at my mum and told her to go back to her own country"),
    (Vulnerability.EXPLOITATION,
     "some older lads have moved into my cousin's flat and they deal from it"),
]


@pytest.mark.parametrize(("vulnerability", "text"), INDIRECT, ids=[v for v, _ in INDIRECT])
def test_each_vulnerability_is_found_from_indirect_wording(vulnerability, text):
    u = understand(text)
    assert vulnerability in u.vulnerabilities
    assert u.route in (Route.PRIORITY_AGENT, Route.EMERGENCY)
    assert u.risk in (Risk.HIGH, Risk.EMERGENCY)
    evidence = [e for e in u.evidence if e.vulnerability is vulnerability]
    # the caller's own words; a model's evidence may quote several pieces, joined by " … "
    assert evidence and all(
        e.text and all(part.lower() in text.lower() for part in e.text.split(" … "))
        for e in evidence
    )
    assert any(vulnerability.value in r for r in u.reasons)


def test_third_party_disclosure_is_treated_as_risk():
    u = understand("my neighbour's little boy is always covered in bruises and his dad hits him")
    assert Vulnerability.CHILD_AT_RISK in u.vulnerabilities
    assert u.route is Route.PRIORITY_AGENT


def test_denied_violence_raises_no_vulnerability_but_stays_with_a_person():
    u = understand("he never hit me, I just want to know how to get my stuff back from his flat")
    assert Vulnerability.DOMESTIC_ABUSE not in u.vulnerabilities
    assert u.route is not Route.SELF_SERVICE
    assert any("denied" in r for r in u.reasons)


def test_negation_does_not_hide_other_real_risk():
    u = understand("he never hit me but he controls all my money and I'm scared of him")
    assert Vulnerability.DOMESTIC_ABUSE in u.vulnerabilities
    assert u.route is Route.PRIORITY_AGENT


def test_emphatic_correction_is_not_read_as_a_denial():
    corrected = understand("no, he did hit me, last night")
    assert Vulnerability.DOMESTIC_ABUSE in corrected.vulnerabilities


def test_a_past_crime_is_a_report_not_an_emergency():
    u = understand("I was burgled last year and never got a crime number")
    assert u.intent is not Intent.EMERGENCY
    assert u.risk is Risk.STANDARD
    assert not u.vulnerabilities


def test_danger_now_is_an_emergency():
    u = understand("he's outside my door right now with a knife")
    assert u.risk is Risk.EMERGENCY and u.route is Route.EMERGENCY
    assert u.intent is Intent.EMERGENCY
    assert any("999" in r for r in u.reasons)


def test_late_disclosure_in_a_later_turn_is_caught():
    first = understand("hi, I'm ringing about a parking ticket")
    assert not first.vulnerabilities
    later = understand("actually it's my husband, he's been hitting me", history=[
        "hi, I'm ringing about a parking ticket",
    ])
    assert Vulnerability.DOMESTIC_ABUSE in later.vulnerabilities
    assert later.intent is Intent.DOMESTIC_ABUSE


def test_risk_from_an_earlier_turn_persists():
    u = understand("anyway, can you tell me when the front counter opens?", history=[
        "i don't want to be alive any more",
    ])
    assert Vulnerability.SUICIDE_SELF_HARM in u.vulnerabilities
    assert u.route is Route.PRIORITY_AGENT


def test_repetition_does_not_change_the_answer_or_duplicate_evidence():
    once = understand("my son is missing")
    many = understand(" ".join(["my son is missing"] * 20))
    assert many.vulnerabilities == once.vulnerabilities
    assert len(many.evidence) == len({(e.vulnerability, e.text.lower()) for e in many.evidence})


def test_speech_recognition_style_text_is_understood():
    u = understand("um my ex keeps turnin up at me house and he said hes gonna kill me")
    assert {Vulnerability.DOMESTIC_ABUSE, Vulnerability.THREAT_TO_LIFE} <= set(u.vulnerabilities)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I lost my wallet on the number 50 bus this morning", Intent.LOST_FOUND_PROPERTY),
        ("can I get an update on my crime reference please", Intent.UPDATE_EXISTING),
        ("the kids next door play loud music every night", Intent.ANTISOCIAL_BEHAVIOUR),
        ("someone took money out of my account that I didn't spend", Intent.FRAUD_SCAM),
    ],
)
def test_everyday_calls_get_the_right_intent_and_no_priority(text, expected):
    u = understand(text)
    assert u.intent is expected
    assert u.route in (Route.SELF_SERVICE, Route.AGENT)
    assert 0.0 <= u.intent_confidence <= 1.0


def test_rubbish_dumped_in_the_street_is_not_an_emergency():
    u = understand("there's a load of rubbish dumped in the street")
    assert u.intent is Intent.NOT_POLICE_MATTER
    assert u.risk is Risk.STANDARD
    assert u.route is Route.SELF_SERVICE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("he gets a bit handy when he's had a drink", Vulnerability.DOMESTIC_ABUSE),
        ("I've been stockpiling my tablets", Vulnerability.SUICIDE_SELF_HARM),
        ("she's not been home since Tuesday and she's only 13", Vulnerability.MISSING_CHILD),
    ],
)
def test_understated_disclosures_are_prioritised(text, expected):
    u = understand(text)
    assert expected in u.vulnerabilities
    assert u.route in (Route.PRIORITY_AGENT, Route.EMERGENCY)


def test_the_model_does_not_contradict_the_rules_on_a_missing_childs_age():
    u = understand("she's not been home since Tuesday and she's only 13")
    assert Vulnerability.MISSING_ADULT not in u.vulnerabilities


def test_a_weak_model_guess_on_an_unclear_call_raises_no_vulnerability():
    u = understand("hi, I'm ringing about a parking ticket")
    assert u.intent_confidence < 0.45
    assert not u.vulnerabilities
    assert not any("statistical model" in e.rule for e in u.evidence)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Dzień dobry, proszę o pomoc, mój mąż mnie bije", "pl"),
        ("میرا بیٹا گھر نہیں آیا، مجھے مدد چاہیے", "ur"),
        ("ਮੇਰੀ ਧੀ ਘਰ ਨਹੀਂ ਆਈ", "pa"),
        ("أرجوك ساعدني زوجي يضربني", "ar"),
        ("Bună ziua, vă rog, am nevoie de ajutor acasă", "ro"),
        ("আমার ছেলে হারিয়ে গেছে", "bn"),
        ("mujhe madad chahiye mera shohar mujhe marta hai", "ur"),
    ],
)
def test_non_english_callers_go_to_a_person_with_a_language_note(text, language):
    u = understand(text)
    assert u.language == language
    assert u.route in (Route.PRIORITY_AGENT, Route.EMERGENCY)
    assert any(language in r for r in u.reasons)


def test_english_mentioning_another_language_stays_english():
    assert understand("my mum is Polish and her car was stolen last night").language is None


def test_entities_are_extracted():
    u = understand(
        "My name is Sarah Jones, I live at 14 Moseley Road b5 4tr, call me on 07700 900123 "
        "or 0121 626 5000. It happened last night at 11pm."
    )
    assert u.entities.postcodes == ("B5 4TR",)
    assert u.entities.phones == ("07700900123", "01216265000")
    assert "14 Moseley Road" in u.entities.addresses
    assert "last night" in u.entities.dates and "11pm" in u.entities.dates
    assert "Sarah Jones" in u.entities.names


def test_spoken_phone_numbers_are_extracted():
    u = understand("my number is oh seven seven double oh nine double oh one two three")
    assert u.entities.phones == ("07700900123",)


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01\x02", "🙂🙂🙂", "?!?!"])
def test_empty_or_meaningless_input_goes_to_a_person(text):
    u = understand(text)
    assert isinstance(u, Understanding)
    assert u.route in (Route.AGENT, Route.PRIORITY_AGENT)
    assert not u.vulnerabilities


def test_too_long_input_is_a_clear_error():
    with pytest.raises(TextTooLong) as caught:
        understand("help " * 2000)
    assert caught.value.limit == 5000
    assert "5000" in caught.value.message


def test_non_string_input_is_a_type_error():
    with pytest.raises(TypeError):
        understand(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        understand("hello", history="not a list")  # type: ignore[arg-type]


def test_a_risk_the_model_doubts_keeps_an_everyday_call_with_a_person():
    from synergy.contact.understanding.policy import decide

    risk, route, reasons = decide(Intent.LOST_FOUND_PROPERTY, 0.9, (), danger=False,
                                  language=None, negated=False,
                                  doubts=(Vulnerability.DOMESTIC_ABUSE,))
    assert (risk, route) == (Risk.STANDARD, Route.AGENT)
    assert any("not sure" in r and "domestic_abuse" in r for r in reasons)
    assert decide(Intent.LOST_FOUND_PROPERTY, 0.9, (), danger=False, language=None,
                  negated=False)[1] is Route.SELF_SERVICE


# The commonest openings name only the kind of report; the model, taught on callers who say
# what happened, is least sure of exactly these.
STATED = [
    ("I want to report a crime", Intent.CRIME_REPORT),
    ("I need to report a theft", Intent.CRIME_REPORT),
    ("hi, I'd like to report a burglary please", Intent.CRIME_REPORT),
    ("I'm calling to report a stolen bike", Intent.CRIME_REPORT),
    ("I would like to report a scam", Intent.FRAUD_SCAM),
    ("can I report antisocial behaviour", Intent.ANTISOCIAL_BEHAVIOUR),
]


@pytest.mark.parametrize(("text", "intent"), STATED)
def test_a_plainly_stated_request_is_understood(text: str, intent: Intent) -> None:
    result = understand(text)
    assert result.intent is intent
    assert result.route is not Route.EMERGENCY and not result.vulnerabilities


def test_a_stated_request_does_not_hide_a_disclosure_or_danger() -> None:
    disclosed = understand("I want to report a crime, my husband hit me last night")
    assert Vulnerability.DOMESTIC_ABUSE in disclosed.vulnerabilities
    assert disclosed.route is Route.PRIORITY_AGENT
    happening = understand("I want to report a burglary, they are still in the house")
    assert happening.route is Route.EMERGENCY


def test_asking_about_an_earlier_report_is_still_an_update() -> None:
    result = understand("can I get an update on the burglary I reported")
    assert result.intent is Intent.UPDATE_EXISTING


def test_someone_still_in_hospital_is_not_danger_now() -> None:
    assert understand("my dad is still in hospital").route is not Route.EMERGENCY


PLAIN_EMERGENCIES = [
    "someone has been shot",
    "i can hear gunfire outside",
    "my child is dying",
    "my baby isnt breathing",
    "a plane has crashed into a building",
    "the flats across the road are on fire",
    "people are trapped in the car",
    "someone just dragged a girl into a white van",
    "theres a man in my bedroom",
    "911 whats the address of your emergency my dad collapsed he is not breathing",
    "okay is he breathing no hes not breathing were doing cpr",
    "we need an ambulance my son fell and hes bleeding a lot",
    "I found my son hanging",
    "my dad fell down the stairs and hes not moving",
    "a man just hit a woman with a brick",
    "a man is threatening to jump off the multi storey car park",
]


@pytest.mark.parametrize("text", PLAIN_EMERGENCIES)
def test_plain_words_emergencies_go_to_the_emergency_route_with_the_words_shown(text):
    u = understand(text)
    assert u.route is Route.EMERGENCY and u.risk is Risk.EMERGENCY
    assert u.danger and all(d.text.lower() in text.lower() for d in u.danger)


@pytest.mark.parametrize("text", [
    "my mum is uncosncious on the kitchen floor",  # a slip of the fingers
    "the guy next door has just stbabed his wife",
    "someone just dragged a girl into a white erm van",  # a filler inside the words
])
def test_a_typo_or_filler_does_not_hide_an_emergency(text):
    u = understand(text)
    assert u.route is Route.EMERGENCY
    assert u.danger[0].text in text  # the caller's spelling, not the corrected one


@pytest.mark.parametrize("text", [
    "my brother was stabbed last year and the trial is next month",
    "what teams are playing right now",
    "where is the nearest shooting range",
    "my son is not moving out until next year",
    "he hit the wall with a hammer when he was angry",
    "I found my keys hanging on the door",
])
def test_past_events_and_everyday_now_are_not_emergencies(text):
    assert understand(text).route is not Route.EMERGENCY


def test_every_urgent_route_names_its_evidence():
    texts = [*PLAIN_EMERGENCIES, "my husband hit me last night", "I was robbed",
             "I have been off work with stress and my employer has stopped my sick pay",
             "does cutting down the rain forest really add to global warming"]
    for text in texts:
        u = understand(text)
        if u.route is Route.EMERGENCY:
            assert u.danger and all(d.text for d in u.danger), text
        if u.route is Route.PRIORITY_AGENT:
            named = [e.text for e in u.evidence] or [r for r in u.reasons if "words '" in r]
            assert named and all(named), text


def test_a_score_carried_by_function_words_is_not_evidence():
    u = understand("I was robbed")
    assert Vulnerability.SEXUAL_OFFENCE not in u.vulnerabilities
    assert u.route in (Route.AGENT, Route.SELF_SERVICE)


@pytest.mark.parametrize("text", [
    "My landlord is refusing to give back my deposit. We moved out three weeks ago and he says "
    "the carpets were damaged and he's keeping all of it. What can I do?",
    "I'm behind on my council tax and now I've had a letter saying bailiffs will come round if "
    "I don't pay in 14 days.",
    "I have been off work with stress and my employer has stopped my sick pay, can they do that?",
])
def test_a_civil_dispute_without_risk_is_not_a_police_matter(text):
    u = understand(text)
    assert u.intent in (Intent.NOT_POLICE_MATTER, Intent.GENERAL_ENQUIRY)
    assert u.route in (Route.SELF_SERVICE, Route.AGENT) and not u.vulnerabilities


def test_a_civil_dispute_that_discloses_risk_is_still_prioritised():
    u = understand("my landlord keeps my deposit and last night he said he would kill me")
    assert Vulnerability.THREAT_TO_LIFE in u.vulnerabilities
    assert u.route in (Route.PRIORITY_AGENT, Route.EMERGENCY)


@pytest.mark.parametrize("text", [
    "any update on 20/123456/26?",
    "update on crime 20/123456/26 please",
    "just chasing crime number 20 98765 26",
    "log 567 of yesterday, any progress?",
    "I'm still waiting for a call back about my report, reference WMP-20-44556-26",
    "I reporetd my car being broken into, any news",
])
def test_update_requests_are_recognised_in_any_phrasing(text):
    u = understand(text)
    assert u.intent is Intent.UPDATE_EXISTING
    assert u.route is Route.SELF_SERVICE


@pytest.mark.parametrize("text", [
    "can you tell me if the lad who smashed my windscreen in May was ever charged",
    "has anyone been arrested for the theft from my van yet",
    "was he cautioned in the end for the graffiti",
])
def test_asking_what_became_of_the_person_reported_is_an_update(text):
    u = understand(text)
    assert u.intent is Intent.UPDATE_EXISTING, u.reasons


def test_the_callers_own_arrest_is_not_an_update_request():
    from synergy.contact.understanding.normalise import match_form
    from synergy.contact.understanding.requests import update_request

    assert update_request(match_form("I was arrested last night, can I get my phone back")) is None
    assert update_request(match_form("was he arrested?")) == "was he arrested"


def test_an_update_request_does_not_hide_a_disclosure():
    u = understand("any update on 20/123456/26, he's been hitting me again")
    assert Vulnerability.DOMESTIC_ABUSE in u.vulnerabilities
    assert u.route in (Route.PRIORITY_AGENT, Route.EMERGENCY)


def test_a_welfare_reading_without_words_goes_to_a_person_in_the_normal_queue():
    from synergy.contact.understanding.policy import decide

    risk, route, _ = decide(Intent.CONCERN_FOR_WELFARE, 0.3, (), danger=False,
                                  language=None, negated=False)
    assert (risk, route) == (Risk.STANDARD, Route.AGENT)
    risk, route, _ = decide(Intent.CONCERN_FOR_WELFARE, 0.7, (), danger=False, language=None,
                            negated=False, reading="sat by the railway line")
    assert (risk, route) == (Risk.HIGH, Route.PRIORITY_AGENT)
    _, route, _ = decide(Intent.EMERGENCY, 0.5, (), danger=False, language=None, negated=False)
    assert route is Route.AGENT


def test_a_low_confidence_welfare_reading_goes_to_the_normal_queue_even_with_words():
    from synergy.contact.understanding.policy import decide

    risk, route, reasons = decide(Intent.CONCERN_FOR_WELFARE, 0.2, (), danger=False,
                                  language=None, negated=False, reading="and walked")
    assert (risk, route) == (Risk.STANDARD, Route.AGENT)
    assert any("'and walked'" in r and "guess" in r for r in reasons)
    u = understand("I stamped my foot on the ground and walked off")
    assert u.route is Route.AGENT, u.reasons


@pytest.mark.parametrize("text", [
    "my brother sent me a strange message saying sorry for everything and now his phone is off",
    "my mum has dementia and she's gone out and I can't find her",
    "my friend's boyfriend checks her phone and she's scared to go home",
])
def test_a_welfare_concern_with_words_to_show_is_still_prioritised(text):
    assert understand(text).route in (Route.PRIORITY_AGENT, Route.EMERGENCY)


def test_one_conversation_is_put_in_match_form_once():
    from synergy.contact.understanding.normalise import match_form

    text = "my neighbour's been shouting all night " * 40
    assert match_form(text) is match_form(text)


def test_a_long_typed_message_ending_in_another_script_is_still_read_to_the_end():
    from synergy.contact.understanding.language import detect_language

    text = "I have been thinking about what happened last summer. " * 60
    assert detect_language(text) is None
    assert detect_language(text + " Мені потрібна допомога, він мене б'є") == "uk"
    u = understand(text + " and tonight he said he would kill me")
    assert u.route in (Route.PRIORITY_AGENT, Route.EMERGENCY)


@pytest.mark.parametrize("text", [
    "my cat hasn't come home for two days",
    "our dog has gone missing",
])
def test_a_missing_pet_is_not_a_missing_person(text):
    u = understand(text)
    assert u.route not in (Route.PRIORITY_AGENT, Route.EMERGENCY), u.reasons
    assert not set(u.vulnerabilities) & {Vulnerability.MISSING_CHILD, Vulnerability.MISSING_ADULT}


@pytest.mark.parametrize("text", [
    "my dog and my son are missing",
    "my daughter went out to walk the dog and hasn't come back",
    "the old man who walks his dog every day hasn't been seen for a week",
])
def test_a_missing_person_with_a_pet_in_the_story_is_still_missing(text):
    assert understand(text).route in (Route.PRIORITY_AGENT, Route.EMERGENCY)


def test_in_the_end_before_a_new_sentence_is_not_a_threat():
    u = understand("I rang last week about the lads on the bikes, did anybody go round in the end? "
                   "you said a PCSO would visit")
    assert u.route not in (Route.PRIORITY_AGENT, Route.EMERGENCY), u.reasons
    assert Vulnerability.THREAT_TO_LIFE in understand("he said he'll end you if you call the "
                                                      "police").vulnerabilities


def test_a_landlord_heard_as_two_words_is_still_a_civil_matter():
    import re

    from synergy.contact.understanding.normalise import match_form
    from synergy.contact.understanding.vocabulary.civil import TOPICS

    assert re.search(TOPICS, match_form("the land, Lord won't give us the deposit back").text)
