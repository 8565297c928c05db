"""Phrases of sexual offences: rape, assault, touching, exposure, intimate images."""

from __future__ import annotations

from .words import Pattern

PHRASES: list[Pattern] = [
    ("rape or sexual assault", r"\b(?:rape|raped|raping|rapist|sexual(?!ity)\w*|sex (?:attack|"
        r"offender|"
     r"assault|offence)|(?<!non )molest\w*|paedophile|pedophile|nonce|indecen\w*)\b", True),
    ("unwanted touching", r"\b(?:touched|touching|touch|grabbed|groped|grope\w*|feeling) (?:me|"
     r"her|him|my|her|his) (?:\w+ )?(?:up|inappropriately|bum|bottom|breasts?|boobs|chest|"
     r"privates|private parts|crotch|backside|thigh|between)\b|\bgrop\w*\b", True),
    ("touching or filming someone", r"\b(?:man|men|bloke|guy|someone|stranger|he) (?:\w+ ){0,2}"
     r"touched (?:me|her|him|my (?:\w+ )?(?:daughter|son|child|kid|sister|friend|wife|girlfriend|"
     r"niece|nephew))\b|\b(?:film\w*|record\w*|photograph\w*) (?:me|her|him) (?:\w+ ){0,2}"
     r"(?:getting changed|changing|undress\w*|naked|in the shower|showering|in the toilet)|\bsex "
     r"with (?:me|her|him) (?:\w+ ){0,3}(?:passed out|asleep|drunk|unconscious|out of it|didnt "
     r"want|did not want|said no)|\b(?:makes|make) (?:me|her|him) (?:\w+ )?(?:have sex|sleep with|"
     r"do sexual)|\brubb\w* (?:up )?against (?:me|her|him)\b", False),
    ("attempted touching", r"\b(?:trying|tried|try) to (?:touch|kiss|grab|grope) (?:me|her|him)\b|"
     r"\b(?:someone|he|they|somebody) did something to me\b", True),
    ("sex without consent", r"\b(?:forced|made|pressured|pressuring|forcing|making) (?:me|her|"
     r"him) (?:\w+ )?(?:to have sex|into sex|have sex|to do sexual|to do stuff|to sleep with|into "
     r"sleeping|to perform|do things)|without (?:my|her|his) consent|didnt consent|did not "
     r"consent|no consent|non consensual|couldnt consent|woke up (?:with|and) (?:him|someone|a "
     r"man|a stranger|my clothes)\b", True),
    ("sexual violence wording", r"\b(?:forced himself on|forces himself on|on top of me|(?:said|"
     r"told (?:him|them) to) (?:no|stop) (?:and|but) (?:he|she|they) (?:didnt|did not|kept|"
     r"carried)|"
     r"kept going|rubb\w* (?:himself|herself|his \w+) (?:against|on)|pressed (?:himself|his body) "
     r"against|hand (?:up|down|inside) my (?:skirt|top|dress|shorts|trousers)|photo (?:up|"
     r"under) my|"
     r"film\w* (?:up|under) my|hands? (?:up|down|inside) my (?:skirt|top|dress|shorts|trousers)|"
     r"secretly film\w*|sex video|sex tape|private parts|"
     r"showed (?:me )?his "
     r"(?:penis|privates|\w+ parts)|(?:forced|made) to have sex|(?:came|come) into my (?:room|bed) "
     r"at night|(?:explicit|sexual|dirty) (?:messages|texts)|photos of himself|"
     r"didnt consent)", False),
    ("sexual images or waking undressed", r"\b(?:woke up (?:with|and) (?:no|none of my) clothes|"
     r"(?:pictures?|photos?|pics?) of (?:his|her) (?:genitals|penis|privates|private parts)|"
     r"genitals|"
     r"naked (?:picture|photo|pic|image|video|selfie))\b", True),
    ("indecent exposure", r"\b(?:exposed (?:himself|herself|his|themselves)|exposing (?:himself|"
     r"herself)|flash\w* (?:me|us|at|his|her|himself)|wanking|masturbat\w*)\b", True),
    ("intimate images", r"\b(?:upskirt\w*|revenge porn|(?:intimate|private) (?:images|photos|"
        r"pictures|"
     r"videos|pics)|nudes|naked (?:pictures|photos|pics|images|videos|selfies)|sextort\w*|sex "
     r"tape|explicit (?:pictures|photos|images|videos|pics)|dick pics?)\b", True),
]
