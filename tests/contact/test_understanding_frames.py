"""Emergencies read as frames (who, and what is happening to them), everyday idioms made of
emergency words, and the words speech recognition mishears. Every sentence here was written
for these tests; none is taken from an evaluation set."""

from __future__ import annotations

import pytest

from synergy.contact.understanding import Route, understand

URGENT = (Route.EMERGENCY, Route.PRIORITY_AGENT)


def _assert_emergency_in_callers_words(text: str) -> None:
    u = understand(text)
    assert u.route is Route.EMERGENCY, u.reasons
    assert u.danger, u.reasons
    for cue in u.danger:
        assert cue.text.lower() in text.lower()  # the caller's own words, not a paraphrase


@pytest.mark.parametrize("text", [
    "my uncle's been knifed in the stomach",
    "a lad's just been bottled outside the Wetherspoons",
    "I've been jumped by four lads outside the station",
    "he's gone and shanked my cousin",
    "they're leathering some kid in the underpass",
    "my son's been cut really bad on his face",
])
def test_harm_done_to_someone_in_any_words_is_an_emergency(text):
    _assert_emergency_in_callers_words(text)


@pytest.mark.parametrize("text", [
    "a bloke is waving a machete about on the bus",
    "there's a fella outside the Co-op with a zombie knife",
    "he's got his hands round her throat",
])
def test_a_weapon_in_hand_now_is_an_emergency(text):
    _assert_emergency_in_callers_words(text)


@pytest.mark.parametrize("text", [
    "my wife has gone all floppy and grey",
    "my dad's lips have gone blue",
    "I can't rouse my grandad",
    "my son's breathing is really shallow",
    "my brother is bleeding out in the car",
    "she's necked a whole box of paracetamol",
    "my husband's slumped over the steering wheel",
])
def test_a_person_in_a_bad_state_is_an_emergency(text):
    _assert_emergency_in_callers_words(text)


@pytest.mark.parametrize("text", [
    "the shed's gone up and it's right next to the house",
    "the whole block is ablaze",
    "there's been a nasty smash at the junction",
    "a lorry has ploughed into the queue at the bus stop",
    "a man's pinned under his car on the drive",
    "someone's kicked my front door in",
    "I can't find my 3 year old in the shopping centre",
    "a staffy is mauling a little boy on the green",
    "he's stood on the bridge saying he's going to jump",
])
def test_fire_crash_trapped_intruder_child_and_dog_frames_are_emergencies(text):
    _assert_emergency_in_callers_words(text)


@pytest.mark.parametrize("text", [
    "the kids are bleeding me dry",
    "I'm drowning in paperwork since the move",
    "I'm dying for a cuppa, how long is the wait",
    "I got shot down by the council about my planning",
    "we were stabbed in the back by the estate agent",
    "the lads' fireworks sound like gunshots every night",
    "my car's stuck in the car park because the barrier is broken",
    "my phone died on me halfway through",
    "the house has gone up in value",
    "he's fitting a new bathroom for us",
    "alight at the next stop for the police station",
    "my hours have been cut at work",
    "the company has gone under and owes me wages",
    "my boss is going to kill me when he sees the dent in the van",
])
def test_everyday_idioms_made_of_emergency_words_are_not_emergencies(text):
    u = understand(text)
    assert u.route is not Route.EMERGENCY, u.reasons
    assert not u.danger


@pytest.mark.parametrize("text", [
    "my friend's been shop outside the club",
    "he's bin shut in the chest",
    "she's not breeding",
    "he's got a nice and he's waving it at people",
])
def test_shot_stabbed_breathing_and_knife_misheard_are_still_emergencies(text):
    _assert_emergency_in_callers_words(text)


@pytest.mark.parametrize("text", [
    "I've been to the shop",
    "he's been shopping all day",
    "the shop's been shut all week",
    "she's been short with me since Christmas",
    "my account has been shut by the bank",
    "I've been short changed at the till",
    "have a nice day",
    "he's got a nice car",
])
def test_the_everyday_sense_of_the_misheard_words_is_not_an_emergency(text):
    assert understand(text).route is not Route.EMERGENCY


@pytest.mark.parametrize("text", [
    "My manager sacked me by text after six years and I never got my holiday pay, can I take "
    "them to a tribunal or is that something you deal with?",
    "The hedge from next door is overhanging my drive so badly I can't open the car door, he "
    "won't cut it and says it's my problem, I'm at the end of my patience with him.",
    "The family court gave me every other weekend with my daughter but her mum keeps making "
    "excuses, she says it's not convenient and I'm going out of my mind.",
    "My gas bill has doubled and the supplier keeps chasing me for money I don't owe, they've "
    "threatened to send a debt collector round.",
])
def test_a_long_civil_account_in_new_words_is_not_prioritised(text):
    u = understand(text)
    assert u.route not in URGENT, u.reasons
    assert not u.danger


@pytest.mark.parametrize("text", [
    "my ex keeps breaking the contact order and last night he punched me in the face",
    "my landlord said he'd keep my deposit, then he grabbed me by the throat",
])
def test_a_civil_account_that_discloses_harm_is_still_prioritised(text):
    u = understand(text)
    assert u.route in URGENT, u.reasons
    assert u.evidence
    for e in u.evidence:  # the caller's words, a model's quote in pieces joined by " … "
        assert all(piece.lower() in text.lower() for piece in e.text.split(" … "))


@pytest.mark.parametrize("text", [
    "my little girl has fallen off the balcony",
    "there's an old man walking along the hard shoulder of the M5",
    "he's aiming his van at people outside the mosque",
    "there's an unattended rucksack on the platform and it's beeping",
    "he's holding my sister hostage in the kitchen",
    "she's thrown a kettle of boiling water over him",
    "there's a man slumped on the bench with a needle in his arm",
    "my baby's not moving in her cot",
])
def test_falls_roads_vehicles_packages_hostages_and_burns_are_emergencies(text):
    _assert_emergency_in_callers_words(text)


@pytest.mark.parametrize("text", [
    "my printer's having a fit, can I email my statement",
    "the extractor fan is dead and the landlord won't fix it",
    "my son is cooking the tea",
    "my flight was alright, I just want to report my suitcase stolen",
    "the kids threw a ball at the window, no harm done",
    "is the road safety officer in today",
])
def test_everyday_words_near_the_new_frames_are_not_emergencies(text):
    u = understand(text)
    assert u.route is not Route.EMERGENCY, u.reasons
    assert not u.danger
