"""Rule layer vocabulary, part 2: vulnerable adults, sexual offences, hate crime, threats to
life and exploitation, plus the cues for danger happening *now* and for past events.
Same conventions as `lexicon`."""

from __future__ import annotations

from .lexicon import CHILD, Pattern

VULNERABLE_ADULT: list[Pattern] = [
    ("dementia or confusion", r"\b(?:dementia|alzheimer\w*|memory (?:problems|loss|issues)|"
     r"(?:gets|is|was|very|really|seems|seemed|getting|became|so|quite) confused|confused (?:and|"
     r"old|elderly|man|woman|lady|again))\b", True),
    ("elderly or frail", r"\b(?:elderly|frail|pensioner|oap|old (?:man|lady|woman|gentleman|"
     r"fella|chap|couple|people|folk|neighbour|boy|girl|dear|guy)|(?:[89]\d|1[01]\d) (?:year|"
     r"years|yr) old|in (?:his|her|their) (?:80s|90s|eighties|nineties)|(?:is|im|i am|hes|shes|"
     r"aged|age) (?:[89]\d|1[01]\d))\b", True),
    ("learning disability or autism", r"\b(?:learning (?:disability|disabilities|difficulties|"
     r"difficulty)|special needs|autis\w*|asperger\w*|downs? syndrome|brain injury)\b", True),
    ("disability or care needs", r"\b(?:disabled|disability|wheelchair|blind|deaf|"
        r"partially sighted|housebound|"
     r"bed ?bound|immobile|carer|carers|care home|care worker|care package|sheltered (?:housing|"
     r"accommodation|flat)|supported (?:living|housing)|vulnerable|walking frame|zimmer|mobility "
     r"scooter)\b|\b(?:cant|cannot|doesnt|does not) (?:remember|know) (?:her|his|their|where "
     r"(?:she|he|they)) (?:address|name|way home|lives|live|is|are)\b", True),
    ("fallen and cannot get up", r"\b(?:had a fall|has fallen|fallen over|fell over|on the floor "
     r"and (?:cant|cannot|can not) get up|cant get up)\b", True),
    ("signs nobody has seen them", r"\b(?:(?:curtains|blinds) (?:\w+ ){0,2}(?:closed|drawn|shut)|"
     r"(?:post|mail|milk|papers|newspapers|letters) (?:\w+ ){0,2}(?:piling|piled|stacking|"
     r"building) up|not seen (?:him|her|them) (?:for|in) (?:days|a week|weeks|ages)|no answer at "
     r"(?:the|his|her) (?:door|flat)|not answering (?:the|his|her|their) door)\b", False),
    ("neglected by carers", r"\bleft in (?:his|her|their) own (?:mess|urine|faeces|waste|filth)"
     r"\b|\b(?:not|never) (?:being )?(?:fed|washed|changed|given (?:his|her|their) "
     r"(?:meds|medication))\b", True),
    ("self-neglect", r"\b(?:self neglect\w*|hoard\w*|(?:isnt|not|hasnt been|wont) (?:eating|"
     r"washing|looking after (?:himself|herself|themselves))|(?:lives|living) (?:alone|on (?:his|"
     r"her|their) own))\b", True),
    ("drink spiked", r"\b(?:spiked|spiking|spike)\b", True),
]

