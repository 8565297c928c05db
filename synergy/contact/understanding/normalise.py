"""Turning whatever arrives (typed text, speech-recognition output, junk) into clean text, and a
lower-case "match form" for the rule layer that can still point back at the caller's own words."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .types import TextTooLong

MAX_TURN_CHARS = 5000  # one caller turn, after cleaning; a long typed message is ~1,000
MAX_CONVERSATION_CHARS = 50_000
MAX_TURNS = 200

# Unicode categories that carry no words: controls, format marks, lone surrogates, private use,
# unassigned. Replaced by a space so "help\x00me" still reads as two words.
_DROP_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_APOSTROPHES = "'\u2018\u2019\u02bc`\u00b4"
_SPACES = re.compile(r"\s+")


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one string, for the word lists in this package."""
    return frozenset(text.split())


def pattern_words(*patterns: str) -> frozenset[str]:
    """The words of five letters or more written literally in regular expressions: the words
    that a slip of the fingers should not hide from them (see `tolerant_form`). A word with an
    optional last letter ("cleavers?") gives both forms: "cleaver" was read as "cleaner"."""
    words = set()
    for rx in patterns:
        for m in re.finditer(r"(?<![\\a-z])([a-z]{5,})(?![a-z\\])(\??)", rx):
            words.add(m.group(1))
            if m.group(2) and len(m.group(1)) > 5:  # "cleavers?" names "cleaver" too
                words.add(m.group(1)[:-1])
    return frozenset(words)


def clean(text: str, *, what: str = "text") -> str:
    """Normalise one turn: NFKC, drop non-printing characters, collapse white space.

    Raises `TypeError` for a non-string and `TextTooLong` past `MAX_TURN_CHARS`."""
    if not isinstance(text, str):
        raise TypeError(f"{what} must be a str, not {type(text).__name__}")
    text = unicodedata.normalize("NFKC", _drop_unprintable(text))
    text = _SPACES.sub(" ", text).strip()
    if len(text) > MAX_TURN_CHARS:
        raise TextTooLong(len(text), MAX_TURN_CHARS, what=what)
    return text


def _drop_unprintable(text: str) -> str:
    if text.isprintable():
        return text
    return "".join(
        " " if unicodedata.category(ch) in _DROP_CATEGORIES and ch not in "\u200c\u200d" else ch
        for ch in text
    )


@dataclass(frozen=True)
class MatchText:
    """Lower-case words separated by single spaces, apostrophes removed ("don't" -> "dont"),
    with `origin[i]` = index in `source` of character i, so a regex match maps back to the
    caller's words."""

    source: str
    text: str
    origin: tuple[int, ...]

    def words_at(self, start: int, end: int) -> str:
        """The caller's original words behind match-form span [start, end)."""
        if start >= end or not self.origin:
            return ""
        first = self.origin[start]
        last = self.origin[end - 1] + 1
        # widen to whole words in the source so evidence never shows half a word
        while first > 0 and self.source[first - 1].isalnum():
            first -= 1
        while last < len(self.source) and self.source[last].isalnum():
            last += 1
        return self.source[first:last]


@lru_cache(maxsize=16)
def match_form(source: str) -> MatchText:
    """The match form of `source`. Cached: one conversation is put in match form by several
    readers (the model, update and stated requests, the call taker's words), and for a long
    typed message this loop was a large part of the time."""
    out: list[str] = []
    origin: list[int] = []
    pending_space = False
    for i, ch in enumerate(source):
        if ch in _APOSTROPHES:
            continue
        if ch.isalnum():
            if pending_space and out:
                out.append(" ")
                origin.append(i)
            pending_space = False
            for low in ch.lower():  # some characters lower-case to two
                out.append(low)
                origin.append(i)
        else:
            pending_space = True
    return MatchText(source, "".join(out), tuple(origin))


FILLERS = frozenset({"um", "umm", "er", "erm", "uh", "uhm", "ah", "eh", "hmm", "mm"})
# Words people put anywhere in speech ("he's like not breathing", "trying to you know kick the
# door in"). Dropped only where a pattern reads what happened, never where the word could be
# the request itself ("I'd like an update").
HEDGES = frozenset({"like", "you know", "i mean", "sort of", "kind of", "basically", "literally"})


