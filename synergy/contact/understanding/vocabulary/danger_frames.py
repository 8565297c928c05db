"""Emergencies as frames: *who* and *what is happening to them* (or *with what*), built from
lexicons of concepts rather than from the sentences that showed them.

`emergency.py` holds cues written phrase by phrase; on a batch of new wording they caught a
third of the emergencies (a person "plunged", "jooked" or "glassed", a baby "gone all limp", a
kitchen "alight"). Here each concept has one lexicon, with its inflections, synonyms and UK
slang (`STABBED`, `WEAPON`, `BAD_STATE`...), and the frames combine them:

* harm done to someone: a person + "has been / just got" + a harm word ("our kid's been
  plunged", "I've been jumped"; "I got punched" is most often a crime reported afterwards);
* harm being done: someone + a harm word + a person ("he's shanked someone", "they're battering
  some poor bloke"), the weaker words ("cut", "stuck") only with how or where ("cut her really
  bad", "stuck me in the belly");
* a weapon in hand now ("a fella with a blade", "waving a meat cleaver about");
* a person in a bad state ("my husband's gone a funny colour", "lips are blue", "can't rouse
  her", "his breathing is really shallow");
* fire, crashes, people trapped or in water, intruders, a child taken or lost just now, a dog
  attacking a person, a life at risk now, a fall from a height, a person in the road, a
  vehicle driven at people, a suspicious package, a hostage, poison, gas or a burn;
* concepts rather than sentences (round 4): any vehicle driven into any group of people ("a
  bus has gone into a group of school kids"), anything built that falls on people or with
  people under it ("the scaffold's come down and there's people underneath"), a person in open
  water ("a woman in the canal"), striking a head with anything swung ("smashed a bottle over
  his head", "whacked round the head with a hammer"), a fight with weapons and someone down,
  a petrol bomb or firebomb, and harm done to people in general ("stabbing people");
* the commonest words as speech recognition mishears them ("he's been shop", "she's not
  breeding"), only in frames that leave no everyday sense.

Every frame is a danger cue (`rules.danger_now`): a past word near it makes it history, a
threat word before it a threat, a negation a denial, and `figurative.py` holds the everyday
uses that do not count ("bleeding me dry", "drowning in paperwork", "shot down by the
council"). The caller's words the frame matched are the evidence."""

from __future__ import annotations

from .words import Pattern

# --- concept lexicons -----------------------------------------------------------------------