SEXUAL_OFFENCE: list[Pattern] = [
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

HATE_CRIME: list[Pattern] = [
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

THREAT_TO_LIFE: list[Pattern] = [
    ("threat to kill", r"\b(?:kill|murder|stab|shoot|strangle|slit|bury|knife|shank) (?:me|us|her|"
     r"him|them|you|my \w+|the kids|everyone|everybody|you all|your \w+)\b|\b(?:burn|torch) "
     r"(?:\w+ ){0,3}(?:house|flat|home|car) down\b", True),
    ("threat that they will never leave", r"\b(?:make sure|making sure|ensure) (?:that )?(?:i|she|"
     r"he|we|they|you) (?:never|dont|wont|do not|will not) (?:leave|get out|see|walk|wake|live)",
     False),
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
     r"coming for (?:me|you|us|him|her)|end (?:me|you|him|her)\b|do (?:me|you|him|her) in|cut "
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

EXPLOITATION: list[Pattern] = [
    ("drug exploitation", r"\b(?:county lines?|cuckoo\w*|trap house|drug (?:den|house|line|lines|"
     r"debt|debts|runner|runners|running|mule|mules)|running (?:drugs|packages|parcels|bags)|"
     r"(?:holding|hold|stash\w*|hiding|keep) (?:drugs|stuff|packages|a package|weapons|knives) "
     r"for)\b", True),
    ("slavery or trafficking", r"\b(?:modern slavery|slave\w*|traffick\w*|forced (?:labour|"
     r"labor|work)|debt bondage)\b", True),
    ("documents or money held", r"\b(?:took|taken|takes|taking|keeps|kept|holding|holds|"
     r"confiscated) (?:\w+ )?(?:my|his|her|their|our) (?:passport|passports|documents|papers|"
     r"wages|pay|benefits|pension)\b", True),
    ("made to commit crime or work", r"\b(?:made|makes|forced|forces|forcing|making|pressur\w*|"
     r"coerc\w*|groomed|using) (?:me|him|her|them|us|my \w+) (?:\w+ )?(?:to |into )?(?:sell|"
     r"selling|deliver|delivering|carry|carrying|steal|stealing|work|working|sleep with|"
     r"sleeping with|hold|holding|move|moving|run|running|shoplift\w*)\b", True),
    ("home taken over", r"\b(?:men|people|lads|blokes|strangers|dealers|guys|gang|they) (?:\w+ )"
     r"{0,2}(?:staying|living|coming and going|moved in|taken over|using|dealing from|selling "
     r"from|in and out of) (?:\w+ ){0,3}(?:his|her|their|my|the) (?:flat|house|home|place)\b",
     True),
    ("gifts from older contacts", rf"\b(?:(?:new|older) (?:friends|boyfriend|mates|men|man|lads|"
     r"group|guys) (?:\w+ ){0,6}(?:money|cash|gifts|phone|phones|trainers|clothes|designer|lifts|"
     rf"drugs|vapes)|{CHILD} (?:\w+ ){{0,6}}(?:unexplained|new|expensive|loads of) (?:cash|money|"
     r"phones?|trainers|designer clothes|clothes|gifts))\b", True),
    ("financial abuse", r"\b(?:taking|taken|takes|took|stealing|stole|spending|spent) (?:all )?"
     r"(?:of )?(?:his|her|their|mums|dads|nans|grandads) (?:money|pension|benefits|savings)\b",
     True),
    ("forced to move drugs", r"\b(?:forced|made|pressured|being made) to (?:carry|sell|deal|move|"
     r"run|hold|store|deliver)\b|\blocked in (?:at night|the (?:shop|salon|house|factory|back))\b|"
     r"\b(?:lifts|gifts|money|cash|drugs|alcohol|drink|vapes) from (?:older|much older|grown) "
     r"(?:men|man|lads|boys|guys)\b", True),
    ("paid to carry", r"\b(?:paying|paid|pays) (?:my|him|her|them) (?:\w+ )?to (?:deliver|carry|"
     r"hold|sell|move|run|drop)|holding (?:\w+ )?bank card|pocket money\b", True),
    ("signs of running drugs", r"\b(?:calls|texts|messages) from (?:older )?(?:men|strangers|"
     r"older lads|a withheld number|withheld numbers)\b|\b(?:phone|phones) (?:that )?(?:never "
     r"stops?|wont stop|keeps|always|constantly) ring\w*|\b(?:several|two|2|three|multiple|"
     r"different) (?:mobile )?phones\b|\bleaving (?:the house )?(?:late )?at night with "
     r"(?:bags|a bag|packages)\b",
     True),
    ("used to move drugs", r"\b(?:being|been|getting) used (?:to|for) (?:sell|selling|deal|"
     r"dealing|carry|carrying|run|running|move|moving|drugs|sex)\b|\b(?:young|teenage|school) "
     r"(?:girls|boys|kids|lads) (?:\w+ ){0,5}(?:older men|older man|men in cars)\b", True),
    ("sexual exploitation", r"\b(?:pimp\w*|prostitut\w*|sex work\w*|brothel|escort\w*|sugar "
     r"daddy)\b", True),
    ("being exploited", r"\b(?:being|been|getting) (?:groomed|exploited|taken advantage of)\b|"
     r"\btaking advantage of\b|\bexploit\w*\b", True),
    ("signs of forced work or cuckooing", r"\b(?:(?:not|never) (?:being |get |gets )?paid|"
        r"work(?:ing)? "
     r"for nothing|(?:run|running) (?:parcels|packages|bags|lines)|(?:deal|dealing|"
     r"selling) (?:drugs )?"
     r"from (?:his|her|their|the|my) (?:flat|house)|flat to deal|(?:after|took|taking|"
     r"takes) (?:her|"
     r"his) (?:money|bank card|savings|pension)|(?:coming and going|"
     r"in and out) (?:\w+ ){0,4}(?:older "
     r"men|men)|sleep\w* (?:there|in the (?:shop|kitchen|back|salon))|taken over|keep (?:my|their) "
     r"documents)\b", False),
]

# Danger happening now: with a vulnerability or a crime word this makes the call an emergency.
NOW = (
    r"\b(?:right now|as we speak|at the moment|still here|still there|still outside|outside "
    r"(?:my|the|our) (?:house|door|flat|window|home) (?:now|right now)|on (?:his|her|their) way "
    r"(?:here|round|over|back)|tonight|is here now|hes here|shes here|theyre here|breaking in|"
    r"kicking (?:the|my) door|trying to get in|hurry|"
    r"(?:just|has just|have just) (?:taken|swallowed|cut))\b"
)
IN_PROGRESS = (
    r"\b(?:(?:is|s|are|re|hes|shes|theyre|theres|someones|whos) (?:(?!been )\w+ )?(?:breaking|"
    r"kicking (?:the|my|our|his|her) (?:door|window)|"
    r"kicking (?:me|him|her|them|someone|the shit)|trying to (?:get in|break|kill|hurt|attack|"
    r"grab|take|stab)|smashing|attacking|fighting|hitting (?:me|him|her|them|someone)|beating|"
    r"stabbing|chasing|following me|punching|strangling|choking|waving|stealing|robbing|"
    r"dragging|running (?:off|away|towards))|has (?:got )?a (?:knife|gun|machete|weapon|bottle)|"
    r"got a (?:knife|gun|machete|weapon)|outside with a|on fire|flames|"
    r"(?:have|has|ive|hes|shes|just) (?:taken|swallowed) (?:an overdose|a load of|all (?:my|the|"
    r"his|her)|"
    r"loads of|too many|a lot of|a whole|pills|tablets)|took (?:an overdose|pills|tablets)|"
    r"not breathing|bleeding|(?:is|s|are) unconscious|unconscious in|cant breathe|trapped|"
    r"being (?:attacked|chased|hit|robbed|mugged)|(?:im|i am) being followed|drink driv\w*|"
    r"drunk driv\w*|wrong way|"
    r"breaking into|someone in my house|"
    r"(?:theyre|they are|hes|he is|shes|she is|someones|someone is|burglars? (?:is|are)|"
    r"intruders? (?:is|are)) still (?:(?:in|inside) (?:the|my|our) (?:house|home|flat|"
    r"building|shop|garden|garage|property)|inside|here|upstairs|downstairs)|"
    r"(?:on|standing on) the (?:bridge|ledge|roof)|"
    r"screaming for help|(?:just|has just|have just|been) (?:been )?(?:stabbed|shot|attacked|"
    r"knocked down|snatched)|fight going on|right now|as we speak)\b"
)
PAST = (
    r"\b(?:last (?:week|month|year|night|weekend|time|tuesday|monday|wednesday|thursday|friday|"
    r"saturday|sunday)|years? ago|months? ago|weeks? ago|days ago|yesterday|back in|when i was|"
    r"used to|in the past|historic\w*|a while ago|over the weekend|previously|already reported)\b"
)
