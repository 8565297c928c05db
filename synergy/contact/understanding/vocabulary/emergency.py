"""Emergencies in the words people use: short, plain, often third person, typed or heard by
speech recognition (no punctuation, misheard words, the call taker's questions mixed in).

Each pattern is a *danger cue*: with nothing else it puts the call on the emergency route,
and its words are shown as the evidence. They cover what callers say when someone has been
shot or stabbed, is not breathing, is trapped, or a building is on fire, in the first or the
third person, happening now or just happened. "He was shot last year" is a past event:
`rules.danger_now` ignores a cue with a past word close to it. Patterns that describe a state
("not breathing") carry their own negation and are never negatable; the others are
(`(rule name, regex, negatable)`, as in `words.py`).
"""

from __future__ import annotations

from ..normalise import pattern_words, word_set
from .danger_frames import FRAMES
from .figurative import EVERYDAY_USES
from .timing import IN_PROGRESS
from .words import Pattern

# Who can be hurt, as the subject of a misheard cue ("someone's bin stepped").
_PERSON = (
    r"someone|somebody|someones|he|she|hes|shes|they|theyve|theyre|i|ive|im|we|weve|(?:my|our|"
    r"his|her|a|the) (?:\w+ )?(?:man|woman|lad|boy|girl|guy|bloke|kid|mate|son|daughter|brother|"
    r"sister|friend|husband|wife|partner|dad|mum|mom|neighbour|neighbor)|(?:man|woman|lad|boy|"
    r"girl|guy|bloke|kid|mate|son|daughter|brother|sister|friend|husband|wife|partner|dad|mum|"
    r"mom)s"
)
_VEHICLE = r"(?:car|van|lorry|bus|truck|motorbike|motorcycle|vehicle|taxi|tractor|bike)s?"

