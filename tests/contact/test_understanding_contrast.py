"""The contrast classifiers (round 6): danger now, read in words no rule was written for, and a
second opinion on a priority route that rests only on the model's guesses."""

from __future__ import annotations

import pytest

from synergy.contact.understanding import Route, understand
from synergy.contact.understanding import engine as understanding_engine
from synergy.contact.understanding.model import load_model
from synergy.contact.understanding.normalise import match_form


@pytest.fixture
def contrast(monkeypatch: pytest.MonkeyPatch):
    """Set the contrast classifiers' readings for a test: `set(danger=…, risk=…)`."""
    model = load_model()
    assert model is not None

    def set_scores(*, danger: float | None = None, risk: float | None = None) -> None:
        if danger is not None:
            monkeypatch.setattr(model.contrast, "score", lambda _text: danger)
        if risk is not None:
            monkeypatch.setattr(model.contrast, "risk", lambda _text: risk)

    return set_scores


@pytest.mark.parametrize("text", [
    "my grandma fell down the steps and she's not answering me and there's blood on the floor",
    "my dad's on the bathroom floor and he's cold and clammy and I can't get a word out of him",
])
def test_an_emergency_in_words_no_rule_reads_goes_to_the_emergency_route(text: str) -> None:
    u = understand(text)
    assert u.route is Route.EMERGENCY
    (cue,) = u.danger
    assert cue.rule.startswith("danger-now model (score ")
    # the evidence is the caller's own words, never only "there's a" or "he's"
    assert cue.text
    for part in cue.text.split(" … "):
        assert match_form(part).text in match_form(text).text
    assert any(r.startswith("danger now: ") for r in u.reasons)


@pytest.mark.parametrize("text", [
    "I lost my wallet on the 50 bus this morning",
    "can I get an update on crime number 20/123456/26",
])
def test_the_danger_reading_never_raises_a_call_the_assistant_can_handle(
    contrast, text: str
) -> None:
    assert understand(text).route is Route.SELF_SERVICE
    contrast(danger=0.99, risk=0.99)
    after = understand(text)
    # a person checks (round 7: never self-service on a possible danger), but the call is not
    # raised to the emergency route on the classifier's reading alone
    assert after.route is Route.AGENT and not after.danger


@pytest.mark.parametrize("start", [
    "my neighbour keeps following me home and waiting outside my flat",  # priority queue
    "someone has scratched my car on the drive overnight",  # normal queue
])
def test_the_danger_reading_raises_a_call_only_when_both_readings_pass(
    contrast, start: str
) -> None:
    assert understand(start).route in (Route.PRIORITY_AGENT, Route.AGENT)
    low_danger = understanding_engine.DANGER_SCORE - 0.01
    low_risk = understanding_engine.DANGER_RISK - 0.01
    contrast(danger=low_danger, risk=0.99)
    assert understand(start).route is not Route.EMERGENCY
    contrast(danger=0.99, risk=low_risk)
    assert understand(start).route is not Route.EMERGENCY
    contrast(danger=understanding_engine.DANGER_SCORE, risk=understanding_engine.DANGER_RISK)
    u = understand(start)
    assert u.route is Route.EMERGENCY and u.danger[0].rule.startswith("danger-now model")


def test_a_denied_risk_word_is_never_read_as_danger_by_the_classifier(contrast) -> None:
    contrast(danger=0.99, risk=0.99)
    u = understand("nobody has been stabbed, but my ex keeps turning up at my work")
    assert not any(c.rule.startswith("danger-now model") for c in u.danger)


def test_a_priority_route_on_the_models_guesses_alone_is_checked_by_the_contrast_classifier(
    contrast,
) -> None:
    text = "the kids are bleeding me dry with all these school trips"
    first = understand(text)
    guesses = [e for e in first.evidence if e.rule.startswith("statistical model")]
    if first.route is not Route.PRIORITY_AGENT or len(guesses) != len(first.evidence):
        pytest.skip("this wording no longer reaches the priority queue on the model's guess")
    contrast(risk=0.01)
    u = understand(text)
    assert u.route is Route.AGENT  # a person, normal queue: never self-service
    assert not u.vulnerabilities
    assert any("contrast classifier finds no risk" in r for r in u.reasons)


def test_a_rule_hit_in_a_civil_account_is_checked_by_the_contrast_classifier(contrast) -> None:
    text = ("my elderly dad's landlord won't give him his deposit back and he's panicking "
            "about it, can we take him to the small claims court")
    first = understand(text)
    assert first.route is Route.PRIORITY_AGENT
    assert any(not e.rule.startswith("statistical model") for e in first.evidence)
    contrast(risk=0.01)
    u = understand(text)
    assert u.route is Route.AGENT and not u.vulnerabilities
    assert any("contrast classifier finds no risk" in r for r in u.reasons)
    # the person who takes the call still sees what the rule found, and that it was doubted
    assert any(r.startswith("doubted: vulnerable_adult: 'elderly'") for r in u.reasons)


def test_a_disclosure_in_a_civil_account_keeps_the_priority_queue() -> None:
    u = understand("my landlord is keeping my deposit and he said he would kill me if I "
                   "took him to court")
    assert u.route in (Route.PRIORITY_AGENT, Route.EMERGENCY)
    assert u.vulnerabilities


@pytest.mark.parametrize("text", [
    "my husband hit me last night and I'm scared to go home",
    "I don't want to be here any more",
    "my 14 year old hasn't come home from school and her phone is off",
])
def test_a_rule_disclosure_is_never_overruled_by_the_contrast_classifier(
    contrast, text: str
) -> None:
    contrast(risk=0.0)
    u = understand(text)
    assert u.route in (Route.PRIORITY_AGENT, Route.EMERGENCY)
    assert u.vulnerabilities


def test_a_caller_who_may_not_speak_english_keeps_the_priority_queue(contrast) -> None:
    contrast(risk=0.0)
    u = understand("Dzień dobry, potrzebuję pomocy, mój sąsiad")
    assert u.language == "pl"
    assert u.route is Route.PRIORITY_AGENT


def test_a_vulnerability_the_model_is_firm_about_is_not_doubted_outside_a_civil_account(
    contrast,
) -> None:
    text = "the two kids at number 9 are left out in the cold every night with no coats and no tea"
    model = load_model()
    assert model is not None
    score = model.predict(text).vulnerability_scores
    firm = [v for v, s in score.items() if s >= understanding_engine.SPARED_SCORE]
    if not firm:
        pytest.skip("the model is no longer firm about this wording")
    contrast(risk=0.0)
    u = understand(text)
    assert u.route is Route.PRIORITY_AGENT
    assert set(firm) <= set(u.vulnerabilities)
    assert not any("contrast classifier finds no risk" in r for r in u.reasons)


def test_a_possible_danger_reading_never_leaves_a_call_to_self_service(contrast) -> None:
    text = "I lost my wallet on the 50 bus this morning"
    contrast(danger=understanding_engine.DOUBT_DANGER - 0.01, risk=0.0)
    assert understand(text).route is Route.SELF_SERVICE
    contrast(danger=understanding_engine.DOUBT_DANGER)
    u = understand(text)
    assert u.route is Route.AGENT  # a person, normal queue: not raised any further
    assert any("danger-now classifier reads possible danger" in r for r in u.reasons)
    assert not any("the assistant can handle it" in r for r in u.reasons)
