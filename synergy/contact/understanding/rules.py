"""The rule layer: explicit high-risk language, found by regular expressions in one caller turn.

Rules are for recall and for explaining ourselves: each hit carries the caller's words and the
rule's name. Negated hits ("he never hit me") are returned separately so the policy can keep the
caller with a person without raising a vulnerability on the strength of a denial."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .normalise import MatchText, match_form, word_set
from .types import DangerCue, Vulnerability
from .vocabulary import (
    child_at_risk,
    danger_frames,
    domestic_abuse,
    emergency,
    exploitation,
    figurative,
    hate_crime,
    mental_health_crisis,
    missing,
    sexual_offence,
    suicide_self_harm,
    threat_to_life,
    vulnerable_adult,
)
from .vocabulary.co_occurrence import CUES, ORDERED, UNNEGATABLE
from .vocabulary.timing import IN_PROGRESS, NOW, PAST
from .vocabulary.words import CHILD, Pattern

_NEGATORS = word_set(
    "not never no didnt doesnt hasnt havent wasnt isnt wont dont nobody noone neither nor "
    "without aint wouldnt hadnt nothing"
)
# "no, he DID hit me": an affirming word between the negator and the hit cancels the negation
_AFFIRMERS = word_set(
    "did does do has have actually definitely really but though"
)
_NEGATION_WINDOW = 3  # words before a hit that can negate it
# "nobody has been stabbed": after a negated subject, "has" or "did" is the verb, not an
# affirmation ("no, he DID hit me"), so only a contrast word cancels it
_NEGATED_SUBJECTS = word_set("nobody noone none nothing neither")
_CONTRASTS = word_set("but though actually")

_CATEGORIES: tuple[tuple[Vulnerability, list[Pattern]], ...] = (
    (Vulnerability.DOMESTIC_ABUSE, domestic_abuse.PHRASES),
    (Vulnerability.SUICIDE_SELF_HARM, suicide_self_harm.PHRASES),
    (Vulnerability.MISSING_ADULT, missing.PHRASES),  # split into child/adult by `missing_kind`
    (Vulnerability.CHILD_AT_RISK, child_at_risk.PHRASES),
    (Vulnerability.MENTAL_HEALTH_CRISIS, mental_health_crisis.PHRASES),
    (Vulnerability.VULNERABLE_ADULT, vulnerable_adult.PHRASES),
    (Vulnerability.SEXUAL_OFFENCE, sexual_offence.PHRASES),
    (Vulnerability.HATE_CRIME, hate_crime.PHRASES),
    (Vulnerability.THREAT_TO_LIFE, threat_to_life.PHRASES),
    (Vulnerability.EXPLOITATION, exploitation.PHRASES),
)
_CHILD_CUE = re.compile(
    rf"\b(?:{CHILD}|school|college|foster\w*|childrens home|children s home|care home for "
    r"kids|teen\w*|young person|minor|under ?age|(?:my|our|his|her) (?:son|daughter|boy|girl)|"
    r"(?:only|is|hes|shes|aged) (?:[1-9]|1[0-7]|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen))\b"
)
_ADULT_AGE = re.compile(r"\b(?:1[89]|[2-9]\d|1[01]\d) (?:year|years|yr) old\b|\b(?:is|hes|shes|"
                        r"aged|age) (?:1[89]|[2-9]\d)\b|\b(?:in (?:his|"
                        r"her) (?:20s|30s|40s|50s|60s|70s|80s|90s|twenties|thirties|forties))\b|"
                        r"\b(?:adult|grown up|grown) (?:son|daughter|child|children|kids?)\b")
_ADULT_CUE = re.compile(
    r"\b(?:my |our |his |her )?(?:mum|mom|mother|dad|father|nan|nana|gran|granny|grandma|"
    r"grandad|grandfather|grandmother|husband|wife|partner|uncle|aunt|auntie|flatmate|"
    r"housemate|lodger|resident|patient|boyfriend|girlfriend|colleague|neighbour|dementia)\b"
)


_ANIMAL = re.compile(
    r"\b(?:cat|cats|dog|dogs|puppy|kitten|pet|tortoise|rabbit|hamster|parrot|budgie|horse|"
    r"pony|ferret|snake|guinea pig|bird|moggy)\b"
)
_SOMEONE = re.compile(r"\b(?:man|woman|lady|person|people|someone|somebody|brother|sister|"
                      r"friend|mate|son|daughter|baby)\b")


def missing_animal(text: str) -> bool:
    """A match-form text about an animal and no person ("my cat hasn't come home for two
    days"): the model reads it as a missing person."""
    return _ANIMAL.search(text) is not None and not any(
        rx.search(text) for rx in (_CHILD_CUE, _ADULT_AGE, _ADULT_CUE, _SOMEONE)
    )


@dataclass(frozen=True)
class RuleHit:
    vulnerability: Vulnerability
    text: str  # the caller's words
    rule: str
    negated: bool = False
    denied_by_subject: bool = False  # "no one has been shot": the event itself is denied


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[Vulnerability, tuple[tuple[str, re.Pattern[str], bool], ...]], ...]:
    return tuple(
        (vuln, tuple((name, re.compile(rx), neg) for name, rx, neg in patterns))
        for vuln, patterns in _CATEGORIES
    )


