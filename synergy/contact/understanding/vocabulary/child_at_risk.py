"""Phrases of a child at risk: harmed, neglected, left alone, groomed or approached."""

from __future__ import annotations

from .words import CHILD, Pattern

PHRASES: list[Pattern] = [
    ("a child heard screaming", rf"\b(?:hear|hearing|heard|can hear) (?:\w+ ){{0,2}}{CHILD} "
     r"(?:\w+ ){0,3}(?:screaming|crying|sobbing|shrieking|begging|being (?:hit|smacked|hurt|"
     r"beaten|shouted at))\b", True),
    ("child left alone or neglected",
     rf"\b{CHILD} (?:\w+ ){{0,6}}(?:left (?:alone|on (?:his|her|their) own|unattended|home "
     r"alone|by (?:himself|herself|themselves))|home alone|on (?:his|her|their) own (?:in|at|all|"
     r"again|for|outside)|being (?:hit|hurt|beaten|smacked|abused|neglected|starved|shouted at|"
     r"screamed at|locked)|(?:covered )?in bruises|bruis\w*|no food|hungry|starving|filthy|"
     r"crying for hours|screaming for hours|wandering|out (?:alone |on (?:his|her|their) own )?"
     r"(?:at|until|till) (?:midnight|night|\w+ in the morning)|in (?:a|his|her|their) nappy|"
     r"nobody (?:looking after|watching)|no one (?:looking after|watching|with)|no adult|"
     r"(?:left )?in (?:a|the) (?:hot )?car)", True),
    ("someone harming a child",
     rf"\b(?:hit|hits|hitting|smack\w*|beat|beats|beating|hurt|hurts|hurting|abus\w*|neglect\w*|"
     rf"starv\w*|locks?|locked|locking|shak\w*|burn\w*|throw\w*|threw|kick\w*|punch\w*|slap\w*) "
     rf"(?:\w+ ){{0,2}}{CHILD}\b",
     True),
    ("child abuse or grooming", r"\b(?:groom\w*|child (?:sexual|abuse|neglect|protection|"
     r"exploitation)|cse|csa|neglect|neglected|neglecting|safeguarding)\b", True),
    ("adult hanging around children", r"\b(?:man|men|bloke|guy|stranger|someone) (?:\w+ ){0,3}"
     r"(?:hanging around|loitering|waiting|lurking|watching) (?:\w+ ){0,2}(?:school|playground|"
     r"the park|the kids|the children|the girls|the boys)\b", True),
    ("adult contacting a child",
     r"\b(?:man|men|adult|older (?:man|guy|lad|bloke|boy|boys)|bloke|stranger|guy|somebody|"
     r"someone) (?:\w+ ){0,3}(?:messag\w*|talking to|chatting to|texting|snapchat\w*|contacting|"
     r"sending (?:\w+ )?(?:pictures|photos|images|gifts|money|stuff) to|meeting up with|"
     rf"meet(?:ing)? up with|picking up|asking) (?:\w+ ){{0,3}}{CHILD}", True),
    ("carer incapable of looking after a child",
     rf"\b(?:drunk|off (?:his|her|their|(?:his|her|their) \w+) (?:face|head)|high|out of it|"
     rf"passed out|unconscious|wasted|smashed|off it|collapsed) (?:\w+ ){{0,8}}{CHILD}\b|\b{CHILD}"
     r" (?:\w+ ){0,8}(?:drunk|high|out of it|passed out|wasted|off (?:his|her|their) (?:face|"
     r"head))\b", True),
]
