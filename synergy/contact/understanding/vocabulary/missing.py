"""Phrases of a missing person: not come home, cannot be found or reached, run away.
Whether the person is a child or an adult is decided later (`rules.missing_kind`)."""

from __future__ import annotations

from .words import Pattern

_PERSON = (
    r"(?:mum|mom|mother|dad|father|nan|nana|nanna|gran|granny|grandma|grandmother|grandad|"
    r"granddad|grandfather|husband|wife|partner|brother|sister|son|daughter|uncle|aunt|auntie|"
    r"friend|mate|flatmate|housemate|neighbour|neighbor|lodger|resident|patient|client|"
    r"boyfriend|girlfriend|child|kid|boy|girl|lad|nephew|niece|cousin|teenager|grandson|"
    r"toddler|baby|little one|little boy|little girl|"
    r"granddaughter|stepson|stepdaughter|fiance|colleague|dementia)"
)
_WHO = rf"(?:he|she|they|hes|shes|theyre|my \w+ {_PERSON}|my {_PERSON}|our {_PERSON}|{_PERSON})"

PHRASES: list[Pattern] = [
    ("reported missing", rf"\b(?:{_WHO}) (?:\w+ ){{0,4}}(?:gone |been |now |still |went )?"
     r"missing\b|\bmissing (?:person|persons|people|child|kid|teenager|teen|daughter|son|mum|dad|"
     r"husband|wife|partner)\b|\bmisper\b|\breport(?:ed|ing)? (?:\w+ ){0,2}missing\b", True),
    ("has not come home",
     rf"\b(?:{_WHO}) (?:\w+ ){{0,3}}(?:hasnt|has not|havent|have not|didnt|did not|never|not|"
     r"wasnt) (?:\w+ )?(?:come|came|returned|been|got|gone|turned up|arrived|made it) (?:back|"
     r"home|in|to school|to work|to college)\b", False),
    ("still not home",
     rf"\b(?:{_WHO}) (?:\w+ ){{0,4}}(?:still (?:isnt|is not|not|aint|isn t) (?:back )?home|"
     r"(?:isnt|is not|not|aint|isn t) (?:back )?home from (?:school|college|work|nursery|"
     r"uni|the park))\b", False),
    ("cannot find or reach them",
     rf"\b(?:cant|cannot|can not|unable to|couldnt|could not|not been able to) (?:find|get hold "
     rf"of|reach|contact|locate|get through to|trace) (?:him|her|them|my {_PERSON}|my \w+ "
     rf"{_PERSON})\b", False),
    ("nobody has seen them",
     rf"\b(?:no one|nobody|noone|not|havent|hasnt|have not|has not|nobodys) (?:has |s |have "
     rf"|been )?(?:seen|heard from|heard anything from|had contact with|spoken to) (?:him|her|"
     rf"them|my {_PERSON})\b|\blast seen\b", False),
    ("lost a child", r"\blost (?:our|my|their|her|his) (?:\w+ ){0,2}(?:boy|girl|son|daughter|child|"
     r"kid|toddler|little one)\b", True),
    ("run away or wandered off",
     rf"\b(?:{_WHO}) (?:has |s |have )?(?:ran|run|runs|wandered|walked|gone) (?:off|away|out)"
     r"(?! with)\b|\b(?<!seller )(?<!money )(?<!parcel )(?<!website )(?<!trader )"
     r"(?<!company )(?<!builder )(?<!it )(?:absconded|disappeared|vanished)\b(?! (?:with (?:the|"
     r"our|my|all) (?:money|deposit|cash|payment)|half ?way|mid ?way|off the (?:job|site)|from the "
     r"(?:job|site)|after (?:taking|being paid)))", True),
    ("told not to look for them", r"\b(?:dont|do not|not to) (?:come )?(?:look|looking|search\w*) "
     r"for (?:me|him|her)\b", False),
]