_FIGURATIVE = re.compile(figurative.EVERYDAY_USES)


def _figurative(text: str) -> list[tuple[int, int]]:
    """Spans of everyday idioms made of risk words ("bleeding me dry", "shot down")."""
    return [m.span() for m in _FIGURATIVE.finditer(text)]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def without_idioms(text: str) -> str:
    """`text` with its everyday idioms made of risk words blanked out, for the model: "I nearly
    died laughing at the neighbours' lights" was read as a welfare concern, "the kids are
    bleeding me dry" as a child at risk. Unchanged when there is none (the usual case)."""
    mt = match_form(text)
    spans = _figurative(mt.text)
    if not spans:
        return text
    out, at = [], 0
    for start, end in spans:
        first, last = mt.origin[start], mt.origin[end - 1] + 1
        out.append(text[at:first])
        at = last
    out.append(text[at:])
    return " ".join(" ".join(out).split())


def find_vulnerabilities(mt: MatchText) -> list[RuleHit]:
    """Every rule hit in one turn (already in match form), negated ones flagged. A hit on the
    words of an everyday idiom ("I'm dead to her", "stabbed in the back by the letting agent")
    is no hit."""
    hits: list[RuleHit] = []
    idioms = _figurative(mt.text)
    for vuln, patterns in _compiled():
        for name, rx, negatable in patterns:
            for m in rx.finditer(mt.text):
                if idioms and _inside(idioms, m.start(), m.end()):
                    continue
                negated = negatable and _is_negated(mt.text, m.start(), m.end(), mt)
                vuln_here = missing_kind(mt.text) if vuln is Vulnerability.MISSING_ADULT else vuln
                denied = negated and _subject_denied(mt.text, m.start())
                words = mt.words_at(m.start(), m.end())
                hits.append(RuleHit(vuln_here, words, name, negated, denied))
    hits.extend(_cue_hits(mt, idioms))
    hits.extend(_child_sexual(mt, hits))
    return hits


@lru_cache(maxsize=1)
def _compiled_cues() -> tuple[tuple[str, str, re.Pattern[str], re.Pattern[str], int], ...]:
    return tuple(
        (category, name, re.compile(rf"\b{who}\b"), re.compile(rf"\b{what}\b"), gap)
        for category, cues in CUES.items()
        for name, who, what, gap in cues
    )


def _cue_hits(mt: MatchText, idioms: list[tuple[int, int]]) -> list[RuleHit]:
    hits = []
    for category, name, who_rx, what_rx, gap in _compiled_cues():
        whats = list(what_rx.finditer(mt.text))
        if not whats:
            continue
        whos = list(who_rx.finditer(mt.text))
        for what in whats:
            near = [
                w for w in whos
                if _words_apart(mt.text, w, what) <= gap and w.span() != what.span()
                and (name not in ORDERED or w.start() < what.start())
            ]
            if not near:
                continue
            who = min(near, key=lambda w: _words_apart(mt.text, w, what))
            start, end = min(who.start(), what.start()), max(who.end(), what.end())
            if idioms and _inside(idioms, what.start(), what.end()):
                continue
            vuln = missing_kind(mt.text) if category == "missing" else Vulnerability(category)
            negated = name not in UNNEGATABLE and _is_negated(
                mt.text, what.start(), what.start(), mt)
            hits.append(RuleHit(vuln, mt.words_at(start, end), name, negated))
            break  # one hit per cue is enough evidence
    return hits


