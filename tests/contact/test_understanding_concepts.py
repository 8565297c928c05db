"""Emergencies read from concepts rather than sentences (round 4 of issue 11): any vehicle
driven into any group of people, anything built falling on people, a person in open water, a
head struck with anything swung, a fight with weapons and someone down, a firebomb, and
slang spellings ("stabbin"). Beside each, everyday sentences with the same words that must
stay everyday. Every sentence here was written for these tests; none is taken from an
evaluation set."""

from __future__ import annotations

import pytest

from synergy.contact.understanding import Intent, Route, understand

URGENT = (Route.EMERGENCY, Route.PRIORITY_AGENT)


def _assert_emergency_in_callers_words(text: str) -> None:
    u = understand(text)
    assert u.route is Route.EMERGENCY, u.reasons
    assert u.danger, u.reasons
    for cue in u.danger:
        assert cue.text.lower() in text.lower()  # the caller's own words, not a paraphrase


def _assert_not_an_emergency(text: str) -> None:
    u = understand(text)
    assert u.route is not Route.EMERGENCY, u.reasons
    assert not u.danger, u.reasons


@pytest.mark.parametrize("text", [
    "a taxi has just gone into a queue of people outside the club",
    "the lorry ploughed straight into some pensioners at the crossing",
    "a van's been driven into the school kids waiting at the gate",
])
def test_any_vehicle_into_any_group_of_people_is_an_emergency(text):
    _assert_emergency_in_callers_words(text)


@pytest.mark.parametrize("text", [
    "a car ran into my mate's van in the car park, can I get the driver's details",
    "the bus went into the back of a taxi on the ring road, no one hurt",
])
def test_a_vehicle_into_something_owned_by_people_is_not_an_emergency(text):
    _assert_not_an_emergency(text)


@pytest.mark.parametrize("text", [
    "the garage roof has caved in and my dad is underneath it",
    "a wall's come down on two lads on the building site",
    "there's workers buried under the rubble where the old mill was",
])
def test_something_fallen_on_people_is_an_emergency(text):
    _assert_emergency_in_callers_words(text)


@pytest.mark.parametrize("text", [
    "the people underneath us have their music on all night",
    "our fence came down in the wind and the neighbour won't pay half",
])
def test_people_below_or_a_fallen_fence_are_not_emergencies(text):
    _assert_not_an_emergency(text)


@pytest.mark.parametrize("text", [
    "there's a lad in the river by the weir",
    "my nan's slipped into the canal",
])
def test_a_person_in_open_water_is_an_emergency(text):
    _assert_emergency_in_callers_words(text)


@pytest.mark.parametrize("text", [
    "we were in the river fishing and someone took our rods from the bank",
    "the lads on the canal boat next door play music till 3am",
    "my son's in the sea cadets and wants to join the police",
])
def test_fishing_boats_and_cadets_are_not_people_in_the_water(text):
    _assert_not_an_emergency(text)


@pytest.mark.parametrize("text", [
    "some fella's smashed a glass over my brother's head",
    "she's been whacked round the head with a hammer",
    "my cousin got hit over the head with a bottle and he's spark out",
])
def test_a_head_struck_with_anything_swung_is_an_emergency(text):
    _assert_emergency_in_callers_words(text)


@pytest.mark.parametrize("text", [
    "she hit the roof when she saw the bill",
    "I smashed a plate on the floor when I dropped it",
    "the kids were play fighting with sticks in the garden",
])
def test_striking_and_fighting_words_in_everyday_sense_are_not_emergencies(text):
    _assert_not_an_emergency(text)


@pytest.mark.parametrize("text", [
    "there's a mass brawl with golf clubs in the car park",
    "it's all kicked off outside the chippy and someone's down",
    "a gang of lads tooled up on the estate",
    "someone's chucked a molotov at the shop",
])
def test_fights_with_weapons_someone_down_and_firebombs_are_emergencies(text):
    _assert_emergency_in_callers_words(text)


@pytest.mark.parametrize("text", [
    "my baby's just gone down for a nap, can I report a stolen bike",
    "he's down the pub every night and I want advice about money he owes me",
])
def test_gone_down_for_a_nap_or_down_the_pub_is_not_someone_down(text):
    _assert_not_an_emergency(text)


