"""What the vocabulary is made of: the shapes of a phrase pattern and a co-occurrence cue,
and the word class for a child, which several kinds of harm share."""

from __future__ import annotations

Pattern = tuple[str, str, bool]  # (rule name, regex, negatable)
Cue = tuple[str, str, str, int]  # (rule name, who regex, what regex, max words apart)

CHILD = (
    r"(?:child|children|kid|kids|kiddies|baby|babies|toddler|toddlers|infant|newborn|"
    r"little (?:boy|girl|one|ones|lad|un|uns|kids?)|(?:[1-9]|1[0-7]|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen) "
    r"(?:year|yr|month) olds?|school ?(?:girl|boy|kids?)|young (?:boy|girl|lad|lads|girls|boys|"
    r"ones?)|(?:his|her|their|my|the|our|a) (?:\w+ )?(?:son|daughter|boy|girl|grandson|"
    r"granddaughter|nephew|niece|stepson|stepdaughter)s?|(?:my|our) lads?)"
)