CUES: list[Pattern] = [
    (
        "shot or stabbed",
        r"\b(?:(?:has|have|s|ve|is|was|got|just|been) ){1,2}(?:shot|stabbed|knifed|shanked|"
        r"glassed|run over|hit by a (?:car|van|bus|lorry|train))\b|\b(?:shot|stabbed)"
        r" (?:him|her|them|someone|somebody|my \w+|a (?:man|woman|lad|boy|girl|kid)|"
        r"me|us)\b",
        True,
    ),
    (
        "gunfire",
        r"\b(?:gunfire|gun ?fire|gun ?shots?|shots (?:fired|being fired)|shooting (?:at|"
        r"outside|in the|on the|going on)|someone (?:is |s )?shooting|(?:heard|hear|"
        r"hearing) (?:a |some )?(?:shots?|shooting|gunshots?)|active shooter|fir(?:ed|"
        r"ing) a gun|(?:sound|sounds|sounded|sounding|like) (?:like )?(?:a )?(?:gun ?shots?|"
        r"guns?|gun ?fire|shots|shooting)(?! range| club| shop| licen[cs]e))\b",
        True,
    ),
    (
        "weapon now",
        r"\b(?:(?:has|s|got|with|holding|waving|pointing) (?:a |an )?(?:gun|knife|machete|"
        r"firearm|pistol|shotgun|rifle)s?(?! (?:licence|license|amnesty|crime|shop|block)"
        r")|(?:gun|knife) (?:at|to) (?:my|his|her|their) (?:head|throat|neck|chest)|at (?:gun|"
        r"knife) ?point|(?:fight|fighting|brawl|gang|gangs|men|lads) (?:\w+ )?with (?:knives|"
        r"guns|machetes|a knife|a gun|a machete|weapons)|(?:knives|guns|machetes|blades) out)"
        r"\b",
        True,
    ),
    (
        "life at risk",
        r"\b(?:(?:isnt|not|stopped|no longer|aint|is not) breathing|(?:cant|can not|"
        r"cannot|struggling to) breathe|turning blue|gone blue|no pulse|(?:he|she|they|"
        r"someone|somebody|someones|hes|shes|theyre|child|baby|kid|son|daughter|boy|"
        r"girl|mum|mom|dad|husband|wife|partner|friend|brother|sister|man|woman|lad|"
        r"nan|grandad) (?:is |s |are )?dying|(?:think|feel(?: like)?) (?:im|i am) dying|unresponsiv"
        r"e|unconscious|(?:wont|cant|will not|can not) wake (?:up|him|her|them)|(?:hes|"
        r"shes|has|have|just|s|theyve|someone|somebody|\w+s) (?:just )?(?:collapsed|passed out|"
        r"keeled over)|blood (?:everywhere|all over|is pouring|pouring|gushing|pumping|coming "
        r"out)|is (?:he|she|they|it|the \w+|your \w+) breathing no\b|collapsed (?:on|"
        r"in) the (?:floor|street|road|ground|pavement)"
        r"|having a (?:seizure|fit|heart attack|stroke)|(?:is |s )choking|drowning|overdos\w*|"
        r"(?:doing|start|started|give|giving) (?:cpr|chest compressions)|cpr|chest compression"
        r"s|heimlich|recovery position|(?:use|using|get|find) (?:a |an |the )?(?:defib|"
        r"defibrillator|aed)|(?:nearest|closest|where is (?:a|the)|wheres (?:a|the)) (?:defib|"
        r"defibrillator|aed)|number for (?:an |the )?ambulance|how long (?:does|will|is) (?:an |"
        r"the )?ambulance|(?:need|call|send|get|want|waiting for|ring) (?:an |the |a )?(?:"
        r"ambulance|paramedics?)|ambulance (?:now|quick|quickly|please|asap)|paramedics|(?:lot of|"
        r"so much|covered in|pool of|loads of) blood|bleeding)\b",
        False,
    ),
    (
        "fire",
        r"\b(?:on fire|(?:is|s|are|re) burning|burning (?:down|building|house|flat|car)"
        r"|(?:house|flat|building|kitchen|shop|block|tower) fire|fire in (?:the|my|a|"
        r"our|his|her|their)|flames|smoke (?:coming|pouring|everywhere)|explosion|exploded)"
        r"\b",
        True,
    ),
    (
        "crash",
        r"\b(?:(?:plane|aircraft|aeroplane|jet|helicopter|train|bus|lorry|car|van|truck|"
        r"motorbike) (?:has |just |s |has just )?(?:crashed|crashing|come down|came down|gone "
        r"down|went down|fallen out of the sky)|(?:car|van|lorry|bus|truck|motorbike|vehicle|"
        r"tractor|taxi) (?:has |just |s |has just )?(?:hit|smashed into|ploughed into|rammed|"
        r"collided with|gone into|went into|mounted the pavement and hit) (?:a |the |an |"
        r"another |some )?(?:car|van|lorry|bus|wall|tree|house|shop|lamp ?post|pedestrian|"
        r"cyclist|kid|child|man|woman|person|people|crowd|motorbike|bike)|(?:its|it s|it is) "
        r"on (?:its|it s) (?:roof|side)"
        r"|crash(?:ed|ing)? into (?:a |the )?(?:building|house|tower|crowd|people|shop|"
        r"school|river|canal|tree)|(?:theres|there has|there s|there is|just) (?:been |"
        r"just been )?(?:an? )?(?:bad |serious |big |massive |huge )?(?:car |road |motorway )"
        r"?(?:crash|collision|pile ?up)|overturned|flipped over)\b",
        True,
    ),
    (
        "trapped",
        r"\b(?:trapped|stuck (?:in|inside|under) (?:the |a |his |her |their )?(?:car|"
        r"lift|building|burning|water|river|rubble|wreck\w*|fire)|(?:cant|can not|cannot)"
        r" get (?:them|him|her) out|(?:cant|can not|cannot) get out of (?:the|my|this)"
        r" (?:car|house|building|water|flat|room)|pinned (?:under|down)|(?:fallen|fell|gone|"
        r"slipped) (?:in|into) (?:the |a )?(?:canal|river|water|lake|sea|reservoir|pond|dock|"
        r"quarry))\b",
        True,
    ),
    (
        "intruder",
        r"\b(?:(?:someone|somebody|someones|theres someone|there is someone|burglars?) "
        r"(?:is |are |s )?(?:in|inside) (?:my|the|our) (?:house|home|flat|room|bedroom|"
        r"kitchen|loft)|(?:a|the|some|an?) (?:strange )?(?:man|woman|men|bloke|guy|stranger|"
        r"person) (?:is |s )?(?:in|inside) (?:my|our) (?:house|home|flat|room|bedroom|kitchen|"
        r"loft)|intruders?(?! alarm)|(?:breaking|climbing) (?:in|into) (?:my|the|our)|"
        r"(?:trying to|tryna) (?:break|kick) (?:in|into|the door|my door)|burglars? "
        r"(?:in|inside|upstairs|downstairs)|(?:can )?hear (?:someone|somebody|them|people|"
        r"footsteps|a man|men) (?:\w+ )?(?:downstairs|upstairs|in (?:my|the|our) (?:house|"
        r"kitchen|loft|flat|garden))|broken in while (?:we|i|were|im|weve|ive) (?:are |am |were "
        r"|was |been )?(?:asleep|sleeping|in bed|in|home|upstairs|here)|(?:has|have|s|ve) just "
        r"broken (?:in|into (?:my|our|the) (?:house|home|flat)))\b",
        True,
    ),
    (
        "abduction",
        r"\b(?:kidnapp\w*|abduct\w*|snatched (?:a |the |my |her |his |their )?(?:\w+ )?"
        r"(?:kid|child|girl|boy|baby|toddler|son|daughter)|(?:kid|child|girl|boy|baby|toddler|"
        r"son|daughter) (?:has been |was |been |got |s been )snatched|(?:grabbed|dragged|"
        r"bundled|pulled|forced|pushed|thrown|put|taken|took) (?:a |the |my |this |that |some )?"
        r"(?:\w+ )?(?:kid|child|girl|boy|woman|man|lad|baby|her|him|them|someone|toddler) "
        r"(?:\w+ )?into (?:a |the |an |his |their )?(?:\w+ )?(?:van|car|vehicle|boot|truck|"
        r"taxi)|(?:kid|child|girl|boy|baby|toddler|son|daughter|sister|brother)s? (?:has |s )?"
        r"(?:been |was |got )(?:taken|grabbed|snatched|dragged|bundled) (?:away |off )?by (?:a|"
        r"an|some|this|two|three) (?:\w+ )?(?:man|woman|men|stranger|guy|bloke|people|lads?|group)|"
        r"(?:grabbed|dragged|bundled|forced|shoved|pushed|thrown|threw|snatched) (?:\w+ )"
        r"{0,6}?(?:in|into) (?:a |the |an |his |her |their )?(?:\w+ )?(?:van|car|vehicle|boot|"
        r"truck|taxi)(?! park| wash| showroom| dealer\w*)|(?:someone|somebody|a (?:man|woman|"
        r"stranger|guy|bloke)|some (?:man|woman|guy|bloke)) (?:has |s |just |has just )?(?:taken|"
        r"took|grabbed|snatched) (?:my|our|a|the) (?:little |baby |\w+ )?(?:girl|boy|son|"
        r"daughter|baby|child|kid|toddler))\b",
        True,
    ),
    (
        "attack now",
        r"\b(?:he|she|they|someone|somebody|someones|hes|shes|theyre|child|baby|kid|"
        r"son|daughter|boy|girl|mum|mom|dad|husband|wife|partner|friend|brother|sister|"
        r"man|woman|lad|nan|grandad) (?:is |are |s |re )?(?:being (?:attacked|beaten|"
        r"mugged|robbed)|getting (?:beaten|battered|jumped|stabbed|attacked))\b|\b(?:please (?"
        r":hurry|come quick)|send (?:someone|help|police|the police) (?:now|quick|quickly)"
        r")\b",
        True,
    ),
    (
        "life at risk (2)",
        r"\b(?:(?:hes|shes|theyre|he is|she is|they are|(?:mum|mom|dad|son|daughter|baby|child|"
        r"husband|wife|partner|friend|brother|sister|nan|grandad|man|woman|boy|girl|lad|driver|"
        r"passenger|rider|cyclist|pedestrian|person|guy|bloke|kid|lady|fella)(?:s| is| s)?) (?:"
        r"not|isnt|stopped) (?:moving|responding)(?! out| house| in| away| on)|"
        r"(?:i think|i believe|think) (?:hes|shes|"
        r"theyre|he is|she is|they are|my \w+ is|my \w+ s|my \w+s) dead|found (?:\w+ ){0,3}dead|"
        r"(?:a|"
        r"dead) body|(?:hanging|hanged) (?:in the|from|himself|herself|themselves)|found (?:him|"
        r"her|them|someone|somebody|(?:my|our|a|the) (?:son|daughter|husband|wife|partner|mum|"
        r"dad|brother|sister|friend|man|woman|boy|girl|lad|neighbour)) hanging|foaming at the "
        r"mouth|(?:threatening|going|about|trying|wants) to jump (?:off|from)|jumped (?:off|"
        r"from) (?:a|the))\b",
        False,
    ),
    (
        "attack or weapon (2)",
        r"\b(?:kicking (?:a |the )?(?:man|woman|lad|boy|girl|someone|somebody|him|her|them)|"
        r"(?:hit|hitting|attacked|attacking) (?:a (?:man|woman|lad|boy|girl)|someone|somebody|"
        r"him|her|them|me|us|my \w+) with (?:a |an )?(?:brick|"
        r"bottle|bat|hammer|weapon|iron bar|axe)|gun ?man|gun ?men|armed (?:man|men|robbery|"
        r"robbers?)|(?:drove|driving|ran|running|run) off with (?:my|our|the) (?:son|daughter|"
        r"child|baby|kids?|boy|girl))\b",
        True,
    ),
    (
        "crash or fire (2)",
        r"\b(?:(?:car|van|vehicle|lorry) on (?:its|it s|their) (?:roof|side)|(?:hit|knocked "
        r"down|ran over) (?:a |the )?(?:kid|child|pedestrian|cyclist|man|woman|boy|girl|lad)|"
        r"full of smoke|(?:ive|weve|hes|shes|im|theyve) (?:just )?been (?:hit by a (?:car|van|"
        r"bus|lorry)|run over|shot|stabbed))\b",
        True,
    ),
    (
        "life at risk (3)",
        r"\b(?:floppy|lifeless|(?:going|gone|turning|turned) (?:purple|grey|gray)|(?:wont|cant|"
        r"will not) wake\b|heart (?:has |s )?stopped|cardiac arrest|(?:hes|shes|theyre|is|s|"
        r"keeps) (?:\w+ )?fitting(?! (?:in|out|a|the|new|kitchen|carpet|room|windows|for)\b)|"
        r"(?:son|daughter|baby|child|kid|mum|mom|dad|husband|wife|partner|brother|sister|friend|"
        r"nan|grandad|boy|girl|toddler)s? (?:is )?fitting(?! (?:in|out|a|the|new|kitchen|carpet|"
        r"room|windows|for)\b)|"
        r"(?:swallowed|drank|drunk|eaten|ate) (?:a |some |the |loads of |a bottle of |a load of "
        r"|half a bottle of )?(?:bleach|poison|batteries|a battery|chemicals|weed ?killer|"
        r"antifreeze|drain cleaner)|(?:took|taken|swallowed|had) (?:a load of|loads of|all (?:my|"
        r"his|her|their|the)|a whole|a bottle of|a packet of|a box of|too many|lots of|a handful "
        r"of|[0-9]{2,}) (?:\w+ )?(?:tablets|pills|paracetamol|painkillers|insulin|meds|"
        r"medication)|cut (?:himself|herself|themselves|myself) (?:\w+ ){0,2}(?:deep|badly|bad)|"
        r"(?:threw|thrown|throwing|chucked) (?:acid|bleach|a corrosive|petrol)|acid attack|"
        r"smell (?:of )?gas|gas leak)\b",
        True,
    ),
    (
        "weapon or attack (3)",
        r"\b(?:pulled (?:out )?(?:a |his |her )?(?:knife|gun|blade|machete) on|fir(?:ed|ing) "
        r"(?:a |the |his |her )?(?:gun|shotgun|rifle|pistol|weapon|shots)|(?:just|has just|have "
        r"just|s just|ve just) (?:been )?(?:\w+ ){0,4}(?:punched|mugged|robbed|assaulted|"
        r"attacked|beaten up) (?:me|us|him|her)?|being dragged|balaclavas?|masked (?:men|man|"
        r"gang))\b",
        True,
    ),
    (
        "crash (3)",
        rf"\b(?:{_VEHICLE} (?:has |just |s |is )?(?:flipped|rolled)|{_VEHICLE} (?:has |just "
        r"|s |is )?(?:gone|went|crashed|ploughed|smashed) into (?:the back of |the side of )?(?:a "
        rf"|the |an )?(?:{_VEHICLE}|wall|tree|house|shop|lamp ?post|crowd|people|ditch|barrier|"
        rf"bridge|building|pedestrian|cyclist|kid|child)|{_VEHICLE} (?:is |s |has gone |went |"
        r"gone )?(?:in|into) the (?:river|canal|water|lake|sea|reservoir))\b",
        True,
    ),
    (
        "fire (3)",
        r"\b(?:(?:theres|there is|there s) (?:a |been a )(?:\w+ )?fire(?! (?:alarm|engine|station|"
        r"safety|door|escape|exit|brigade|service|extinguisher|drill|risk|pit|work|pit|place|"
        r"hydrant|officer))|"
        # round 7: "fire in kitchen", as callers with little English say it
        r"(?<!no )(?<!not a )(?<!is there a )(?<!any )fire in (?:the |my |our |a |his |her |"
        r"their )?(?:kitchen|house|flat|"
        r"home|bedroom|building|room|garage|shop|block|stairwell|hallway|loft|attic|car|van))\b",
        True,
    ),
    (
        "an attack named",
        # round 7: the incident named as a noun ("there's been a stabbing on Market Street",
        # "Stabbing. Market Street. Now.")
        r"\b(?:(?:theres|there is|there s|there has|there have|there was|theres been|there s been)"
        r" (?:been )?(?:a |an |another )?(?:\w+ )?(?:stabbing|shooting|knifing|explosion|armed "
        r"robbery|hold ?up|acid attack|knife attack|machete attack|gun attack)|(?:stabbing|"
        r"shooting|knifing|explosion|acid attack|knife attack)(?= (?:\w+ ){0,5}(?:now|right now|"
        r"just now|happening|going on|as we speak)\b)|(?:people|someone|somebody|a (?:man|woman|"
        r"lad|girl|boy|kid|child)|bodies|kids|two|three|several) (?:\w+ ){0,2}lying (?:in|on) "
        r"the (?:street|road|floor|ground|pavement) (?:\w+ ){0,2}(?:hurt|injured|bleeding|not "
        r"moving|unconscious|screaming))\b",
        True,
    ),
    (
        "trapped or intruder (3)",
        r"\b(?:(?:lift|elevator) (?:is |s |has )?(?:stuck|broken down|stopped)(?: \w+){0,5} "
        r"inside|(?:child|baby|kid|toddler|dog|children|kids) (?:\w+ )?(?:locked|left|shut|trapped)"
        r" in (?:a |the |my |his |her )?(?:hot )?car|(?:climbed|climbing|came|got|getting|broke) "
        r"(?:in )?through (?:my|the|our) (?:\w+ )?(?:window|door)|(?:theres|there are|there is) "
        r"(?:a |some )?(?:men|man|people|someone|lads|guys|blokes)(?: \w+){0,3} in (?:my|our) "
        r"(?:garden|house|home|flat|yard|kitchen)|jumped (?:in|into) (?:the|a) (?:river|canal|"
        r"water|sea|lake))\b",
        True,
    ),
    (
        "abduction (3)",
        r"\b(?:(?:got|has|taken|took|grabbed) (?:my|our) (?:\w+ )?(?:son|daughter|kids?|children|"
        r"child|baby|boy|girl) (?:\w+ ){0,3}(?:driving|drove|driven|ran|running|gone) (?:off|"
        r"away)|"
        # round 7: someone shut in a car boot
        r"(?:banging|knocking|kicking|screaming|shouting|crying|someone|somebody|a (?:man|woman|"
        r"girl|boy|kid|child|person)) (?:\w+ ){0,4}(?:in|inside|from inside|from) (?:the|a|his|"
        r"her|their) (?:car )?boot|(?:locked|shut|put|thrown|stuffed|bundled) (?:\w+ ){0,3}(?:in|"
        r"into) (?:the|a|his|her|their) (?:car )?boot)\b",
        True,
    ),
    (
        "life at risk (4)",
        r"\b(?:(?:check|know|tell|see) (?:if|whether) (?:he|she|they|hes|shes|theyre|the baby|"
        r"(?:my|your) \w+s?) (?:is |s |are )?(?:still )?breathing|mouth to mouth|rescue breaths|"
        r"press (?:down )?on (?:his|her|their|the) chest|"
        rf"(?:{_PERSON}|baby|babys|child|childs|kid|kids|toddler|toddlers) (?:is |s )?choking|"
        rf"(?:{_PERSON}|hes|shes) (?:is |s )?(?:not|isnt) moving(?! (?:house|out|in|away|to|on|"
        r"back|forward|here|there|abroad)\b)|(?:lying|laying) (?:\w+ ){0,6}not moving)\b",
        False,
    ),
    (
        "knocked down or slashed",
        r"\b(?:(?:somebody|someone|someones|cyclist|pedestrian|child|kid|man|woman|person|boy|"
        r"girl|lad|old lady|old man)s? (?:has |s |was )?(?:just )?(?:been |got )?knocked (?:off|"
        r"over|down)(?! (?:the|a|an|his|her|my|their|our|your|some|it|that|this)\b)|knocked (?:"
        rf"off|over|down) by (?:a |an |the )?{_VEHICLE}|slashed (?:\w+ ){{0,2}}(?:face|throat|"
        r"neck|arm|wrists?|stomach)|(?:been |got )slashed)\b",
        True,
    ),
    (
        # Speech recognition mishears the commonest emergency words; heard through the
        # project's flite -> G.711 -> Whisper path: "stabbed" as "stepped", "stamped" or
        # "tucked", "been" as "bin", "bleeding" as "leading" or "leaving", "knife" as "nice",
        # "overdosed" as "over dose". Each is read only in a frame that leaves no everyday
        # sense ("someone's bin stepped outside", "he's leaving really badly", "a nice to her
        # throat"); "my passport has been stamped", "he stepped down", "she's leaving the
        # country" and "nice to meet you" stay everyday.
        "misheard",
        rf"\b(?:{_PERSON}) (?:(?:s|has|have|ve|just|got|been|bin|bins|was) ){{1,3}}(?:stepped|"
        r"stamped|tucked)(?! (?:on|in|down|up|out|back|off|away|over|into|aside|forward|the|a|an"
        r"|my|his|her|your|their|our|it|this|that|by|through|for|with|at)\b)|(?:stepped|stamped) "
        r"(?:him|them|someone|somebody|(?:his|her|my) (?:wife|husband|girlfriend|boyfriend|"
        r"partner|mate|friend|brother|sister|son|daughter|mum|dad))\b|stepped her\b(?! (?:passport|"
        r"card|form|hand|ticket|letter|book|foot|feet|toe|up|down|through)\b)|(?:is|s|hes|shes|"
        r"theyre|are|im|were|man|woman|lad|someone|somebody|guy|bloke|kid|boy|girl) (?:leading|"
        r"leaving) (?:really |very |so |quite )?(?:badly|heavily|"
        r"everywhere|profusely|from (?:his|her|their|my|the) (?:head|neck|arm|leg|chest|face|"
        r"mouth|nose|stomach|back))|nice (?:to|at|against) (?:her|his|my|their|your|the) (?:"
        r"throat|neck)|over dos(?:e|ed|ing)\b",
        True,
    ),
]