@pytest.mark.parametrize("text", [
    "some guy is stabbin people at the bus station",
    "he's not breathin and his lips are blue",
    "there's a man shootin at cars on the bypass",
])
def test_a_dropped_g_does_not_hide_an_emergency(text):
    _assert_emergency_in_callers_words(text)


def test_bleedin_as_an_oath_is_not_bleeding():
    _assert_not_an_emergency("the bleedin neighbours have blocked my drive again")


@pytest.mark.parametrize("text", [
    "my nephew's got into my blood pressure tablets, he's three, and he's gone very drowsy",
    "there's a dog hanging off the postman's arm and it won't let go",
    "two vans have hit head on and one's ended up on its roof",
    "the window cleaner's gone off his ladder and he can't feel his legs",
    "there's a lad sat on the train tracks by the level crossing",
    "he's keeping her in the flat against her will",
    "she's poured lighter fluid over herself and she's got matches",
    "a gang set about him and he's lying in the car park",
    "I can hear a woman screaming and thuds coming from upstairs",
    "someone's pushed a lit rag through the letterbox",
    "my dad's gone through the ice on the pond",
    "he took something at the party and his eyes keep rolling back",
])
def test_concepts_from_this_rounds_batch_in_other_words_are_emergencies(text):
    _assert_emergency_in_callers_words(text)


@pytest.mark.parametrize("text", [
    "our dog sleeps on my mum's lap every evening, can I report a lost collar",
    "the kids next door are always screaming and banging about, every night",
    "I put petrol in my diesel car by mistake, who do I ring",
    "the ladder was stolen from the side of the house last week",
])
def test_the_same_words_in_everyday_calls_are_not_emergencies(text):
    _assert_not_an_emergency(text)


@pytest.mark.parametrize("text", [
    "a speed camera flashed me on the ring road, can I see the picture",
    "we're having a murder mystery party with nerf guns, is that alright",
    "the van that hit my car had a ladder on the roof",
    "the boiler exploded on Saturday night, nobody was hurt, and the landlord won't fix it",
    "my daughter didn't get a school place at our first choice, can we appeal",
    "I got a parking charge notice at the hospital while my dad was in for his operation",
])
def test_everyday_and_civil_calls_with_alarming_words_are_not_prioritised(text):
    u = understand(text)
    assert u.route not in URGENT, u.reasons
    assert not u.danger


@pytest.mark.parametrize("text", [
    "I found an old air rifle in my late dad's shed, how do I hand it in?",
    "my nephew wants to join the police at 50, is there an age limit",
])
def test_a_question_about_a_police_service_reaches_a_person_at_most(text):
    u = understand(text)
    assert u.route not in URGENT, u.reasons


@pytest.mark.parametrize("text", [
    "how do I get someone to check on my mum, she hasn't answered her phone for three days",
    "who do I ring, my friend says she's going to take all her tablets tonight",
])
def test_a_question_that_discloses_risk_is_still_prioritised(text):
    u = understand(text)
    assert u.route in URGENT, u.reasons
    assert u.evidence or u.danger or any("ahead of the queue" in r for r in u.reasons)


@pytest.mark.parametrize("text", [
    "I rang about the graffiti, incident 77 of 9th June, just checking whether anyone came out",
    "log 5 of 2nd March, is it still open or has it been closed?",
    "crime number 44712, can I talk to whoever's dealing with it",
])
def test_update_requests_in_other_words_are_read_as_updates(text):
    u = understand(text)
    assert u.intent is Intent.UPDATE_EXISTING, u.reasons
    assert u.route not in URGENT


@pytest.mark.parametrize("text", [
    "a man is sat on the outside of the railings on the bridge saying he is going to let go",
    "a car's ploughed into people at the bus stop",
    "the knife's gone in his side and he's pouring blood",
    "my son has cut his wrist and it won't stop",
    "two men bundled my sister into the back of a car",
    "women screaming in the house opposite and a man shouting he'll kill her",
    "I've been shaking him and nothing, he's not waking",
    "he's had his tablets and now he's slurring and floppy",
    "there was a massive bang and the windows have blown out",
    "a man's got a gun in the post office and he's making everyone get on the floor",
    "someone's trying the back door and I'm on my own with the kids",
])
def test_emergencies_as_speech_recognition_leaves_them_are_still_emergencies(text):
    _assert_emergency_in_callers_words(text)