PEOPLE = (
    r"(?:man|men|woman|women|lad|lads|boy|boys|girl|girls|guy|guys|bloke|blokes|fella|fellas|"
    r"feller|geezer|kid|kids|child|children|baby|toddler|teenager|mate|son|daughter|brother|gang|"
    r"mob|"
    r"sister|friend|husband|wife|partner|boyfriend|girlfriend|dad|mum|mom|mam|mother|father|nan|"
    r"nana|gran|grandad|grandma|grandpa|uncle|aunt|auntie|cousin|neighbour|neighbor|flatmate|"
    r"housemate|stepdad|stepmum|nephew|niece|pedestrian|cyclist|driver|passenger|rider|person|"
    r"lady|student|pupil|colleague|workman|worker|customer|stranger|missus|fiance|fiancee|fellow|"
    r"pensioner|oap|commuter|resident|tourist|shopper|punter|youth|teen|walker|jogger|runner|"
    r"bouncer|security guard|nurse|doctor|teacher|builder|labourer|postman|postie|fan|protester|"
    r"spectator|family|families|elderly|old dear|old boy|old girl)"
)
# A person as the subject of a frame: a pronoun, or a person noun with its determiner and at
# most one word before it ("some poor bloke", "me mam", "our kid"); "mates" is "mate's".
_PRONOUN = (
    r"he|she|they|hes|shes|theyre|theyve|i|im|ive|we|weve|someone|somebody|someones|somebodys"
)
SUBJECT = (
    rf"(?:{_PRONOUN}|(?:(?:my|our|his|her|their|a|an|the|this|that|some|me|your|one of "
    rf"(?:the|my|our|them)) )?(?:\w+ )?{PEOPLE}s?(?: next door| upstairs| downstairs| over the "
    rf"road| across the road| opposite)?)"
)
# A bad state said of oneself ("I'm shaking all over") is most often fear, not a seizure.
THIRD_PERSON = SUBJECT.replace("|i|im|ive|we|weve|", "|")
OBJECT = (
    rf"(?:me|us|him|her|them|someone|somebody|people|everyone|everybody|anyone|(?:a|an|the|my|"
    rf"our|his|her|their|some|this|that|two|three|four|five|several|a few|loads of|one of (?:the|"
    rf"them|my|our)) (?:\w+ )?(?:{PEOPLE}s?|people))"
)
# Several people as what a vehicle or an attack reaches ("into a crowd of school kids",
# "into school children", "at people"), never a thing they own ("my mate's van").
PEOPLE_GROUP = (
    rf"(?:(?:a |the |some |loads of |lots of |a few |two |three )?(?:(?:group|crowd|bunch|load|"
    rf"line|queue|gang) of )?(?:\w+ )?(?:people|everyone|everybody|crowd|pedestrians|shoppers|"
    rf"pupils|passers ?by|schoolchildren|{PEOPLE}s?)(?! (?:car|van|bike|house|home|shop|wall|"
    rf"garden|drive|fence|gate|window|door|motor|stuff|things)\b))"
)
BODY_PART = (
    r"(?:head|neck|throat|face|chest|back|side|stomach|belly|tummy|gut|arm|arms|leg|legs|hand|"
    r"hands|shoulder|eye|ribs|thigh|groin|bum|wrist|wrists)"
)
# A weapon that is a weapon wherever it is ("a fella with a blade"); `INSTRUMENT` adds things
# that hurt only when swung at someone ("done with a bottle", "waving a hammer about").
WEAPON = (
    r"(?:(?:kitchen |carving |bread |stanley |zombie |flick |big |huge |long )?(?:knife|knives)|"
    r"blades?|machetes?|(?:meat )?cleavers?|shooters?|guns?|firearms?|pistols?|shotguns?|"
    r"rifles?|(?:samurai )?swords?|crossbows?)"
)
INSTRUMENT = (
    rf"(?:{WEAPON}|baseball bats?|cricket bats?|golf clubs?|bats|hammers?|axes?|crowbars?|"
    r"(?:iron|metal) (?:bars?|poles?)|(?:broken |smashed )?bottles?|bricks?|(?:pint )?glass|"
    r"glasses|acid|chains?|planks?|sticks|(?:bar )?stools?|rocks?|stones?|(?:metal |lead )?pipes?|"
    r"spanners?|wrenches|wrench|bike locks?|scaffold(?:ing)? poles?|poles|ashtrays?)"
)
# Harm that is serious whatever "has", "is" or "just" comes before it ("our kid's plunged").
STABBED = (
    r"(?:stabbed|knifed|shanked|plunged(?! into)|jooked|juked|chibbed|shot(?! (?:down|at "
    r"dawn|up the|of|up (?:\w+ )?(?:inches|cm|centimetres|feet|foot|a lot|loads|in height)))|"
    r"glassed|slashed|run over|ran over|mown down|mowed down|hit by a (?:car|"
    r"van|bus|lorry|train|tram|motorbike|taxi)|strangled|set on fire|set alight|electrocuted|"
    r"savaged|mauled)"
)
# Harm words that need "been", "getting" or "just got" before them ("I've been jumped", "he's
# been bottled"): after "he's" alone they are everyday ("he's bottled it", "I'm battered"), and
# "I was attacked", "I got punched" are most often a crime reported afterwards.
_PASSIVE = r"(?:been|getting|get|bin|just got) "
_PASSIVE_ONLY = (
    r"(?:jumped|mugged(?! off)|attacked(?! (?:online|on (?:social|facebook|twitter)|in the "
    r"(?:press|papers)))|assaulted|battered|leathered|bottled(?! it)|stamped on|kicked in|beaten "
    r"up|knocked (?:down|out)|done in|headbutted|punched|kicked to death|run down)"
)
# Striking someone, in its forms and slang ("whacked", "lamped", "twatted"): harm only with how
# or where ("over the head with a bottle"), never alone ("she hit the roof").
_STRIKE = (
    r"(?:hit|hits|hitting|whack(?:ed|ing|s)?|smack(?:ed|ing|s)?|clobber(?:ed|ing|s)?|bash(?:ed|"
    r"ing|es)?|struck|strike|lamp(?:ed|ing)|belt(?:ed|ing)|twat(?:ted|ting)|crack(?:ed|ing)|"
    r"brick(?:ed|ing)|smash(?:ed|ing)|batter(?:ed|ing))"
)
# Harm words that need how or where as well ("cut really bad", "stuck in the belly").
_WITH_HOW = rf"(?:cut|sliced|stuck|done|beaten|hurt|{_STRIKE})"
# Harm being done, present or just now ("he's shanked someone", "battering some poor bloke").
HARMING = (
    r"(?:stabbed|stabbing|knifed|shanked|plunged|jooked|shot|shooting|"
    r"glassed|slashed|slashing|strangling|throttling|battering|leathering|stamping on|stamped "
    r"on|jumping on|mauling|savaging|kicking the (?:life|shit|crap) out of|kicking (?:\w+ )?"
    r"head in)"
)
_HOW_BAD = (
    rf"(?:(?:really |so |very |proper )?(?:bad|badly|deep|open|up)\b|across (?:the|his|her|"
    rf"my|their) |with (?:a |an |his |her |their |the )?(?:\w+ )?{INSTRUMENT}|in (?:the|his|"
    rf"her|my|their) {BODY_PART}|over (?:the|his|her|my|their) (?:head|face)|(?:on|round|"
    rf"around|across) (?:the|his|her|my|their) (?:\w+ )?(?:head|face|skull) with (?:a |an |"
    rf"his |her |their |the )?(?:\w+ )?{INSTRUMENT})"
)
_EVERYDAY_FITTING = r"(?! (?:in|out|a|an|the|new|kitchen|carpet|room|windows|for|it|them)\b)"
BAD_STATE = (
    r"(?:(?:gone|going|turned|turning|went) (?:all |really |very |a bit |completely )?(?:limp|"
    r"floppy|blue|grey|gray|purple|cold|stiff|a (?:funny|weird|strange|horrible|odd) colou?r)|"
    r"(?:just )?(?:went|gone) down (?:in|on) the (?:kitchen|floor|street|bathroom|shop|garden|"
    r"hallway|road|pavement)|making (?:this |a |that )?(?:horrible|funny|weird|strange|awful) "
    r"(?:noises?|sounds?)|"
    r"slumped|keeled over|passed out|blacked out|out cold|spark(?:ed)? out|sparko|out for the "
    r"count|fainted|unresponsive|unconscious|not conscious|not responding"
    r"(?! to)|not waking(?: up)?(?! (?:for|in time|on time|early|in the morning))|(?:wont|cant|"
    r"will not) (?:wake up|come a?round|respond)(?! (?:for|in time|on time|early|in the morning|"
    r"today|tonight|tomorrow|to|again|anymore|any more|here|till|until|after))|not coming "
    r"a?round(?! (?:today|tonight|tomorrow|to|for|again|anymore|any more|here|till|until|later|"
    r"after|on|at))|gone down on the (?:floor|ground|kitchen floor|pavement)|dropped to the "
    r"(?:floor|ground)|hit the (?:floor|deck|ground)|fitting" + _EVERYDAY_FITTING + r"|"
    r"convulsing|shaking all over|having a fit|gasping(?! for)|(?:not|isnt|stopped|aint) "
    r"breath(?:ing|in)|barely (?:breathing|conscious|alive|with it|talking|responsive)|not "
    r"moving(?! (?:house|out|away|to|on|back|forward|here|there|abroad|anymore|any more)\b|"
    r" in\b(?! (?:her|his|their|the|my) (?:cot|crib|bed|pram|car seat|chair|sleep)))|"
    r"(?:cold|freezing) to the touch|stone cold|(?:all |really |very )?(?:blue|purple) (?:and|"
    r"in the face|round (?:the|his|her) (?:lips|mouth))|foaming|frothing|all "
    r"(?:grey|gray|blue|purple|floppy|limp|stiff)|in a heap|"
    r"(?:been |lying |laid |laying |stuck )?on (?:the|his|her|their) (?:floor|ground) (?:all "
    r"night|for hours|since|and (?:cant|can not|cannot) get up))"
)
_BURNABLE = (
    r"(?:house|flat|home|kitchen|chip pan|pan|car|van|shed|garage|block|building|roof|shop|"
    r"caravan|tower|school|factory|warehouse|bin|bins|barn|pub|hotel|bedroom|loft|stairs|"
    r"stairwell|curtains|sofa)"
)
VEHICLE = (
    r"(?:car|cars|van|vans|lorry|lorries|bus|truck|motorbike|moped|scooter|vehicle|taxi|tractor|"
    r"tram|train|4x4|jeep|bmw|audi|merc)"
)
YOUNG_CHILD = (
    r"(?:toddler|baby|little (?:boy|girl|one|lad|un)|(?:[1-9]|one|two|three|four|five|six|seven|"
    r"eight|nine|ten) (?:year|yr) old|(?:son|daughter|boy|girl|lad|kid)s? (?:is |s )?(?:[1-9]|"
    r"two|three|four|five|six|seven|eight|nine)\b)"
)
_LOST_NOW = r"(?:cant find|cannot find|can not find|lost sight of|lost)"
_GONE_NOW = (
    r"(?:(?:has |s |just )?(?:wandered off|gone missing|disappeared|vanished)|(?:cant|cannot) "
    r"find (?:him|her)|lost (?:him|her)|now (?:hes|shes) gone)"
)
_SUICIDE_PLACE = (
    r"(?:bridge|roof|ledge|edge|railway|tracks|multi ?storey|balcony|cliff|railings?|parapet|"
    r"barrier|crane|pylon|scaffold\w*)"
)
# Open water a person can be in, fall into or go under.
WATER = (
    r"(?:canal|river|water|sea|lake|reservoir|dock|docks|quarry|pond|harbour|estuary|weir|lock|"
    r"cut|marina|brook|stream)"
)
# What a person in the water is doing for fun or work ("in the river fishing", "the canal
# boat"): then it is not an emergency.
_WATER_EVERYDAY = (
    r"(?! (?:\w+ ){0,3}?(?:every|always|usually|most (?:days|mornings|nights)))"
    r"(?! ?(?:boat|boats|barge|path|towpath|side|bank|walk|basin|festival|centre|park|front|"
    r"taxi|bus|view|cruise|sports|cadets|scouts|rangers|rescue|district|bill|company|rates|polo|"
    r"skiing|fight|bottle|pistol|gun|slide|aerobics|"
    r"meter|board|"
    r"pressure|supply|tank|leak|heater|feature)\b)(?! (?:\w+ )?(?:swimming|fishing|paddl\w*|"
    r"kayak\w*|canoe\w*|rowing|surfing|sailing|on (?:a|his|her|their) (?:boat|paddleboard|"
    r"board|lilo))\b)"
)
# Something built that can fall on people, and its falling.
STRUCTURE = (
    r"(?:scaffold\w*|wall|walls|roof|ceiling|building|house|crane|tree|balcony|bridge|trench|"
    r"floor|stairs|staircase|stand|stage|shelving|shelves|racking|chimney|tower|garage|extension|"
    r"structure|lintel|hoarding|fence|gantry|mine|tunnel)"
)
_COLLAPSED = (
    r"(?:collapsed|collapsing|collapses|come down|came down|coming down|fallen down|fell down|"
    r"falling down|caved in|caving in|given way|gave way|toppled(?: over)?|come crashing down|"
    r"came crashing down)"
)
# A person under something: after a collapse "people underneath" is enough; alone it takes
# rubble or being buried ("the people underneath us" are neighbours).
_PERSON_UNDER = (
    r"(?:people|someone|somebody|everyone|workers|builders|men|lads|kids|children|(?:a|the|some|"
    rf"two|three|my|our|his|her) (?:\w+ )?{PEOPLE}s?) (?:(?:are|is|s|were|was|still|all) )*"
)
_UNDERNEATH = rf"{_PERSON_UNDER}(?:trapped |stuck )?(?:underneath|beneath|buried|under|inside)"
_UNDER_RUBBLE = (
    rf"{_PERSON_UNDER}(?:buried|(?:trapped|stuck) (?:under|underneath|beneath|in)|under(?:neath)? "
    r"(?:the |all the )?(?:rubble|debris))"
)
# Things that set people or homes on fire when thrown or put through the door.
INCENDIARY = (
    r"(?:(?:petrol|fire|nail|pipe) ?bombs?|molotovs?(?: cocktails?)?|grenades?|(?:lit|burning) "
    r"(?:rag|rags|paper|cloth|bottle)s?)"
)