def tolerant_form(
    mt: MatchText, keywords: frozenset[str], known: frozenset[str], *, hedges: bool = False
) -> MatchText:
    """`mt` with filler words dropped ("a white erm van"), with `hedges` also the `HEDGES`, and
    each unknown word one slip away from a keyword spelt as the keyword ("stabebd",
    "unconsious"), still pointing back at the caller's words. A word in `known` (the words the
    model has seen) is never changed, nor is any word under four letters, except that a
    dropped final g is always put back on a keyword ("stabbin" is "stabbing")."""
    words = mt.text.split(" ") if mt.text else []
    pairs = zip(words, [*words[1:], ""], strict=False)
    if not any(
        w in FILLERS
        or (hedges and (w in HEDGES or f"{w} {after}" in HEDGES))
        or (w not in known and w not in keywords and _near_keyword(w, keywords) != w)
        or _restored_g(w, keywords)
        for w, after in pairs
    ):
        return mt  # nothing to drop or correct: the usual case, kept fast for long messages
    out: list[str] = []
    origin: list[int] = []
    at = 0
    skip = 0
    for i, word in enumerate(words):
        start = at
        at += len(word) + 1
        if skip:
            skip -= 1
            continue
        if word in FILLERS or (hedges and word in HEDGES):
            continue
        if hedges and i + 1 < len(words) and f"{word} {words[i + 1]}" in HEDGES:
            skip = 1
            continue
        fixed = _restored_g(word, keywords) or (
            word if word in known or word in keywords else _near_keyword(word, keywords)
        )
        if out:
            out.append(" ")
            origin.append(mt.origin[start])
        for k, ch in enumerate(fixed):
            out.append(ch)
            origin.append(mt.origin[start + min(k, len(word) - 1)])
    return MatchText(mt.source, "".join(out), tuple(origin))


# A dropped final g ("stabbin", "shootin", "breathin") is the same word, whether or not the
# model has seen the short spelling; "bleedin" is left as it is, most often an oath ("the
# bleedin neighbours"), and read as bleeding only where the cues say so.
_KEPT_SHORT = frozenset({"bleedin"})


def _restored_g(word: str, keywords: frozenset[str]) -> str | None:
    if len(word) >= 5 and word.endswith("in") and word not in _KEPT_SHORT:
        full = word + "g"
        return full if full in keywords else None
    return None


@lru_cache(maxsize=8192)
def _near_keyword(word: str, keywords: frozenset[str]) -> str:
    if len(word) < 4 or word in NOT_SLIPS:
        return word
    by_length = _by_length(keywords)
    for size in (len(word), len(word) - 1, len(word) + 1):
        for key in by_length.get(size, ()):
            if _one_slip(word, key):
                return key
    return word


@lru_cache(maxsize=8)
def _by_length(keywords: frozenset[str]) -> dict[int, tuple[str, ...]]:
    """Keywords grouped by length, in a fixed order: a word is compared only with keywords one
    letter longer or shorter at most, and always finds the same one."""
    out: dict[int, list[str]] = {}
    for key in sorted(keywords):
        out.setdefault(len(key), []).append(key)
    return {size: tuple(keys) for size, keys in out.items()}


_CHANGED_LETTER_MIN = 8
# Everyday words the model has not seen that are one slip from an emergency word: never read as
# it ("flying" is not "lying", "alright" not "alight", "fried" not "fired").
NOT_SLIPS = frozenset({
    "flights", "flight", "flying", "alright", "fried", "lands", "stores", "became", "heading",
    "employed", "wondering", "slight", "plight", "delight", "bright", "fright",
})


def _one_slip(a: str, b: str) -> bool:
    """One letter swapped with its neighbour, changed, added or dropped."""
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            # a changed letter is too often another word: "cooking" is not "choking", "trash"
            # not "crash", "thank" not "think"; in a long word it is a slip ("unconscioue")
            return len(a) >= _CHANGED_LETTER_MIN
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and (a[diff[1]] == b[diff[0]])
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(short) < 5:
        return False
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    # a letter more or less at the end is another form of the word ("explode", "exploded")
    return i < len(short) and short[i:] == long_[i + 1 :]