def _words_apart(text: str, a: re.Match[str], b: re.Match[str]) -> int:
    lo, hi = sorted((a.end(), b.start()) if a.start() <= b.start() else (b.end(), a.start()))
    return text.count(" ", lo, hi) if hi > lo else 0


def _is_negated(text: str, start: int, end: int, mt: MatchText | None = None) -> bool:
    spans = list(_WORD.finditer(text[:start]))[-_NEGATION_WINDOW:]
    before = [w.group() for w in spans]
    inside = text[start:end].split()
    words = before + inside
    negator_at = [i for i, w in enumerate(words) if w in _NEGATORS]
    if not negator_at:
        return False
    last = negator_at[-1]
    if mt is not None and last < len(spans) and _sentence_between(mt, spans[last].end(), start):
        return False  # "My English not good. Man with big knife in shop."
    after_negator = words[last + 1 :]
    subject = words[last] in _NEGATED_SUBJECTS or after_negator[:1] == ["one"]
    affirmers = _CONTRASTS if subject else _AFFIRMERS
    return not any(w in affirmers for w in after_negator)


_WORD = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?;]")


def _sentence_between(mt: MatchText, after: int, before: int) -> bool:
    """Whether the caller ended a sentence between match-form positions `after` and `before`
    (the match form has no punctuation; the caller's words do)."""
    if not mt.origin or before >= len(mt.origin) or after <= 0:
        return False
    return _SENTENCE_END.search(mt.source, mt.origin[after - 1] + 1, mt.origin[before]) is not None


def missing_kind(text: str) -> Vulnerability:
    """Child or adult? A stated adult age wins; then any child cue (err towards the child);
    then an adult relationship; unknown defaults to adult."""
    if _ADULT_AGE.search(text):
        return Vulnerability.MISSING_ADULT
    if _CHILD_CUE.search(text):
        return Vulnerability.MISSING_CHILD
    return Vulnerability.MISSING_ADULT


def _child_sexual(mt: MatchText, hits: list[RuleHit]) -> list[RuleHit]:
    """A sexual offence against a child is also a child at risk."""
    if not _CHILD_CUE.search(mt.text):
        return []
    return [
        RuleHit(Vulnerability.CHILD_AT_RISK, h.text, f"child and {h.rule}", h.negated)
        for h in hits
        if h.vulnerability is Vulnerability.SEXUAL_OFFENCE
    ]


_NOW = re.compile(NOW)
_IN_PROGRESS = re.compile(IN_PROGRESS)
_PAST = re.compile(PAST)
_PAST_NEAR_CUE = 6  # words either side of an emergency cue in which a past word makes it history
_THREATENED = re.compile(r"\b(?:ll|will|going to|gonna|threaten\w*|wants to|would|might)\b")
_THREAT_WINDOW = 5  # words before an emergency cue in which a threat word makes it future


_NOBODY_HURT = re.compile(emergency.NOBODY_HURT)
_LEARNING = re.compile(emergency.LEARNING)
_GIVEN_TO = re.compile(emergency.GIVEN_TO)
_TOPIC_ONLY = re.compile(emergency.TOPIC_ONLY)
_TOPIC = re.compile(emergency.TOPIC)


_CUES = (*emergency.CUES, *danger_frames.FRAMES)


@lru_cache(maxsize=1)
def _emergency_cues() -> tuple[tuple[str, re.Pattern[str], bool], ...]:
    return tuple((name, re.compile(rx), neg) for name, rx, neg in _CUES)