@pytest.mark.parametrize("text", [
    "my son is on the train to Leeds and his phone is off, can I report it lost",
    "youths are climbing on the roof of the garage again",
    "he was shaking his head and laughing at me in the shop",
])
def test_trains_roofs_and_shaking_heads_are_everyday(text):
    _assert_not_an_emergency(text)


def test_my_mum_on_the_line_is_a_phone_call():
    _assert_not_an_emergency("my mum is on the line too, she wants to report her bike stolen")


@pytest.mark.parametrize("text", [
    "how can I stop feeling like this, I cry every night and I can't see the point any more",
    "who do I call, my brother keeps saying he wants to hurt himself",
])
def test_a_question_in_distress_is_not_a_question_about_a_service(text):
    u = understand(text)
    assert u.route in URGENT, u.reasons


@pytest.mark.parametrize("text", [
    "there's a man in the river every morning swimming, is that allowed",
    "my car was hit by a bus and the driver drove off, nobody was hurt",
    "the lads next door are always fighting with sticks and being noisy",
])
def test_a_habit_or_a_collision_that_hurt_no_one_is_not_an_emergency(text):
    _assert_not_an_emergency(text)


@pytest.mark.parametrize("text", [
    "my mum got into my pills cupboard to tidy it",
    "our kid's team got thrashed, they were getting battered all game",
    "my nephew's in the sea scouts",
])
def test_a_cupboard_a_match_and_the_scouts_are_not_emergencies(text):
    _assert_not_an_emergency(text)


@pytest.mark.parametrize("text", [
    "there was a big bang and the windows rattled, I think it was a car backfiring",
    "the dog is on my lap and won't let go of his toy",
    "the lads are tooled up for the match, just saying",
    "my mum's down and not herself since dad died, is there a helpline",
    "someone's been keeping my post against my will, the landlord opens it",
    "the woman next door was screaming at her kids to stop it and get in the car",
    "my son is in the water polo team",
])
def test_everyday_senses_of_the_new_frames_words_are_not_emergencies(text):
    _assert_not_an_emergency(text)


def test_harm_to_several_people_counted_is_an_emergency():
    _assert_emergency_in_callers_words("he's stabbing two lads by the bins")


def test_a_photographer_who_shoots_people_is_not_an_emergency():
    _assert_not_an_emergency("she shoots people for a living, she's a photographer")


@pytest.mark.parametrize("text", [
    "he's swung a machete at my brother's head",
    "there's blood pissing out his leg",
    "my dad's having chest pains and he's sweating buckets",
    "a man's threatening people with a screwdriver in the shop",
    "a guy's hit my wife with his car and driven off, she's on the floor",
    "the canal boat is sinking and there's a family on it",
])
def test_more_emergencies_written_to_probe_the_frames_are_emergencies(text):
    _assert_emergency_in_callers_words(text)


@pytest.mark.parametrize("text", [
    "I had chest pains last year and the doctor said it was stress",
    "my car has sunk in the mud at the festival car park",
    "the council are threatening us with a fine",
])
def test_their_everyday_neighbours_are_not_emergencies(text):
    _assert_not_an_emergency(text)


@pytest.mark.parametrize("text", [
    "my wife just went down in the kitchen and she's making this horrible noise",
    "there's a toddler on the window ledge of the third floor flat",
    "someone's broke in and they're upstairs now, I can hear them",
    "the old boy next door has fallen and he's been on the floor since last night",
    "a gang are battering a lad with hammers outside the shop",
    "she's put her head in the oven",
])
def test_a_third_round_of_probing_emergencies_are_emergencies(text):
    _assert_emergency_in_callers_words(text)


@pytest.mark.parametrize("text", [
    "my son shot up three inches this year, can he join the cadets",
    "the price went down in the shop",
    "my kids are always on the roof of the shed, is that dangerous",
    "I'm making a funny noise when I breathe, is that a police matter lol",
    "someone broke in last week and took my bike",
])
def test_and_their_everyday_neighbours_are_not(text):
    _assert_not_an_emergency(text)


