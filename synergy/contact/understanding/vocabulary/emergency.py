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

from ..normalise import word_set
from .words import Pattern

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
        r"ing) a gun)\b",
        True,
    ),
    (
        "weapon now",
        r"\b(?:(?:has|s|got|with|holding|waving|pointing) (?:a |an )?(?:gun|knife|machete|"
        r"firearm|pistol|shotgun|rifle)(?! (?:licence|license|amnesty|crime|shop|block)"
        r")|(?:gun|knife) (?:at|to) (?:my|his|her|their) (?:head|throat|neck|chest))"
        r"\b",
        True,
    ),
    (
        "life at risk",
        r"\b(?:(?:isnt|not|stopped|no longer|aint|is not) breathing|(?:cant|can not|"
        r"cannot|struggling to) breathe|turning blue|gone blue|no pulse|(?:he|she|they|"
        r"someone|somebody|someones|hes|shes|theyre|child|baby|kid|son|daughter|boy|"
        r"girl|mum|mom|dad|husband|wife|partner|friend|brother|sister|man|woman|lad|"
        r"nan|grandad) (?:is |s |are )?dying|(?:think|feel like) (?:im|i am) dying|unresponsiv"
        r"e|unconscious|(?:wont|cant|will not|can not) wake (?:up|him|her|them)|(?:hes|"
        r"shes|has|have|just|s|theyve|someone|somebody) (?:just )?(?:collapsed|passed out|"
        r"keeled over)|collapsed (?:on|in) the (?:floor|street|road|ground|pavement)"
        r"|having a (?:seizure|fit|heart attack|stroke)|(?:is |s )choking|drowning|overdos\w*|"
        r"(?:doing|start|started|give|giving) (?:cpr|chest compressions)|cpr|chest compression"
        r"s|(?:need|call|send|get|want|waiting for|ring) (?:an |the |a )?(?:ambulance|"
        r"paramedics?)|ambulance (?:now|quick|quickly|please|asap)|paramedics|(?:lot of|"
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
        r"motorbike) (?:has |just |s |has just )?(?:crashed|crashing|come down|went down)"
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
        r" (?:car|house|building|water|flat|room)|pinned (?:under|down))\b",
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
        r"kitchen|loft|flat|garden)))\b",
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
        r"taxi))\b",
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
        r"husband|wife|partner|friend|brother|sister|nan|grandad|man|woman|boy|girl|lad)(?:s| is| "
        r"s)?) (?:not|isnt|stopped) (?:moving|responding)(?! out| house| in| away| on)|"
        r"(?:i think|i believe|think) (?:hes|shes|"
        r"theyre|he is|she is|they are|my \w+ is|my \w+ s) dead|found (?:\w+ ){0,3}dead|(?:a|"
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
]

# Words of the cues above that a slip of the fingers or of speech recognition should not hide:
# "stabebd" and "unconsious" are read as these (`normalise.tolerant_form`).
KEYWORDS = word_set(
    "shot stabbed knifed gunfire gunshots gunshot shooting breathing breathe unconscious "
    "unresponsive overdose overdosed bleeding ambulance paramedics collapsed choking drowning "
    "dying seizure flames explosion exploded crashed crashing collision overturned trapped "
    "intruder intruders burglar burglars breaking kidnapped abducted snatched dragged attacked "
    "attacking beaten battered knife machete firearm pistol shotgun rifle waving pointing "
    "blood fire"
)
