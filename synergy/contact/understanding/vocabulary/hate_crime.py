"""Phrases of hate crime: targeted for who someone is, slurs, places of worship attacked."""

from __future__ import annotations

from .words import Pattern

PHRASES: list[Pattern] = [
    ("targeted because of identity",
     r"\b(?:because|cause|coz|cos|just because|only because|for being) (?:(?:im|i am|hes|he is|"
     r"shes|she is|theyre|they are|were|we are|my \w+ is|of (?:my|his|her|their|our|the)) )?"
     r"(?:a |an )?(?:black|asian|muslim|muslims|jewish|jew|sikh|hindu|gay|lesbian|bisexual|trans|"
     r"transgender|queer|disabled|polish|romanian|eastern european|foreign|foreigner|foreigners|"
     r"immigrant|immigrants|refugee|refugees|asylum seeker|pakistani|indian|african|chinese|"
     r"gypsy|traveller|travellers|roma|arab|somali|kurdish|autistic|race|religion|colour|color|"
     r"skin|sexuality|disability|faith|headscarf|hijab|turban|accent|beliefs|ethnicity|"
     r"nationality|gender|wheelchair)\b", True),
    ("hate language", r"\b(?:racis\w*|racial\w*|race hate|homophob\w*|transphob\w*|islamophob\w*|"
     r"antisemit\w*|anti semit\w*|xenophob\w*|disablis\w*|hate (?:crime|incident|speech|mail)|"
     r"hateful|terrorist|"
     r"bigot\w*|swastika\w*|nazi\w*|kkk|white power|slurs?|p word|n word)\b", True),
    ("told to go back", r"\b(?:go back (?:to )?(?:your|where "
     r"(?:you|ya|u|they|we|i|he|she) (?:came|come)|"
     r"home to)|not welcome (?:in|here)|dont belong (?:in|here)|(?:your|their) kind)\b", False),
    ("abuse at a group", r"\b(?:dirty|bloody|effing|fucking|stinking) (?:foreigners?|immigrants?|"
     r"pakis?|poles?|jews?|muslims?|gays?|paddy|gypsies)\b", True),
    ("told to leave the country", r"\b(?:should be|should get|be|get) deported\b|\bsend (?:you|"
     r"them|us|her|him) (?:all )?back\b", True),
    ("group told to get out", r"\b(?:foreigners|immigrants|muslims|pakis|poles|jews|refugees) "
     r"out\b|\b(?:pigs? head|bacon) (?:\w+ ){0,4}(?:mosque|door|step|steps)\b|\bback to (?:your|"
     r"their|our|her|his|my|ur) (?:own )?(?:country|home country)\b|\bare ?nt welcome\b|"
     r"\bnot welcome here\b", True),
    ("religious dress attacked", r"\b(?:pulled|ripped|grabbed|tore|tried to pull|pulling) (?:off "
     r")?(?:my|her|his) (?:hijab|headscarf|niqab|burka|turban|kippah|yarmulke|patka)\b", True),
    ("place of worship targeted", r"\b(?:mosque|synagogue|gurdwara|temple|church) (?:\w+ ){0,5}"
     r"(?:graffiti|attacked|vandalis\w*|smashed|pigs? head|bacon|daubed|sprayed)\b", True),
    ("mocked for disability", r"\b(?:mock\w*|mimick\w*|laugh\w* at|taunt\w*) (?:\w+ ){0,3}"
     r"(?:disability|wheelchair|stammer|the way (?:he|she) walks|autism)\b", True),
    ("slur", r"\b(?:paki|pakis|wog|wogs|chink|chinks|gyppo|gyppos|pikey|pikeys|faggot|fag|"
     r"dyke|tranny|trannies|spastic|spaz|retard|coon|raghead|towelhead|kike|yid|golliwog)\b",
     True),
    ("people like them should not exist", r"\bpeople like (?:me|you|us|him|her|them|my \w+) "
     r"(?:should|shouldnt|ought to|need to|deserve to) (?:be )?(?:put down|gassed|killed|shot|"
     r"wiped out|exist|be allowed|die|burn)\b", True),
]
