"""Phrases of a threat to life: threats to kill, weapons, strangulation, arson, serious injury."""

from __future__ import annotations

from .words import Pattern

PHRASES: list[Pattern] = [
    ("threat to kill", r"\b(?:kill|murder|stab|shoot|strangle|slit|bury|knife|shank) (?:me|us|her|"
     r"him|them|you|my \w+|the kids|everyone|everybody|you all|your \w+)\b|\b(?:burn|torch) "
     r"(?:\w+ ){0,3}(?:house|flat|home|car) down\b", True),
    ("threat that they will never leave", r"\b(?:make sure|making sure|ensure) (?:that )?(?:i|she|"
     r"he|we|they|you) (?:never|dont|wont|do not|will not) (?:leave|get out|see|walk|wake|live)",
     False),
    ("veiled threat", r"\b(?:make sure|making sure) (?:that )?(?:i|she|he|we|they|you) "
     r"(?:regret|regrets|pay for|are sorry|suffer)|(?:youll|you will|shell|hell|theyll|ill|"
     r"she will|he will) (?:regret|be sorry for) (?:it|this|that)\b|\byoull be sorry\b", True),
    ("afraid for their safety at home", r"\b(?:scared|frightened|terrified|afraid) (?:to be|of "
     r"being|to stay|to sleep) (?:\w+ )?(?:at home|in (?:my|the|our) (?:own )?(?:house|flat|home|"
     r"room))|\b(?:scared|frightened|terrified|afraid) for (?:my|our|her|his) (?:life|lives|"
     r"safety)\b", True),
    ("told they are dead", r"\b(?:youre|your|ur|you are|youll be|hell be|shell be|ill be|im|i am|"
     r"were) (?:\w+ )?dead (?:meat|man|woman)?\b|\b(?:dead by|in a box|six feet under|in the "
     r"ground)\b", True),
    ("weapon", r"\b(?:with|pulled|pulls|waving|waved|wave|held|holding|brandish\w*|got|has|had|"
     r"grabbed|produced|carrying|threatened me with|came at (?:me|us|him|her) with|"
     r"(?:picture|pictures|photo|photos) of) (?:a |an |his |her |their |the |out a |out his )?"
     r"(?:\w+ )?(?:knife|knives|gun|guns|firearm|pistol|shotgun|rifle|machete\w*|blade|sword|"
     r"crossbow|acid|petrol bomb|weapon|weapons|baseball bat|bat|hammer|axe|cleaver|crowbar|"
     r"screwdriver)\b|\b(?:knife|blade|gun) "
     r"to (?:my|her|his|their) (?:throat|neck|head|face)\b|\bthrow acid\b", True),
    ("strangulation or airway", r"\b(?:strangl\w*|chok\w*|throttl\w*|(?:hands?|arm) (?:round|"
     r"around|on) (?:my|her|his) (?:neck|throat)|(?:couldnt|cant|could not|can not) breathe|"
     r"suffocat\w*|smother\w*|not breathing)\b", True),
    ("arson threat", r"\b(?:set fire to|set (?:the |my |our |his |her )?(?:house|flat|car|home)"
     r" (?:on fire|alight)|(?:petrol|something burning|a rag|fireworks?) through (?:the|my|our) "
     r"letterbox|firebomb\w*)\b", True),
    ("fear for life", r"\b(?:threat to (?:my |her |his )?life|osman|fear(?:ed|ing)? for (?:my|"
     r"her|his|their|our) (?:life|lives|safety)|in fear of (?:my|her|his) life|(?:going to|gonna) "
     r"die|(?:think|thought|scared) (?:hes|shes|theyre|he is|she is|they) (?:gonna|going to) "
     r"(?:kill|hurt))\b", True),
    ("threat of death", r"\b(?:if (?:he|she|i) (?:cant|cannot) (?:have|be with) (?:me|her|him)"
     r"(?: then)? (?:nobody|no one|noone)|(?:wont|will not|not) (?:live|make it) to (?:see )?|"
     r"coming for (?:me|you|us|him|her)|(?<!the )end (?:me|you|him|her)\b|do (?:me|you|him|her) "
     r"in|cut "
     r"(?:me|you|him|her) up|put (?:me|you|him|her) in (?:hospital|a box|the ground)|finish (?:me|"
     r"you|him|her) off|(?:wont|will not) miss|run (?:me|him|her|my \w+) (?:down|over)|(?:blacked|"
     r"passed) out|everything went black|pressed on (?:my|her|his) (?:throat|neck)|"
     r"(?:hands?|arm) (?:round|around|on) (?:my|her|his) (?:neck|throat))", False),
    ("threat to kill (2)", r"\b(?:(?:ill|youll|hell|shell|theyll|you will|i will|he will|she "
     r"will|they will|you would|i would) be (?:killed|murdered|shot|stabbed|dead)|kill (?:himself|"
     r"herself) and (?:me|us|the kids|my)|price on "
     r"(?:my|his|her|your) head|shoot up (?:our|the|my|his|her) (?:house|home|flat)|slit (?:my|"
     r"your|"
     r"her|his) throat|(?:said|says) (?:she|he|i|you|were|theyre)(?:s|re| is| am|"
     r" are)? next)\b", True),
    ("weapon threats (2)", r"\b(?:get a bullet|(?:pointed|aimed) a (?:gun|knife|weapon)|cut (?:my|"
     r"his|her|your) throat)\b", True),
    ("hunted down", r"\b(?:(?:find|hunt|track) (?:you|me|her|him|us) down|(?:knows|know) where "
     r"(?:i|you|we|she|he) lives?|watch (?:your|my) back|(?:hurt|harm|take) (?:my|the|our) "
     r"(?:kids|children|baby|family))\b", True),
    ("serious injury", r"\b(?:unconscious|bleeding (?:heavily|badly|a lot|everywhere)|been "
     r"stabbed|was stabbed|stabbed|been shot|shot at|gunshot\w*)\b", True),
]