def emergency_enquiry(mt: MatchText) -> str | None:
    """The caller's words when the turn asks about *learning* first aid ("where can I learn
    first aid", "CPR course near me", "do I need first aid training for my job"), none
    otherwise. A first-aid question in the present ("how do I do CPR", "how do you stop
    bleeding") is not one: it may be asked over someone who is dying, so it is an emergency."""
    if not _TOPIC.search(mt.text) or _GIVEN_TO.search(mt.text):
        return None
    m = _LEARNING.search(mt.text)
    return mt.words_at(m.start(), m.end()) if m else None


def _cue_does_not_count(mt: MatchText, name: str, m: re.Match[str], enquiry: bool) -> bool:
    """A cue is not danger now when it is denied, threatened, asked about or (a crash) said to
    have hurt no one."""
    if name in _NEGATABLE_CUES:
        if _is_negated(mt.text, m.start(), m.start(), mt):
            return True
    elif _subject_denied(mt.text, m.start()):
        return True
    if _THREATENED.search(" ".join(mt.text[: m.start()].split()[-_THREAT_WINDOW:])):
        return True  # "he'll set my house on fire": a threat (a vulnerability), not now
    if enquiry and _TOPIC_ONLY.fullmatch(m.group()):
        return True  # "how do I do CPR": the words name the subject of a question
    # a collision said to have hurt no one ("my car was hit by a bus, nobody was hurt")
    hit_by_vehicle = name.startswith(("crash", "a vehicle")) or "hit by a" in m.group()
    return hit_by_vehicle and _NOBODY_HURT.search(mt.text) is not None


def _subject_denied(text: str, start: int) -> bool:
    """A cue that carries its own negation ("not breathing") can still be denied by its
    subject: "no one is bleeding", "nobody's unconscious"."""
    before = text[:start].split()[-_NEGATION_WINDOW:]
    at = [i for i, w in enumerate(before) if w in _NEGATED_SUBJECTS or w == "nobodys" or (
        w == "no" and before[i + 1 : i + 2] == ["one"])]
    return bool(at) and not any(w in _CONTRASTS for w in before[at[-1] + 1 :])


_NEGATABLE_CUES = frozenset(name for name, _, negatable in _CUES if negatable)


def danger_now(mt: MatchText, has_vulnerability: bool) -> DangerCue | None:
    """Caller's words showing danger happening now or just happened, or None.

    Plain emergency words ("he's been shot", "she's not breathing", "the house is on fire")
    count unless a past word ("last year") sits close to them. The older, broader cues ("right
    now", "is smashing") count only in a turn that says nothing about the past. A negation
    before a cue ("no one has been stabbed", "nobody is bleeding") cancels it, and so does a
    threat ("he'll set my house on fire": the rules raise a threat to life instead) or a
    question about first aid ("how do I do CPR"); words inside a cue never do."""
    enquiry = emergency_enquiry(mt) is not None
    idioms = _figurative(mt.text)
    for name, rx, _ in _emergency_cues():
        for m in rx.finditer(mt.text):
            if _cue_does_not_count(mt, name, m, enquiry) or _inside(idioms, m.start(), m.end()):
                continue
            if not _past_near(mt.text, m.start(), m.end()):
                return DangerCue(mt.words_at(m.start(), m.end()), f"rule: {name}")
    if _PAST.search(mt.text):
        return None
    for m in _IN_PROGRESS.finditer(mt.text):
        if not _is_negated(mt.text, m.start(), m.end(), mt) and not _inside(
            idioms, m.start(), m.end()
        ):
            return DangerCue(mt.words_at(m.start(), m.end()), "rule: happening now")
    now = _NOW.search(mt.text) if has_vulnerability else None
    if now and not _is_negated(mt.text, now.start(), now.end(), mt):
        return DangerCue(mt.words_at(now.start(), now.end()), "rule: risk and now")
    return None


def _past_near(text: str, start: int, end: int) -> bool:
    before = " ".join(text[:start].split()[-_PAST_NEAR_CUE:])
    after = " ".join(text[end:].split()[:_PAST_NEAR_CUE])
    return _PAST.search(f"{before} {text[start:end]} {after}") is not None


def mentions_past(mt: MatchText) -> bool:
    return _PAST.search(mt.text) is not None
