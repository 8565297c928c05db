"""Phrases of a mental health crisis: psychosis, stopped medication, not coping."""

from __future__ import annotations

from .words import Pattern

PHRASES: list[Pattern] = [
    ("mental health crisis", r"\b(?:mental health (?:crisis|episode|breakdown|team|nurse|"
     r"problems|problem|issues|act|services)|mental breakdown|nervous breakdown|having a "
     r"breakdown|breakdown)\b", True),
    ("psychosis", r"\b(?:psychosis|psychotic|hallucinat\w*|hearing (?:voices|things)|hears voices|"
     r"(?:cameras|microphones|bugs|trackers|chips?) in (?:his|her|my|the) (?:house|flat|home|walls|"
     r"head|teeth)|ripping (?:the|his|her) (?:walls|house)|voices "
     r"(?:in (?:my|his|her) head|telling)|paranoi\w*|delusion\w*)\b", True),
    ("sectioned or crisis team", r"\b(?:sectioned|section(?:ed)? under|crisis team|home "
     r"treatment team|cpn|psych ward|psychiatric|psychiatrist|bipolar|schizo\w*|manic|mania)\b",
     True),
    ("stopped medication", r"\b(?:off|stopped taking|not taking|hasnt taken|come off|refusing) "
     r"(?:his|her|their|my) (?:meds|medication|tablets|medicine|injection)\b", True),
    ("not making sense", r"\b(?:isnt|not|hasnt been|not been|wasnt) (?:making (?:any )?sense|"
     r"himself|herself|themselves|right in the head|in (?:his|her|their) right mind)\b|"
     r"\btalking (?:nonsense|gibberish|rubbish|to (?:himself|herself|themselves|people who "
     r"arent there|the walls))\b", False),
    ("believes they are being persecuted",
     r"\b(?:thinks|believes|convinced|saying|says|keeps saying) (?:that )?(?:people|someone|"
     r"they|the (?:government|neighbours|police|tv)|everyone|mi5|aliens|the devil|cameras) "
     r"(?:are|is|s|re) (?:\w+ )?(?:watching|following|after|out to get|spying|poisoning|"
     r"controlling|trying to|listening)\b", True),
    ("cannot cope", r"\b(?:cant|cannot|can not|couldnt) (?:cope|stop crying|stop shaking|think "
     r"straight|calm down|handle (?:it|this|anything))\b", False),
    ("in crisis", r"\b(?:panic attack\w*|panicking|losing (?:my|his|her) (?:mind|head)|losing it|"
     r"lost the plot|going mad|going crazy|in a (?:really |very )?(?:bad|dark) (?:place|way)|"
     r"falling apart|head is a mess|breaking point|havent slept (?:for|in) days)\b", True),
    ("having an episode", r"\b(?:(?:unwell|ill) mentally|mentally (?:unwell|ill)|dark thoughts|"
     r"scared of myself|having an episode|(?:psychotic|manic|bad) episode|world is "
     r"ending|end of the world|(?:someone|something|people) (?:is |are )?(?:inside|in) (?:her|his|"
     r"my) head)\b", True),
    ("behaving strangely", r"\b(?:acting|behaving) (?:really |very |so )?(?:strange\w*|weird\w*|"
     r"erratic\w*|odd\w*|bizarre\w*|out of character|crazy|irrational\w*)\b|\b(?:ranting|"
     r"screaming|shouting) (?:at nothing|at the (?:walls|sky)|to (?:himself|herself))\b|"
     r"\b(?:wandering|walking) (?:around |about )?(?:naked|in traffic|"
     r"in and out of traffic)\b", True),
    ("losing touch with reality", r"\b(?:controlled by (?:the )?(?:radio|tv|telly|government|"
     r"aliens|chip|devil)|not in (?:my|his|her|their) right mind|(?:dont|"
     r"doesnt) know what is real|whats real|seeing "
     r"things|things that arent there|people who arent there|chip in (?:his|her|my) (?:head|brain)|"
     r"bugs under (?:his|her|my) skin|believes (?:hes|shes|he is|she is) (?:god|jesus)|thoughts "
     r"(?:wont|are|keep) (?:slow|racing)|mind (?:is )?racing|up for days|awake for (?:\w+ )?days|"
     r"(?:tv|radio|telly) (?:is )?(?:sending|talking to|telling)|(?:being )?followed by the|"
     r"mental health|not coping|antipsychotic\w*|agitated|(?:hasnt|not|havent) slept (?:in|for) "
     r"days|ranting|in (?:his|her|the) walls)\b", True),
]
