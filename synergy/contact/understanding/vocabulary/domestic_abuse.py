"""Phrases of domestic abuse: violence, coercive control and fear of a partner or family
member, forced marriage, broken court orders."""

from __future__ import annotations

from .words import Pattern

_RELATIVE = (
    r"(?:partner|husband|hubby|wife|boyfriend|girlfriend|bf|gf|ex(?: partner| husband| wife|"
    r" boyfriend| girlfriend)?|fiance|fiancee|other half|babys? (?:dad|father)|kids (?:dad|father)"
    r"|childrens (?:dad|father)|step ?dad|stepfather|step ?mum|dad|father|son|daughter|brother|"
    r"sister|uncle|(?:mother|father|brother|sister) in law|in laws)"
)
_ABUSE_VERB = (
    r"(?:hit|hits|hitting|punch|punched|punches|punching|kick|kicked|kicks|kicking|slap|slapped|"
    r"slaps|slapping|beat|beats|beaten|beating|batter\w*|strangl\w*|chok\w*|push|pushed|pushes|"
    r"shove|shoved|shoves|throttl\w*|headbutt\w*|bit|bites|attack\w*|assault\w*|hurt|hurts|"
    r"hurting|abus\w*|threaten\w*|drag\w*|grab\w*|spat|spits)"
)
_NOT_PASSIVE = r"(?:(?!was |got |been |is |were |being |be )\w+ )?"