# --- frames ---------------------------------------------------------------------------------

FRAMES: list[Pattern] = [
    (
        "harm done to someone",
        rf"\b(?:its|it s|it has|knife|knife s|knifes|blade|blade s|blades) (?:gone|went) (?:in|"
        rf"into|"
        rf"through) (?:his|her|their|my|your) {BODY_PART}\b|\bbundled (?:\w+ ){{0,3}}?(?:in|into)"
        rf"\b|"
        rf"\b{SUBJECT} (?:(?:has|have|s|ve|is|was|were|just|got|been|getting|get|bin|gone and) )"
        rf"{{0,3}}(?:{STABBED}|{_PASSIVE}{_PASSIVE_ONLY}|{_PASSIVE}{_WITH_HOW} {_HOW_BAD}|"
        rf"(?:got|was|were) {_STRIKE} over (?:the|his|her|my|their) head|got (?:\w+ )?"
        rf"{_PASSIVE_ONLY} by (?:a gang|a group|some|two|three|four|five|six|loads)|"
        rf"{_PASSIVE}(?:\w+ )?(?:{_PASSIVE_ONLY}|{_WITH_HOW}) by (?:a gang|a group|some|two|three"
        rf"|four|five|six|loads))\b|"
        # round 7: someone has just attacked someone ("someone's attacked her"), never "I was
        # attacked" (most often a report of the past)
        rf"\b(?:someone|somebody|someones|somebodys|(?:a|the|some|two|three) (?:\w+ )?"
        rf"{PEOPLE}s?|he|she|they|hes|shes|theyve|theyre) (?:has |have |s |ve )?(?:just )?"
        rf"(?:attacked|assaulted|beaten up|beat up|battered|jumped) {OBJECT}\b|"
        rf"\b(?:been|got|bin|getting) (?:stabbed|knifed|shanked|plunged"
        rf"(?! into)|jooked|juked|chibbed|glassed|slashed|bottled(?! it)|strangled|savaged|mauled)"
        rf"\b",
        True,
    ),
    (
        "harm being done",
        rf"\b{SUBJECT} (?:(?:has|have|s|ve|just|is|are|re|gone and|went and|keeps) ){{0,3}}"
        rf"(?:{HARMING} {OBJECT}|(?:cut|stuck|sliced|{_STRIKE}|kicking|punching|stamping on|"
        rf"done) {OBJECT} {_HOW_BAD}|(?:beating|battering|kicking|punching|hitting|"
        rf"strangling|choking) (?:his|her|their) (?:wife|missus|girlfriend|partner|husband|"
        rf"boyfriend|kids?|children|child|son|daughter|mum|mam|dad|baby)(?! at))\b|\b(?:stamping|"
        rf"stamped|jumping|jumped|kicking|kicked|stomping) (?:on )?(?:{OBJECT}|his|her|their|my|"
        rf"(?:the|a|that|this) \w+s|\w+s) (?:head|face|neck)\b"
        rf"|\b(?:smash\w*|broke|broken|crack\w*|brought|bust|busted|{_STRIKE}) (?:a |an |the |his "
        rf"|her |their )?(?:\w+ )?{INSTRUMENT} (?:over|on|across|round|into) (?:\w+ ){{0,2}}"
        rf"(?:head|face|skull)\b",
        True,
    ),
    (
        "gunfire now",
        r"\b(?:(?:popping|letting|firing|fired|let|popped|loosing|loosed) off (?:shots|rounds|a "
        r"gun|a shotgun|a few|some shots)|(?:gun|guns|shotgun|firearm|pistol|rifle) (?:go|goes|"
        r"going|went|gone|has gone|being|been) off|(?:shots|gunshots|rounds) (?:going off|ringing "
        r"out|being shot|everywhere))\b",
        True,
    ),
    (
        "weapon in hand now",
        rf"\b(?:(?:with|got|has|holding|waving|wielding|brandishing|swinging|pointing|carrying|"
        rf"pulled out|pulling out|pulled) (?:a |an |his |her |their |some |two |a big |a massive "
        rf"|a huge )?(?:\w+ and )?{WEAPON}(?! (?:licen[cs]e|certificate|amnesty|crime|shop|club|"
        rf"range|block|"
        rf"set|sharpener|and fork|drawer|stand|cabinet))|(?:waving|wielding|brandishing|swinging|"
        rf"swung|lunged|lunging)"
        rf" (?:a |an |his |her |their |some |two )?{INSTRUMENT}|(?:going|went|gone|came|coming|"
        rf"chasing (?:\w+ ){{0,4}}?)at (?:each other|him|her|them|people|us|me|someone) with "
        rf"(?:a |an |his |her )?(?:\w+ )?{INSTRUMENT}|{WEAPON} (?:out|about|around)(?! (?:of|"
        rf"the house|in the))|(?:threatening|attacking|chasing|menacing) (?:\w+ ){{0,2}}?with (?:a "
        rf"|an |his |her )?(?:\w+ )?(?:{INSTRUMENT}|screwdrivers?|scissors|syringes?|needles?)|"
        rf"with (?:a |an |his |her |"
        rf"their )?(?:\w+ )?{INSTRUMENT} (?:\w+ ){{0,12}}?"
        rf"(?:going for|went for|gone for|attacking|chasing|swinging (?:it )?at|hitting) (?:\w+ )?"
        rf"(?:{PEOPLE}|people|him|her|them|me|us|someone|anyone)|(?:got|has|with|holding|"
        rf"put) (?:his|"
        rf"her|their) (?:hands?|arms?) "
        rf"(?:round|around|on) (?:my|her|his|their) (?:neck|throat))\b",
        True,
    ),
    (
        "person in a bad state",
        rf"\b(?:{THIRD_PERSON} (?:(?:has|have|s|is|are|just|was|keeps) ){{0,2}}{BAD_STATE}|(?:lips|"
        r"face|skin) (?:is |are |s |have |has )?(?:gone |going |turning |turned )?(?:blue|"
        r"purple|grey|gray)|blue lips|(?:cant|cannot|can not|wont) (?:rouse|wake|get a response "
        r"from|get any response from) (?:him|her|them|my \w+)|breathing (?:is |s )?(?:really |"
        r"very |so |all )?(?:shallow|funny|weird|strange|"
        r"rattly|noisy|slow|laboured|wrong)|snoring (?:weird|funny|strange|really loud|and wont)|"
        r"making (?:a |these |this )?(?:gurgling|choking|rattling|gasping) (?:noises?|sounds?)|"
        r"(?:cant|cannot|can not) get (?:any )?(?:air|breath)|(?:been )?shaking (?:him|her|them) "
        r"(?:and|but) (?:nothing|no response|(?:he|she|they) (?:wont|doesnt|dont|isnt))|"
        r"(?:tablets|pills|paracetamol|meds|medication|methadone)(?= (?:\w+ ){0,6}?(?:slurring|"
        r"floppy|drowsy|wont wake|not waking|unconscious|not responding|gone blue|going blue))|"
        r"(?:cant|cannot|can not) feel (?:his|"
        r"her|their|my) (?:legs|arms|body)|eyes (?:\w+ ){0,2}roll(?:ed|ing|s)? (?:back|up)|"
        r"(?:face|mouth) (?:has |s )?"
        r"(?:dropped|drooping|gone droopy)|eyes (?:have |are )?roll(?:ed|ing) back|rope round "
        r"(?:his|her|their|my) neck|noose|(?:put|got|stuck|with) (?:his|her|their|my) head in the "
        r"(?:gas )?oven|(?:having|got|has|with|complaining of) (?:\w+ )?chest "
        r"pains?|(?:asthma attack|allergic reaction|anaphylactic|"
        r"anaphylaxis|diabetic (?:coma|hypo))|inhaler (?:isnt|is not|not) working|"
        r"(?:cut|slashed|slit) (?:his|her|my|their) wrists?|(?:shaking|fitting|jerking|"
        r"convulsing|twitching) and (?:foaming|frothing|not (?:responding|breathing)|unconscious|"
        r"wont stop)|on the floor (?:shaking|fitting|convulsing|jerking|twitching)|(?:lying|"
        r"laying|slumped) (?:\w+ ){0,6}not (?:talking|speaking|responding|answering me)|(?:hasnt|"
        r"has not|havent|not|never) (?:come|came) (?:back )?up|(?:hes|shes|theyre|he is|she is) "
        r"(?:all |really |very |gone )?(?:blue|purple)$|clutching (?:his|her|their|my) chest|"
        r"slumped (?:in|over|on|against) (?:his|her|their|the|a) (?:chair|seat|steering wheel|"
        r"wheel|sofa|settee|desk|table|car|floor)|(?:just|suddenly) (?:dropped|drop|fell|keeled "
        r"over) (?:to the floor|to the ground|down)|(?:doing|giving|started|start|do) "
        r"(?:chest )?compressions|(?:dont|do not|not sure|cant tell if) (?:think )?(?:if |"
        r"whether )?"
        r"(?:hes|shes|theyre|he is|she is|they are|the baby is|(?:my|the) \w+ is) breath\w*|"
        # round 7: a chest that does not rise, an opioid antidote given
        r"(?:chest|nothing|nothings|nothing is|it s not|its not|isnt|not) (?:\w+ )?(?:going|"
        r"moving|rising) up and down|(?:gave|given|give|giving|got|put|used|using|injected|"
        r"sprayed) (?:\w+ ){0,3}(?:narcan|naloxone)|(?:narcan|naloxone) (?:\w+ ){0,3}(?:not "
        r"working|isnt working|didnt work|hasnt worked))\b",
        False,
    ),
    (
        "bleeding badly",
        rf"\b(?:bleed(?:ing|in) (?:out|bad|badly|heavily|loads|a lot|everywhere|from)|losing "
        rf"(?:a lot of |loads of |so much |lots of |a load of )?blood|(?:puddle|pool|pools) of "
        rf"blood|blood (?:all )?(?:down|"
        rf"over) (?:me|him|her|them|his|my|the floor)|(?:claret|blood) (?:everywhere|all over|"
        rf"pouring|pumping|gushing|spurting)|(?:claret|blood) (?:\w+ ){{1,2}}everywhere|"
        rf"wont stop (?:pumping|bleeding|gushing|pouring)|"
        rf"(?:water|bath|floor|bed) (?:is |s )?(?:red|covered in blood|full of blood)|"
        rf"(?:{SUBJECT}|{BODY_PART}) (?:(?:is|s|are) )?bleedin|blood (?:is )?(?:coming|pouring|"
        rf"pumping|gushing|running|pissing|spurting) (?:out )?(?:from|of|out of|out) (?:his|her|"
        rf"their|"
        rf"my|the|your) {BODY_PART})\b",
        False,
    ),
    (
        "an overdose",
        r"\b(?:(?:taken|took|swallowed|necked|downed|had|eaten|ate) (?:a |an |the |her |his |my "
        r"|their )?(?:whole |full |entire )?(?:pack|packet|box|bottle|load|bunch|handful|strip|"
        r"fistful|tub|jar|sheet|lot)s? of (?:\w+ ){0,2}(?:pills|tablets|antidepressants|"
        r"paracetamol|painkillers|insulin|meds|medication|co ?codamol|tramadol|diazepam|valium|"
        r"ibuprofen|aspirin|methadone|sleeping pills)|(?:has|hes|shes|s|taken|had) (?:an )?od\b|"
        r"(?:taken|took|had|injected|dropped|necked|swallowed) (?:something|too much|a pill|some "
        r"pills|pills)(?= (?:\w+ ){0,8}(?:breath\w*|wake|conscious|responding|floppy|blue|grey|"
        r"shaking|fitting|eyes|sleepy|drowsy|collapsed|sick|foaming))|got (?:into|hold of) (?:my|"
        r"the|his|her|their|nans|grans|mums|dads) (?:\w+ ){0,2}(?:pills|tablets|medicine|"
        r"medication|meds|capsules|bleach|washing tablets|methadone)(?! (?:cupboard|cabinet|drawer|"
        r"box|bag|organiser|shelf)))",
        True,
    ),
    (
        "fire now",
        rf"\b(?:windows (?:have |has |s )?(?:come|blown|been blown) out|(?:just|massive|huge|loud|"
        rf"big) (?:a )?(?:bang|boom)(?= (?:\w+ ){{0,8}}?(?:windows (?:have |are |s )?(?:blown|come "
        rf"out|shattered|smashed|gone|caved)|smoke|fire|gas|collapsed|came down|flames))|"
        rf"alight(?! (?:at|from|here|there|the))|ablaze|in flames|engulfed in|"
        rf"torched|set "
        rf"(?:fire to|light to|alight|on fire)|{_BURNABLE}s? (?:(?:has|have|s|is|are|just) )*"
        rf"(?:gone up|going up|caught fire|caught light|burning)(?! (?:in (?:value|price)|by|to|"
        rf"for sale|a bit|a lot|again|on the market|hot|up|rubber))|(?:black |thick )?smoke (?:is "
        rf"|s )?(?:billowing|pouring|coming (?:out|under|from|through)|belching|everywhere)(?! "
        rf"(?:\w+ ){{0,3}}(?:chimney|exhaust|bonfire|barbecue|bbq|vape))|(?:full of|thick with|"
        rf"filled with|filling with|filling up with) (?:black |thick )?smoke|black smoke|"
        rf"(?:burning|"
        rf"lit|alight|on fire|petrol|lighter fluid|fireworks?|flaming)(?: \w+){{0,3}} (?:through|"
        rf"in|"
        rf"into) (?:my|the|our|their|his|her) letter ?box)\b",
        True,
    ),
    (
        "crash now",
        rf"\b(?:(?:massive|huge|big|bad|nasty|serious|horrible|awful|major) (?:smash|crash|pile "
        rf"?up|collision|rta|accident)(?= (?:on|at|in|by|near|just)\b)|(?:had|has had|have had) "
        rf"a head ?on|head ?on (?:collision|crash|smash)|(?:come|came|fallen|fell|thrown) off "
        rf"(?:his|her|their|the|a) (?:bike|moped|motorbike|scooter|horse)|(?:upside down|on its "
        rf"roof|on its side) (?:in|on)|jack ?knifed|crushed (?:under|beneath|between|by)|"
        rf"(?:ones|one is|its|it s|car is|cars|van is|vans) (?:ended up |landed |flipped |rolled )?"
        rf"(?:on|onto) (?:its|it s) (?:roof|side)|(?:{PEOPLE}|people|someone|somebody)s? (?:(?:is|"
        rf"s|are|still) )*(?:stuck|trapped) (?:inside|in there|in it|in the (?:car|van|wreck\w*|"
        rf"vehicle|cab))|"
        rf"(?:wiped out|mown down|mowed down|ran down|run down|(?:ploughed|plowed) (?:into|"
        rf"through)|careered into|smashed into) (?:{PEOPLE_GROUP}|(?:a |the |some |two |three )?"
        rf"(?:{PEOPLE}|crowd|"
        rf"bus shelter|bus stop|queue))|{VEHICLE} (?:(?:has|s|just) )*(?:(?:ploughed|plowed|"
        rf"smashed|"
        rf"crashed|"
        rf"careered|driven|slammed) (?:straight )?(?:through|into)|(?:gone|went|come|came) "
        rf"(?:straight )?through) (?:the front of )?(?:a |the |an |some )?(?:\w+ )?(?:shop|house|"
        rf"school|nursery|shelter|crowd|people|queue|window|building|pub|restaurant|playground)|"
        rf"swept away|{VEHICLE}s? (?:(?:has|s|just) )*(?:come|came) off\b(?! (?:the "
        rf"(?:road|motorway|slip)|at|it))|(?:rammed|run|ran|forced|shunted|pushed|knocked) (?:us|"
        rf"me|him|her|them|my \w+|our \w+|a \w+|the \w+) off the road|(?:gone|went|ended up|"
        rf"landed|rolled|crashed) (?:in|into) (?:a|the) (?:ditch|river|canal|hedge|embankment))\b",
        True,
    ),
    (
        "trapped or in water",
        rf"\b(?:pinned (?:under|down|against|beneath)|(?:pinned|trapped|stuck) in (?:the |his |"
        rf"her |their |a )?(?:\w+ )?(?:car|van|pickup|truck|lorry|cab|wreck|wreckage|vehicle) "
        rf"(?:\w+ ){{0,4}}(?:smok\w*|fire|flames|burning|leaking|petrol|fuel|water|sinking)|"
        rf"(?:wall|roof|ceiling|scaffolding|tree|"
        rf"building|shelf|shelving|rack|garage door|load) (?:(?:has|s|just) )*(?:come down|"
        rf"collapsed|fallen|fell) on (?:top of )?(?:a |the |my |some )?(?:him|her|them|someone|"
        rf"somebody|{PEOPLE})|stuck in (?:the |some )?(?:mud|quicksand|sea|river|chimney|"
        rf"machinery)|(?:cant|can not|cannot) (?:lift|get|move) (?:it|the \w+) off (?:him|her|"
        rf"them|his|my)|(?:he|she|they|hes|shes|kid|child|boy|girl|man|woman|someone|somebody|"
        rf"lad|dog) (?:(?:has|s|just|is) )*(?:gone|went|going) under|(?:fallen|fell|gone|went|"
        rf"going|falling|go) through the ice|(?:on|onto) the ice (?:\w+ ){{0,8}}?(?:cracking|"
        rf"cracked|"
        rf"breaking|gave way|giving way)|(?:boat|ship|ferry|dinghy|canoe|kayak|barge|"
        rf"narrowboat) (?:(?:is|s|has|just) )*(?:sinking|going under|capsized|"
        rf"overturned)(?! in the "
        rf"(?:film|game|movie|show))|"
        rf"(?:face down|floating) in (?:the )?(?:river|water|canal|pool|pond|bath|lake|sea))\b",
        True,
    ),
    (
        "intruder now",
        r"\b(?:(?:broke|broken|breaking|got) in (?:\w+ ){0,4}?(?:theyre|hes|shes|they are|he is|"
        r"still|someones|someone is) (?:still )?(?:upstairs|downstairs|inside|in the house|here)|"
        r"(?:theyre|hes|shes|someones|someone is|they are) (?:upstairs|downstairs) (?:now|"
        r"right now)"
        r"|(?:trying|tried|rattling|testing) (?:the|my|our) (?:back |front |patio |side )?(?:"
        r"door|doors|handle|windows?)(?= (?:\w+ ){0,8}?(?:im|i am|were|we are) (?:on my own|on our "
        r"own|alone|home alone|inside|hiding))|(?:making|made|telling|told) (?:everyone|everybody|"
        r"us|people|them|the staff) (?:to )?(?:get|lie|lay) (?:on the floor|down)|"
        r"(?:kicked|booted|smashed|forced|bashed|broke|broken) (?:the |my |our )?(?:front |"
        r"back )?door (?:in|down|open)|(?:smash|smashing|kick|kicking|force|forcing|break|"
        r"breaking) (?:their|his|her|the) way in|(?:got|came|come|climbed) in through (?:the|my|"
        r"our) (?:\w+ )?(?:window|door)|(?:a|some|an?) (?:strange )?(?:man|men|stranger|bloke|"
        r"guy|woman|person|people|lad|lads) (?:is |s |are )?(?:standing|stood|hiding) in (?:my|"
        r"our) (?:bedroom|room|kitchen|house|flat|hall|hallway|loft)|(?:im|were|i am|we are) "
        r"hiding (?:in|under|upstairs|from them|from him)|(?:hear|heard) (?:\w+ ){0,3}(?:going "
        r"through|rummaging|moving about|walking about|walking around|moving around)|(?:someone|"
        r"somebody|a man|men|people|intruders?) (?:is |s |are )?(?:downstairs|upstairs|in the "
        r"(?:house|flat|loft))(?= (?:\w+ ){0,3}(?:hear|heard|now|moving|walking|talking))|(?:woke|"
        r"woken|wake|waking) up (?:\w+ ){0,6}(?:standing|stood|someone|somebody|a man|men|a "
        r"stranger) in (?:my|our|the) (?:bedroom|room))\b",
        True,
    ),
    (
        "a child taken or lost just now",
        rf"\b(?:(?:dragged|bundled|forced|pulled|shoved|snatched|lifted|grabbed|took|taken|"
        rf"carried) (?:a |an |the |my |our |his |her |this |that |some )?(?:\w+ )?(?:girl|boy|"
        rf"woman|lad|kid|child|baby|toddler|her|him) (?:off|out of|from|into|in) (?:the |a |an "
        rf"|her |his |their )?(?:back of (?:a |the |his |her |their ))?(?:\w+ )?(?:street|pram|"
        rf"buggy|pushchair|car|van|playground|park)|(?:lifted|snatched|grabbed|took|taken|pulled) "
        rf"(?:a |the |my |our |her |his )?(?:\w+ )?"
        rf"(?:baby|toddler|child|kid) out of (?:a|the|her|his|my|their) \w+|(?:legged it|ran off|"
        rf"run off|drove off|driven off|made off) with "
        rf"(?:a |the |my |our |her |his )?(?:\w+ )?(?:baby|toddler|child|kid|boy|girl|son|"
        rf"daughter)|{_LOST_NOW} (?:my|our|her|his|the) (?:\w+ )?{YOUNG_CHILD}|{YOUNG_CHILD}s? "
        rf"(?:\w+ ){{0,10}}?{_GONE_NOW}|{_LOST_NOW} (?:my|our|her|his|the) (?:little )?(?:son|"
        rf"daughter|boy|girl|lad|kid|child|grandson|granddaughter)(?= (?:\w+ ){{0,20}}?(?:hes|shes|"
        rf"is|s|only|aged) (?:only )?(?:[1-9]|one|two|three|four|five|six|seven|eight|nine)\b(?! "
        rf"(?:pm|am|oclock|minutes|hours|days|weeks|months|years ago)\b)))\b",
        True,
    ),
    (
        "a dog attacking someone",
        rf"\b(?:dog|dogs|pit ?bull|xl bully|bully|staffy|rottweiler|alsatian)s? (?:(?:is|s|has|"
        rf"are|just) )*(?:mauling|attacking|savaging|ripping into|biting|bitten|mauled|attacked|"
        rf"savaged|got hold of|latched onto) (?:a |the |my |our |this |some |his |her )?(?:\w+ )?"
        rf"{PEOPLE}s?\b|\b(?:dog|dogs|pit ?bull|xl bully|staffy|rottweiler|alsatian)s? (?:(?:is|s|"
        rf"are|just) )*(?:mauling|mulling|savaging|ripping into) (?:a|the|my|our|this|some|his|"
        rf"her) \w+|\b(?:dog|dogs|pit ?bull|xl bully|staffy|rottweiler|alsatian)s? (?:(?:is|s|has|"
        rf"are|just|still) )*(?:on|hanging off|latched on to|latched onto|gone for|going for|went "
        rf"for) (?:a |the |my |our |this |some |his |her )?(?:\w+ )?(?:{PEOPLE}s?|him|her|them|"
        rf"me|us)\b(?! (?:lap|bed|sofa|settee|lead|knee|knees|side)\b)|\b(?:dog|dogs|pit ?bull|"
        rf"xl bully|staffy|rottweiler|alsatian)s? (?:\w+ ){{0,14}}?(?:wont|will not|doesnt|isnt "
        rf"letting) let go\b(?! of (?:his|her|its|the|a|my) (?:toy|ball|stick|bone|lead|rope|"
        rf"slipper|sock|shoe))",
        True,
    ),
    (
        "life at risk now",
        rf"\b(?:(?:saying|says|said|threatening|wants|going|gonna|about) (?:hes |shes |theyre |"
        rf"he is "
        rf"|she is |they are |"
        rf"im |i am )?(?:going |gonna )?(?:to )?(?:jump|let go|end it|end (?:his|her|my|"
        rf"their) life|"
        rf"kill (?:himself|herself|myself|themselves)|hang (?:himself|herself|myself))(?= (?:\w+ "
        rf"){{0,8}}{_SUICIDE_PLACE})|(?:stood|standing|sat|sitting|on|climbed|climbing|up) (?:on |"
        rf"up "
        rf")?(?:the|a|top of "
        rf"the|the (?:outside|other side|wrong side|edge|top) of (?:the|"
        rf"a)) {_SUICIDE_PLACE}(?= (?:\w+ ){{0,14}}(?:jump|let go|end it|end my life|kill|going "
        rf"to|throw (?:himself|herself|myself|themselves))))",
        True,
    ),
    (
        "a fall from a height",
        rf"\b{SUBJECT} (?:(?:is|s|are|just) )?(?:hanging|dangling) (?:out of|off|from) (?:the|a) "
        rf"(?:\w+ )?(?:window|balcony|ledge|bridge|roof)\b|"
        rf"\b{YOUNG_CHILD}s? (?:(?:is|s|has|just|got) )*(?:\w+ )?(?:on|out on|hanging (?:out of|"
        rf"off)|"
        rf"climbing (?:on|out of)|climbed (?:on|out of)) (?:the|a) (?:\w+ )?(?:window ?ledge|"
        rf"windowsill|window|balcony|roof|ledge|edge)\b|"
        r"\b(?:fallen|fell|falling|come|came|gone|went|dropped|slipped|jumped|tumbled|toppled) "
        r"(?:out of|off|from|through) (?:a |the "
        r"|an |his |her |their |our |my )?(?:upstairs |bedroom |top |first floor |second floor )?"
        r"(?:window|ladder|ladders|roof|balcony|scaffold\w*|cliff|bridge|building|tower block|"
        r"multi ?storey|skylight)\b",
        True,
    ),
    (
        "a person in the road",
        rf"\b{PEOPLE}s? (?:\w+ )?on the (?:(?:railway|train|tram) (?:line|lines)|tracks?|rails)\b"
        rf"(?! (?:\w+ )?(?:to|from|into|for|at) )|"
        r"(?:lying|laying|sat|sitting|standing|stood|walking|wandering|collapsed) (?:\w+ ){0,3}"
        r"?(?:on|in|across|along) the (?:hard shoulder|motorway|carriageway|middle of the road|"
        r"(?:railway |train |tram )?(?:line|lines|tracks?|rails)|road)(?! (?:safety|works|sign|"
        r"signs|"
        r"tax))\b",
        True,
    ),
    (
        "a vehicle driven at people",
        rf"\b(?:hit|knocked|ran|run|mowed|struck) (?:down |over )?{OBJECT} (?:down |over )?with "
        rf"(?:his|her|their|a|the) {VEHICLE}\b|"
        rf"\b(?:driv(?:ing|en|e|es)|drove|aiming|aimed|swerving|swerved|mounting|mounted) (?:his |"
        rf"her |their |a |the )?(?:\w+ ){{0,4}}?(?:at|into|towards) (?:{PEOPLE_GROUP}|(?:the|a) "
        rf"crowd|a group|us|them|him|her|someone|the (?:queue|pavement|market))\b|"
        rf"\b{VEHICLE}s? (?:(?:has|"
        rf"have|s|just|been|was|is|got|gone and|went and) ){{0,3}}(?:driven|drove|driving|ploughed|"
        rf"ploughing|plowed|smashed|crashed|careered|slammed|ran|run|gone|went|hit|hitting|mowed|"
        rf"mown) (?:straight |right )?(?:into|through|at|over) (?:the middle of )?{PEOPLE_GROUP}\b|"
        r"\bhit and run\b(?= (?:\w+ ){0,10}(?:just|(?<!hospital )(?<!home )(?<!better )(?<!fine )"
        r"(?<!ok )(?<!recovering )now|road|floor|lying|bleeding|(?<!that )(?<!which )(?:hurt|"
        r"injured)))",
        True,
    ),
    (
        "a bomb or suspicious package",
        r"\b(?:(?:suspicious|unattended|abandoned) (?:package|bag|parcel|device|item|rucksack|"
        r"suitcase)|(?:package|bag|parcel|device|box) (?:\w+ ){0,3}(?:is |s |its |it s )?ticking|"
        r"(?:a|the) bomb\b(?! (?:site|squad)\b)|bomb threat|explosive device|pipe bomb)",
        True,
    ),
    (
        "held hostage",
        rf"\b(?:holding|held|taken|keeping|kept|got) (?:a |the |my |our |his |her |some |two )?(?:"
        rf"\w+ )?(?:{PEOPLE}|people|us|them|him|her|me|everyone)s? (?:as )?hostages?\b|"
        r"\b(?:locked|locks|locking) (?:me|us|her|him|them|the kids) (?:in|inside)(?= (?:\w+ )"
        r"{0,12}"
        r"(?:kill|burn|petrol|knife|gun|hurt))|"
        rf"\b(?:keeping|holding|kept|held|locked|locking) {OBJECT} (?:\w+ ){{0,4}}?against (?:her|"
        rf"his|their|my|our) will\b",
        True,
    ),
    (
        "poison, gas or a burn",
        r"\b(?:carbon monoxide|co alarm|co poisoning|(?:thrown|threw|poured|pouring|chucked) "
        r"(?:a |the )?(?:boiling|hot) (?:water|oil|fat|kettle)|boiling (?:water|oil|fat) (?:over|"
        r"on|at) (?:me|him|her|them|us|my|his|her)|pouring petrol|(?:doused|soaked|covered) "
        r"(?:\w+ ){0,2}(?:in|with) petrol|needle (?:in|still in|hanging out of) (?:his|her|their|"
        r"my) (?:arm|leg|neck|hand)|taken spice|on spice|(?:poured|pouring|doused|dousing|soaked|"
        r"soaking|tipped|chucked|splashed|splashing|spread|spreading|thrown|"
        r"throwing) (?:\w+ ){0,2}?"
        r"(?:petrol|lighter fluid|paraffin)(?= (?:\w+ ){0,6}?(?:over|round|around|through|"
        r"everywhere|light|lighter|matches|alight|fire))|"
        r"(?:poured|pouring|doused|dousing|soaked|"
        r"soaking|tipped|chucked) (?:\w+ ){0,3}?(?:over|on) (?:himself|herself|themselves|myself|"
        r"him|her|them)(?= (?:\w+ ){0,10}?(?:lighter|matches|light|alight|fire|flame)))\b",
        True,
    ),
    (
        "hurt and left lying",
        rf"\b(?:{STABBED}|stuck|jumped|beaten|battered|attacked|kicked|punched|glassed|bottled|set "
        rf"about|laid into|went for|"
        rf"{_STRIKE}) (?:\w+ ){{0,8}}?(?:hes|shes|theyre|he is|she is|they are|hes been|shes been|"
        rf"left him|left her|left them) (?:still |just )?(?:lying|laying|laid|sprawled|slumped|"
        rf"collapsed) (?:out )?(?:in|on) (?:the|an|a) (?:\w+ )?(?:alley|alleyway|street|road|"
        rf"floor|ground|pavement|gutter|car park|park|grass|doorway|underpass|stairwell|path|"
        rf"bushes|footpath)\b",
        True,
    ),
    (
        "sounds of an attack now",
        r"\b(?:(?:woman|women|man|men|girl|lady|someone|somebody|she|he|her|him|kid|child|baby)"
        r"(?: \w+){0,3}?"
        r" (?:is |s )?(?:screaming|screamin|crying out|yelling for help|shouting for help)(?! at)|"
        r"(?:hear|"
        r"hearing|heard) (?:\w+ ){0,2}screams?)(?= (?:\w+ ){0,16}?(?:thuds?|thumps?|kill|help|get "
        r"off|stop it|please stop|being (?:hit|beaten|attacked)))(?! (?:\w+ ){0,14}?(?:every|"
        r"always|"
        r"all the time|most nights|usually))",
        True,
    ),
    (
        "someone down in a fight",
        rf"\b(?:(?:someones|somebodys|someone is|somebody is|man|mans|one of them is|one of them "
        rf"s|{THIRD_PERSON}) (?:(?:is|s|just) )?down(?=$| and (?:(?:hes|shes|theyre|he is|she is) "
        rf")?(?:not|isnt|wont|cant|aint) (?:moving|getting up|get up|responding|breathing|waking|"
        rf"conscious|talking)\b| on the (?:floor|ground|deck|pavement|road)\b| (?:not|"
        rf"isnt) (?:moving|getting up|responding)\b)|man down)",
        True,
    ),
    (
        "a fight with weapons",
        rf"\b(?:(?<!play )(?<!always )(?<!usually )(?:fight|fighting|brawl|brawling|scrap|"
        rf"scrapping|ruck|punch ?up|kicking "
        rf"off|kicked off|going at it|battle|battling|set about (?:him|her|them|\w+)) (?:\w+ )"
        rf"{{0,5}}?(?:with|using|swinging|waving|got|carrying|tooled up with) (?:\w+ )?{INSTRUMENT}"
        r"|tooled up (?:with|and (?:looking|heading|going|coming|waiting|chasing)|outside|on the "
        r"(?:estate|street|corner))|(?:lads|men|gang|they|theyre)(?: are| s)? all tooled up$)\b",
        True,
    ),
    (
        "trapped under something fallen",
        rf"\b(?:{STRUCTURE}s?(?: (?:at|in|of|on) (?:the|a|my|our) \w+)? (?:(?:has|have|s|just|is|"
        rf"was|all|totally) )*{_COLLAPSED}(?:(?: \w+)"
        rf"{{0,8}}? {_UNDERNEATH}| on(?:to| top of)? (?:(?:a|the|some|my|our|his|her|two|three) )?"
        rf"(?:\w+ )?(?:people|someone|somebody|workers|builders|{PEOPLE}s?))|{_UNDER_RUBBLE}|"
        rf"buried (?:alive|under|beneath))\b",
        True,
    ),
    (
        "a person in the water",
        rf"\b{SUBJECT} (?:(?:is|s|are|re|was|were|just|has|have|gone|went|fallen|fell|jumped|"
        rf"slipped|been|still|stuck) ){{0,3}}(?:in|into|under) (?:the |a )?{WATER}\b"
        rf"{_WATER_EVERYDAY}",
        True,
    ),
    (
        "a petrol bomb or firebomb",
        rf"\b{INCENDIARY}\b(?! (?:on the (?:news|telly|tv)|in (?:the )?(?:film|game))\b)",
        True,
    ),
    (
        # Speech recognition's commonest slips on these words (flite -> G.711 -> Whisper and
        # written examples): "shot" heard as "shop", "shut", "short"; "stabbed" as "stab";
        # "breathing" as "breeding"; "knife" as "nice"; "unconscious" split in two. Read only in
        # a frame with a person as the subject and nothing after that gives an everyday sense
        # ("I've been to the shop", "he's been short with me", "the shop's been shut").
        "misheard (2)",
        rf"\b(?:(?:{_PRONOUN}|(?:my|our|his|her|a|the) (?:\w+ )?{PEOPLE}s?) (?:(?:has|have|s|ve|"
        rf"just|got|was) ){{0,2}}(?:been|bin|got) (?:shop|shut|short|stab)(?=$| in the "
        rf"{BODY_PART}| in (?:his|her|my|their) {BODY_PART}| outside| near| by (?:a|some|two|"
        rf"three) (?:lads?|men|man|guys?|gang)| and (?:hes|shes|theres|im)| please| help)|"
        rf"(?:been|got|bin) (?:blessed|glass|classed) in the (?:face|head|neck)|"
        rf"(?:not|isnt|stopped) breeding|(?:un|on) conscious|(?:got|holding|waving|pulled out|"
        rf"pulled) a nice(?= (?:and|to|at|on)\b|$))",
        False,
    ),
]