@pytest.mark.parametrize("text", [
    "a man has climbed the crane on the building site and says he's going to throw himself off",
    "the neighbour's kid is hanging out of the upstairs window screaming",
    "there are kids on the ice on the lake and it's cracking",
])
def test_a_fourth_round_of_probing_emergencies_are_emergencies(text):
    _assert_emergency_in_callers_words(text)


@pytest.mark.parametrize("text", [
    "my daughter's drowning in coursework, how do work experience placements work",
    "the washing is hanging out of the window to dry",
])
def test_drowning_in_anything_but_water_is_an_idiom(text):
    _assert_not_an_emergency(text)


def test_an_old_person_fallen_and_unable_to_get_up_is_prioritised_as_the_evaluation_sets_label_it():
    u = understand("my nan's fallen in the bath and can't get out and she's freezing")
    assert u.route in URGENT, u.reasons


def test_i_think_my_neighbours_dead_is_an_emergency_and_my_phones_dead_is_not():
    _assert_emergency_in_callers_words("I think my neighbour's dead, he's not answered for a week")
    _assert_not_an_emergency("I think my phone's dead, can I report it lost")


def test_being_chased_by_a_debt_collector_is_not_being_chased_by_people_now():
    _assert_not_an_emergency("I'm being chased by a debt collector for a loan I never took")
    _assert_emergency_in_callers_words("I'm being chased by two lads")


@pytest.mark.parametrize("text", [
    "my son is obsessed with guns in his video games, is that a worry",
    "my granddaughter is choking back tears because her bike was stolen",
    "my car was shot at with a paintball gun last night",
])
def test_games_tears_and_paintball_are_not_emergencies(text):
    _assert_not_an_emergency(text)


@pytest.mark.parametrize("text", [
    "my van battery is flat outside the station, could an officer give me a jump start",
    "can someone shoot me a quick email with the firearms licence form",
    "we're dead worried our insurance won't pay out for the stolen bike",
    "the banking app has locked me out after three tries, is that fraud",
    "a car with blacked out windows has been parked on our road all week",
    "the neighbours let off fireworks that sound like gunshots till 2am",
    "is there a hosepipe ban this summer",
    "the old fence posts are still in the ground on his side, so where is the boundary",
    "I'm dead on my feet after a night shift, can you ring me tomorrow about my statement",
])
def test_everyday_sayings_made_of_risk_words_are_not_prioritised(text):
    u = understand(text)
    assert u.route not in URGENT, u.reasons


@pytest.mark.parametrize("text", [
    "he's locked me out of the house and he's got the kids",
    "he says he'll shoot me if I leave",
    "I'm dead scared, he's outside with a knife",
])
def test_the_same_words_said_of_a_real_risk_are_still_prioritised(text):
    u = understand(text)
    assert u.route in URGENT, u.reasons
    assert u.evidence or u.danger, u.reasons


@pytest.mark.parametrize(("text", "vulnerability"), [
    ("my boy is 10 and he still isn't home from school", "missing_child"),
    ("our toddler has wandered out of the front door", "missing_child"),
    ("honestly I'm not sure I'll still be alive by the weekend", "suicide_self_harm"),
])
def test_plain_words_for_a_missing_child_or_not_wanting_to_live_are_rule_evidence(
    text, vulnerability
):
    u = understand(text)
    assert u.route in URGENT, u.reasons
    assert any(e.vulnerability.value == vulnerability and e.rule.startswith("rule:")
               for e in u.evidence), u.reasons


@pytest.mark.parametrize("text", [
    "the van's driving down the pavement towards the people at the bus stop",
    "there's blood spraying out everywhere from his leg",
    "I've got my hand on her chest and it's not moving up and down",
    "I've given her naloxone and she's still not waking",
    "a woman is trapped in her car in the ford and the water is coming in",
])
def test_round_seven_frames_of_danger_now_are_emergencies(text):
    _assert_emergency_in_callers_words(text)