# "No one is hurt": a crash that hurt no one is a road traffic report, not an emergency.
NOBODY_HURT = (
    r"\b(?:(?:no ?one|nobody|nobodys|none of us|no one s) (?:is |was |s |has been |got |been |"
    r"were |are |seems |looks )?(?:hurt|injured|harmed)|no (?:injuries|casualties|one injured|"
    r"one hurt))\b"
)
# Questions about *learning* first aid. A first-aid question in the present ("how do I do CPR",
# "how do you stop bleeding") may be asked over someone who is dying, so its cues count as danger
# now. Only a turn about a course, a class, training, a certificate or a job (`LEARNING`) makes
# a cue made only of the words of such a subject (`TOPIC_ONLY`) a question, and not when first
# aid is given to someone (`GIVEN_TO`): "CPR course near me" is an enquiry, "how do I do CPR on
# my dad, I did a course" is not.
TOPIC_ONLY = (
    r"(?:(?:doing|start|give|giving) )?(?:cpr|chest compressions)|(?:need|call|send|get|want|"
    r"ring) (?:an |the |a )?(?:ambulance|paramedics?)|paramedics|having a (?:seizure|fit|heart "
    r"attack|stroke)|heimlich|recovery position|(?:use|using|get|find) (?:a |an |the )?(?:defib|"
    r"defibrillator|aed)|(?:nearest|closest|where is (?:a|the)|wheres (?:a|the)) (?:"
    r"defib|defibrillator|aed)|number for (?:an |the )?ambulance|how long (?:does|will|is) "
    r"(?:an |the )?ambulance"
)
LEARNING = (
    r"\b(?:course|courses|class|classes|training|trained|train|learn|learning|lesson|lessons|"
    r"certificate|certification|certified|qualification|qualified|instructor|refresher|teach|"
    r"taught|workshop|ratio|first aiders?|job|employer|staff|exam|exams|revision|volunteering|"
    r"lifeguard|become a)\b"
)
GIVEN_TO = (
    r"\b(?:cpr|chest compressions|heimlich|first aid|recovery position|defib|defibrillator) "
    r"(?:on|to) (?:him|her|them|he|she|this|my|our|his|their|the (?:man|woman|lad|guy|baby|"
    r"child|kid|girl|boy))\b"
)
TOPIC = rf"\b(?:{TOPIC_ONLY}|first aid|defibrillator|defib)\b"

# Words of the cues above that a slip of the fingers or of speech recognition should not hide:
# "stabebd", "unconsious" and "burinng" are read as these (`normalise.tolerant_form`). Every
# word of five letters or more written in a cue, so a new cue is covered without a second list;
# the words of the everyday idioms too, so "drowning in hoemwork" is still an idiom.
KEYWORDS = word_set(
    "shot stabbed knifed gunfire gunshots gunshot shooting breathing breathe unconscious "
    "unresponsive overdose overdosed bleeding ambulance paramedics collapsed choking drowning "
    "dying seizure flames explosion exploded crashed crashing collision overturned trapped "
    "intruder intruders burglar burglars breaking kidnapped abducted snatched dragged attacked "
    "attacking beaten battered knife machete firearm pistol shotgun rifle waving pointing "
    "blood fire gunpoint knifepoint"
) | pattern_words(*(rx for _, rx, _ in [*CUES, *FRAMES]), IN_PROGRESS, LEARNING, EVERYDAY_USES)