PHRASES: list[Pattern] = [
    ("domestic incident", r"\bdomestic(?: abuse| violence| incident| row| situation)?\b", True),
    ("abusive relationship", r"\babusive (?:partner|husband|wife|boyfriend|girlfriend|ex|"
     r"relationship|marriage|home|fella)\b", True),
    ("partner or family member using violence",
     rf"\b(?:my|her|his|their|the|your) {_RELATIVE} {_NOT_PASSIVE}(?:has |had |keeps |always |just "
     rf"|been |then )?{_ABUSE_VERB}\b", True),
    ("he or she hurting the caller or family",
     rf"\b(?:he|she|hes|shes) {_NOT_PASSIVE}(?:has |had |keeps |just |been )?{_ABUSE_VERB} "
     r"(?:me|us|my mum|my mom|my mother|my sister|my brother|my nan|the kids|my kids|"
     r"the children|her|him)\b", True),
    ("coercive control: money, phone or movements",
     rf"\b(?:he|she|hes|shes|{_RELATIVE}) (?:\w+ ){{0,2}}(?:control\w*|takes|took|keeps|has taken|"
     rf"has all) "
     r"(?:all |of )?(?:my|her|his|the|everything|mine) ?"
     r"(?:money|finances|bank\w*|wages|benefits|phone|life|card|cards|passport|keys)", True),
    ("coercive control: not allowed out or to see people",
     r"\b(?:wont|doesnt|will not|does not|never|wouldnt|didnt) (?:let|lets|allow|allows) (?:me|"
     r"her|him|us) (?:\w+ ){0,2}(?:out|leave|go|see|have|talk|speak|work|use|near|contact)\b",
     False),
    ("coercive control: monitoring",
     r"\b(?:checks|checking|tracks|tracking|track|monitors|monitoring|goes through|went through|"
     r"reads) (?:all )?(?:my|her) (?:phone|messages|texts|location|emails|bank|every)", True),
    ("fear of partner", rf"\b(?:walking on eggshells|hiding from (?:him|her|my {_RELATIVE})|"
     rf"(?:scared|frightened|terrified|afraid) "
     rf"(?:of|to go home|to go back|of going home|what) (?:to )?(?:him|her|my {_RELATIVE}|he|she|"
     r"going home))\b", True),
    ("violence by a partner", rf"\b(?:beaten|hit|attacked|assaulted|abused|hurt|punched|kicked|"
     rf"strangled|raped|threatened) (?:up )?by (?:her|his|my|their|our) {_RELATIVE}\b", True),
    ("forced marriage", r"\b(?:forc\w* (?:me|her|him) (?:to|into) marr\w*|arranged marriage|forced "
     r"into (?:a |an )?(?:arranged )?marriage|marry someone (?:i|she|he) (?:dont|doesnt|has never|"
     r"have never|never))", True),
    ("court order broken", r"\b(?:court order(?! (?:says|said|allows|lets|gave|gives|states|"
     r"hearing|application))|injunction|bail conditions)\b", True),
    ("violence by he or she", r"\b(?:he|she|hes|shes) (?:keeps |always |has |just |then )?(?:bites|"
     r"scratches|grabbed me|grabs me|pulled my hair|pulls my hair|grabbed me by|"
     r"throws things at me|"
     r"threw (?:things|stuff) at me|puts me down|putting me down|controls everything|spits on me|"
     r"spat at me)", True),
    ("abusive family member", rf"\b(?:my|her|his) (?:\w+ )?{_RELATIVE} (?:is|was|gets|got|has been|"
     r"can be|keeps being) (?:\w+ )?(?:abusive|violent|aggressive) (?:to|towards|with) (?:me|her|"
     r"him|my|us)\b", True),
    ("hands on the neck", r"\b(?:he|she|hes|shes) (?:\w+ ){0,3}(?:hands?|arm) (?:round|around|on) "
     r"my (?:neck|throat)\b|\bgrabbed me by the (?:hair|throat|neck|arm)\b", True),
    ("scared to go home", r"\b(?:scared|frightened|terrified|afraid) to (?:go (?:back )?home|be "
     r"(?:at home|alone|in the house) with (?:him|her|my))\b", True),
    ("fear of what they will do", rf"\b(?:scared|frightened|terrified|afraid) (?:that |of what )?"
     rf"(?:he|she|hell|shell|hed|shed|my {_RELATIVE})\b", True),
    ("locked in or out", r"\b(?:locks|locked|locking) (?:me|her|us) (?:in|out)\b|\b(?:keeps|kept) "
     r"(?:me|her) locked\b|\b(?:he|she) (?:\w+ ){0,2}gets (?:really )?(?:violent|nasty|"
     r"aggressive)\b",
     True),
    ("protective order", r"\b(?:non ?molestation|restraining|occupation|protective) order\b",
     True),
    ("ex harassing or stalking",
     r"\bmy ex (?:\w+ ){0,3}(?:keeps|keep|wont stop|wont leave|following|turning up|turned up|"
     r"stalking|watching|sitting outside|outside|harass\w*|threaten\w*|bombard\w*)", True),
    ("forced marriage or honour-based abuse",
     r"\b(?:forced marriage|honou?r based|force (?:me|her|him) (?:to|into) marr\w*|"
     r"(?:making|made|makes) (?:me|her|him) marry|make (?:me|"
     r"her) marry|marry (?:someone|a man|a cousin|him) (?:i|she) (?:dont|doesnt))", True),
    ("hears someone being hurt next door",
     r"\b(?:hear|heard|hearing|can hear) (?:\w+ ){0,5}(?:being (?:hit|beaten|hurt|attacked|"
     r"thrown)|hitting her|hitting him|beating her|beating him|screaming for help|"
     r"screaming stop)", True),
    ("permission or leaving punished",
     r"\b(?:ask|asking|get|need|needs|have to ask) (?:for )?(?:his|her) permission\b|"
     r"\bif (?:i|she) (?:ever )?(?:leave|left|leaves|try to leave|tried to leave) "
     r"(?:him|her)\b", True),
    ("household afraid of him or her",
     r"\b(?:kids|children|we|were|im|i am|family|boys|girls) (?:are |were |is |all )?(?:\w+ )?"
     r"(?:scared|frightened|terrified|petrified) (?:stiff |to death )?of (?:him|her)\b", True),
    ("threat if they leave or tell", r"\bthreat\w* (?:\w+ ){0,6}if (?:i|she|he) (?:ever )?"
     r"(?:leave|left|leaves|go|went|tell|told|call|called)\b", True),
    ("a woman being beaten", r"\b(?:woman|lady|she|wife|mum|mother|sister|daughter|her) "
     r"(?:\w+ ){0,4}(?:being|getting|gets|is being) (?:beaten|battered|knocked about|hit|"
     r"slapped|strangled)\b", True),
]