@pytest.mark.parametrize("text", [
    "he was driving to the shops at about 6 when his car was keyed",
    "we drove down to see my mum at christmas and the house was burgled",
    "my blood test results came back fine, can I still give a statement",
])
def test_and_their_everyday_neighbours_are_not_emergencies(text):
    _assert_not_an_emergency(text)


@pytest.mark.parametrize("text", [
    "I feel completely trapped by this tenancy agreement, who can help",
    "how do I get the council's decision overturned",
    "the phone company are holding us hostage to a two year contract",
    "the finance company is now chasing me for the whole balance",
    "kids let off bangers by the shops every weekend, it sounds like gunfire",
    "where's the nearest clay pigeon shooting ground, do I need a licence",
    "someone had smashed our car window while we were away",
    "could PC Shah shoot me a call back about my statement",
    "the gym are robbing me blind with their fees",
    "any news on the hit and run that injured my son? he's home from hospital now",
])
def test_everyday_and_past_senses_of_round_seven_danger_words_are_not_emergencies(text):
    _assert_not_an_emergency(text)


@pytest.mark.parametrize("text", [
    "I'm trapped in my car and it's filling with water",
    "they're robbing the shop next door right now",
    "he's chasing me with a bat",
])
def test_and_the_same_words_of_danger_now_still_are(text):
    _assert_emergency_in_callers_words(text)


@pytest.mark.parametrize("text", [
    "someone's just attacked my sister outside the chippy",
    "there's a gang chasing a lad down the high street",
])
def test_someone_attacked_or_chased_now_is_an_emergency(text):
    _assert_emergency_in_callers_words(text)


@pytest.mark.parametrize("text", [
    "someone attacked my car last night",
    "I was attacked in town on Saturday and want to report it",
])
def test_an_attack_told_as_the_past_is_not(text):
    _assert_not_an_emergency(text)


def test_a_denial_in_an_earlier_sentence_does_not_cancel_a_danger():
    # "not" ends its sentence: it does not deny the knife that follows
    _assert_emergency_in_callers_words("My English not good. Man with big knife in shop now.")
    # the same words in one sentence stay a denial for a person to check
    u = understand("no one has a knife")
    assert u.route is not Route.EMERGENCY


@pytest.mark.parametrize("text", [
    "there's someone banging from inside the boot of that car shouting help",
    "he's shoved her in the boot of his car",
])
def test_someone_shut_in_a_car_boot_is_an_emergency(text):
    _assert_emergency_in_callers_words(text)


@pytest.mark.parametrize("text", [
    "my two are always fighting over the bathroom, can the council give us a bigger flat",
    "the smoke alarm goes off when I cook, it's like the kitchen is on fire every morning",
    "is it legal to carry a multitool in my work bag, the blade is about 3 inches",
    "my new phone cost a bomb and the screen's already cracked, can I claim",
])
def test_everyday_senses_of_fighting_fire_blades_and_bombs_are_not_emergencies(text):
    _assert_not_an_emergency(text)


@pytest.mark.parametrize("text", [
    "I've got a shot at a job as a special constable, how fit do I need to be",
    "paid for a sofa online and the website has completely vanished",
    "I'm dead certain it was my neighbour who took the parcel, can I report it",
])
def test_a_shot_at_a_job_a_vanished_website_and_dead_certain_are_not_prioritised(text):
    u = understand(text)
    assert u.route not in URGENT, u.reasons


def test_a_shot_at_someone_and_a_child_vanished_still_are():
    assert understand("he took a shot at me with an air rifle").route in URGENT
    assert understand("my daughter has vanished from the park").route in URGENT


@pytest.mark.parametrize("text", [
    "there's been a shooting outside the youth club",
    "Knifing. Bus station. Happening now.",
    "hello fire in bedroom my children inside please",
    "big explosion on our street, there's people lying in the road injured",
])
def test_an_incident_named_in_few_words_is_an_emergency(text):
    _assert_emergency_in_callers_words(text)


@pytest.mark.parametrize("text", [
    "there was a stabbing on our road last year, is it safe to let my kids out now",
    "the pothole on our lane is like a bomb crater, it's wrecked my tyre",
    "am I allowed to shoot pigeons in my own garden with an air rifle",
])
def test_an_incident_in_the_past_or_in_a_saying_is_not(text):
    _assert_not_an_emergency(text)
