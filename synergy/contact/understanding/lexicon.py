"""Rule layer vocabulary, part 1: shared word classes and the patterns for domestic abuse,
suicide and self-harm, missing people, children at risk and mental health crises.

Patterns run over the *match form* (lower case, apostrophes dropped, single spaces, letters and
digits only), so "Don't", "dont" and "DON'T!" read the same, as speech recognition gives them.
Each pattern is (rule name, regex, negatable). A negatable hit preceded by "not/never/didn't..."
is kept as a *negated* hit: it raises no vulnerability but still keeps the caller with a person.
Patterns that carry their own negation ("don't want to be here") are not negatable.
"""

from __future__ import annotations

Pattern = tuple[str, str, bool]

# -- word classes ------------------------------------------------------------------------------
REL = (
    r"(?:partner|husband|hubby|wife|boyfriend|girlfriend|bf|gf|ex(?: partner| husband| wife|"
    r" boyfriend| girlfriend)?|fiance|fiancee|other half|babys? (?:dad|father)|kids (?:dad|father)"
    r"|childrens (?:dad|father)|step ?dad|stepfather|step ?mum|dad|father|son|daughter|brother|"
    r"sister|uncle|(?:mother|father|brother|sister) in law|in laws)"
)
PERSON = (
    r"(?:mum|mom|mother|dad|father|nan|nana|nanna|gran|granny|grandma|grandmother|grandad|"
    r"granddad|grandfather|husband|wife|partner|brother|sister|son|daughter|uncle|aunt|auntie|"
    r"friend|mate|flatmate|housemate|neighbour|neighbor|lodger|resident|patient|client|"
    r"boyfriend|girlfriend|child|kid|boy|girl|lad|nephew|niece|cousin|teenager|grandson|"
    r"granddaughter|stepson|stepdaughter|fiance|colleague|dementia)"
)
WHO = rf"(?:he|she|they|hes|shes|theyre|my \w+ {PERSON}|my {PERSON}|our {PERSON}|{PERSON})"
CHILD = (
    r"(?:child|children|kid|kids|kiddies|baby|babies|toddler|toddlers|infant|newborn|"
    r"little (?:boy|girl|one|ones|lad|un|uns|kids?)|(?:[1-9]|1[0-7]|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen) "
    r"(?:year|yr|month) olds?|school ?(?:girl|boy|kids?)|young (?:boy|girl|lad|lads|girls|boys|"
    r"ones?)|(?:his|her|their|my|the|our|a) (?:\w+ )?(?:son|daughter|boy|girl|grandson|"
    r"granddaughter|nephew|niece|stepson|stepdaughter)s?|(?:my|our) lads?)"
)
ABUSE_V = (
    r"(?:hit|hits|hitting|punch|punched|punches|punching|kick|kicked|kicks|kicking|slap|slapped|"
    r"slaps|slapping|beat|beats|beaten|beating|batter\w*|strangl\w*|chok\w*|push|pushed|pushes|"
    r"shove|shoved|shoves|throttl\w*|headbutt\w*|bit|bites|attack\w*|assault\w*|hurt|hurts|"
    r"hurting|abus\w*|threaten\w*|drag\w*|grab\w*|spat|spits)"
)
NOT_PASSIVE = r"(?:(?!was |got |been |is |were |being |be )\w+ )?"
SELF = r"(?:myself|my self|himself|herself|themselves|themself|theirself)"

DOMESTIC_ABUSE: list[Pattern] = [
    ("domestic incident", r"\bdomestic(?: abuse| violence| incident| row| situation)?\b", True),
    ("abusive relationship", r"\babusive (?:partner|husband|wife|boyfriend|girlfriend|ex|"
     r"relationship|marriage|home|fella)\b", True),
    ("partner or family member using violence",
     rf"\b(?:my|her|his|their|the|your) {REL} {NOT_PASSIVE}(?:has |had |keeps |always |just "
     rf"|been |then )?{ABUSE_V}\b", True),
    ("he or she hurting the caller or family",
     rf"\b(?:he|she|hes|shes) {NOT_PASSIVE}(?:has |had |keeps |just |been )?{ABUSE_V} (?:me|us|"
     r"my mum|my mom|my mother|my sister|my brother|my nan|the kids|my kids|the children|her|"
     r"him)\b", True),
    ("coercive control: money, phone or movements",
     rf"\b(?:he|she|hes|shes|{REL}) (?:\w+ ){{0,2}}(?:control\w*|takes|took|keeps|has taken|"
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
    ("fear of partner", rf"\b(?:walking on eggshells|hiding from (?:him|her|my {REL})|"
     rf"(?:scared|frightened|terrified|afraid) "
     rf"(?:of|to go home|to go back|of going home|what) (?:to )?(?:him|her|my {REL}|he|she|"
     r"going home))\b", True),
    ("violence by a partner", rf"\b(?:beaten|hit|attacked|assaulted|abused|hurt|punched|kicked|"
     rf"strangled|raped|threatened) (?:up )?by (?:her|his|my|their|our) {REL}\b", True),
    ("forced marriage", r"\b(?:forc\w* (?:me|her|him) (?:to|into) marr\w*|arranged marriage|forced "
     r"into (?:a |an )?(?:arranged )?marriage|marry someone (?:i|she|he) (?:dont|doesnt|has never|"
     r"have never|never))", True),
    ("court order broken", r"\b(?:court order|injunction|bail conditions)\b", True),
    ("violence by he or she", r"\b(?:he|she|hes|shes) (?:keeps |always |has |just |then )?(?:bites|"
     r"scratches|grabbed me|grabs me|pulled my hair|pulls my hair|grabbed me by|"
     r"throws things at me|"
     r"threw (?:things|stuff) at me|puts me down|putting me down|controls everything|spits on me|"
     r"spat at me)", True),
    ("abusive family member", rf"\b(?:my|her|his) (?:\w+ )?{REL} (?:is|was|gets|got|has been|"
     r"can be|keeps being) (?:\w+ )?(?:abusive|violent|aggressive) (?:to|towards|with) (?:me|her|"
     r"him|my|us)\b", True),
    ("hands on the neck", r"\b(?:he|she|hes|shes) (?:\w+ ){0,3}(?:hands?|arm) (?:round|around|on) "
     r"my (?:neck|throat)\b|\bgrabbed me by the (?:hair|throat|neck|arm)\b", True),
    ("scared to go home", r"\b(?:scared|frightened|terrified|afraid) to (?:go (?:back )?home|be "
     r"(?:at home|alone|in the house) with (?:him|her|my))\b", True),
    ("fear of what they will do", rf"\b(?:scared|frightened|terrified|afraid) (?:that |of what )?"
     rf"(?:he|she|hell|shell|hed|shed|my {REL})\b", True),
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

SUICIDE_SELF_HARM: list[Pattern] = [
    ("suicide", r"\b(?:suicid\w*|take (?:my|his|her|their) (?:own )?life|end (?:my|his|her) "
     r"(?:own )?life)\b", True),
    ("harm to self", rf"\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting|burn|burning|"
     rf"hang|hanging|drown|drowning|starve|starving|poison|poisoning) {SELF}\b", True),
    ("self-harm", r"\bself (?:harm|harming|harmed|arm|injur\w*)\b|\bselfharm\w*\b", True),
    ("not wanting to live", r"\b(?:dont|do not|no longer|not|doesnt|does not|dont really) "
     r"(?:want|wanna|wish) (?:to )?(?:be here|be alive|live|exist|wake up|carry on|go on|be "
     r"around)\b", False),
    ("cannot go on", r"\b(?:cant|cannot|can not|couldnt) (?:go on|carry on|do this any ?more|"
     r"keep going|take (?:it|this|any) ?more|face (?:it|tomorrow|another day))\b", False),
    ("wish to die", r"\b(?:want|wants|wanted|wanting|wanna|ready|going|gonna) (?:to )?die\b|"
     r"\bwish(?:ed)? (?:i|he|she) (?:was|were|wasnt|werent|had never been) "
     r"(?:dead|here|born|alive)\b", True),
    ("better off without them", r"\b(?:better off|be better|be easier|be happier) (?:for "
     r"(?:everyone|everybody|them|you all) )?(?:dead|without (?:me|him|her)|if (?:i|he|she) "
     r"(?:was|were|wasnt|werent) (?:gone|dead|here|around))", False),
    ("no point living", r"\b(?:no|not any|isnt any|theres no|whats the|see no) (?:point|reason) "
     r"(?:in |to |of )?(?:living|life|going on|carrying on|being here|anymore|any more|it all|"
     r"anything)\b", False),
    ("overdose", r"\b(?:overdos\w*|over dose\w*|taken (?:a lot of|loads of|all (?:of )?(?:my|"
     r"his|her|the)|a load of|a bunch of|too many|a packet of|\w+ packets of) (?:pills|tablets|"
     r"paracetamol|meds|medication)|take all (?:my|these|the|his|her) (?:pills|tablets))\b", True),
    ("at a height or railway", r"\b(?:jump|jumping|throw myself|throw (?:himself|herself)|step "
     r"in front|stepping in front|walk in front) (?:off|from|in front of|into|of)?\b|\b(?:on|at|"
     r"near|standing on|sat on|sitting on|stood on) (?:the |a )?(?:edge of (?:the |a )?)?(?:bridge|"
     r"ledge|cliff|roof edge|railway line|railway|train tracks|tracks|motorway bridge|"
     r"multi storey)\b",
     True),
    ("saying goodbye", r"\b(?:goodbye (?:note|letter|message|messages|text|texts|video)|suicide "
     r"note|said (?:his|her|their|my) goodbyes|saying goodbye to (?:everyone|us|me|the kids)|"
     r"(?:wont|will not|not|wont be) (?:be )?(?:around|here) (?:much longer|for long|tomorrow|"
     r"anymore|any more)|(?:giving|gave|given) (?:away )?(?:all )?(?:his|her|my) (?:things|stuff|"
     r"belongings|possessions) away)\b", False),
    ("nobody would miss them", r"\b(?:no one|nobody|noone) (?:would|will|is going to|gonna) "
     r"(?:miss|notice|care)\b", False),
    ("tired of living", r"\b(?:tired|sick) of (?:living|being alive|life|it all)\b|\bmake it "
     r"(?:all )?stop\b|\bend(?:ing)? (?:it|it all|everything|things)(?! with)\b|\b(?:no|"
     r"cant see a|dont "
     r"see a|dont see any) (?:way out|future)\b", False),
    ("means of suicide", r"\b(?:noose|razor blades?|ligature|rope|how many (?:pills|tablets)|"
     r"stockpil\w*|(?:saving|saved|been saving|hoard\w*|collect\w*|stash\w*) (?:up )?(?:all )?"
     r"(?:my|his|her) (?:tablets|pills|meds|medication)|(?:ways|how) to (?:kill|"
     r"end|hurt) (?:myself|himself|herself|themselves|it))\b", True),
    ("ending it", r"\b(?:ending (?:it|it all|my life|his life|her life|everything|things)|taking "
     r"(?:my|his|her|their) (?:own )?life|not wake up|never wake up|(?:want|wants|wanted) (?:it|"
     r"everything) (?:all )?to stop|done with (?:life|living|it all|everything)|disappear "
     r"(?:forever|for good)|(?:a|such a) burden|(?:had|have had) enough of (?:life|living|"
     r"everything))\b", True),
    ("farewell messages", r"\b(?:(?:saying|said|says|text\w*|messag\w*) goodbye|(?:note|letter|"
     r"letters|text|message) (?:saying|to) (?:\w+ ){0,3}(?:sorry|goodbye|love|kids)|"
     r"tell (?:the kids|"
     r"my kids|mum|my mum|everyone|them) (?:that )?i love|look after (?:mum|my mum|the kids|my "
     r"kids|everyone) for me)\b", True),
    ("no point", r"\b(?:dont|do not|cant|cannot|can not) see (?:the|any) point\b|\bno (?:point|"
     r"reason) (?:to|in) (?:keep going|keeping going|be here|being here|live|wake up|carry on)\b|"
     r"\b(?:wont|not|never|dont think ill|dont want to) wake up\b", False),
    ("cannot stay alive", r"\b(?:finish it (?:tonight|all|now)|finish myself off|sleep forever|"
     r"nothing (?:left )?to live for|(?:cant|cannot|can not|dont think i can|unable to) (?:stay|"
     r"keep "
     r"myself|keep) (?:alive|safe)|(?:be|stay) alive much longer)\b", False),
    ("signs of a plan", r"\b(?:engine running|not being around|easier to (?:just )?die|(?:picture|"
     r"photo) of (?:pills|tablets)|tell (?:my |the )?\w+ (?:im|i am) sorry|(?:im|i am) done|"
     r"do it any "
     r"?more|have a plan|got a plan|made (?:a|my) plans?)\b", False),
    ("intent to act", r"\b(?:written (?:a|my) will|(?:going to|gonna) do it (?:tonight|today|now)|"
     r"(?:pain|it all|everything) to (?:end|stop) for good|end the pain)\b", True),
    ("saying goodbye (2)", r"\b(?:nothing left for me|(?:ready|want|going) to say goodbye|"
        r"sorry for "
     r"everything|look after (?:my|his|her|the) \w+ for me|(?:be|all be) (?:fine|better|better off|"
     r"happier|okay|ok|easier) without (?:me|him|her)|enough of being alive|(?:cant see myself|"
     r"dont think ill) (?:getting|get|make it) through (?:tonight|the night|today)|ready to join "
     r"(?:my|her|his) \w+)\b", False),
    ("means at hand", r"\b(?:(?:vodka|whisky|wine|alcohol|drink) and (?:all )?(?:of )?(?:my |the |"
     r"his |her )?(?:tablets|pills)|hose ?pipe|car exhaust|exhaust pipe|looking (?:up |at )"
     r"(?:bridges|heights|ways to)|(?:off|from) (?:her|his|my|the) balcony)\b", True),
    ("cutting", r"\b(?:cut|cutting|cuts|slit|slitting|burn|burning|scratching) (?:my|his|her|"
        r"their) "
     r"(?:arms?|wrists?|legs?|thighs?|skin)\b", True),
    ("last words", r"\b(?:last time (?:you|youll|you will) (?:hear|see)|(?:wont|will not|never) "
     r"(?:hear from|see) me again|drive (?:my|his|her|the) car into|walk into the (?:sea|river)|in "
     r"front of a (?:train|bus|lorry)|better off gone|be better off gone|scared of what (?:i|he|"
     r"she) might do)\b", True),
    ("at a height (2)", r"\b(?:off|from) (?:the|a) (?:bridge|roof|cliff|multi storey|car park)\b",
     True),
    ("at a height", r"\b(?:top of (?:the|a) (?:car park|multi storey|building|cliff|tower)|car "
     r"park roof|edge of (?:the|a) (?:roof|cliff|bridge|platform))\b", True),
    ("self-harm again", r"\b(?:started|start|been|im|keep|keeps|back to) (?:\w+ )?(?:cutting|"
     r"self harming|harming (?:myself|himself|herself)|doing it) again\b|\bcutting again\b|"
     r"\bscars (?:on|all over|up) (?:her|his|my|their) (?:arms?|legs?|wrists?|thighs?)\b", True),
    ("putting affairs in order", r"\b(?:giving|gave|given|giving away) (?:away )?(?:all )?(?:of )?"
     r"(?:his|her|my|their) (?:\w+ )?(?:stuff|things|belongings|possessions|tools|clothes|"
     r"games) (?:away)?|\b(?:updated|changed|written|wrote|made|sorted) (?:out )?(?:his|her|my) "
     r"(?:will|affairs)\b", True),
    ("no point in being here", r"\b(?:whats|what is) the point (?:of|in) (?:me )?(?:even )?"
     r"(?:being here|being alive|living|going on|carrying on|anything)\b|\bno point (?:in |of )?"
     r"(?:me )?(?:being here|being alive|living|going on|carrying on)\b", False),
    ("a plan or a note", r"\b(?:planning|planned|plan|thinking about|thought about|worked out) "
     r"how (?:i|id|he|hed|she|shed|to) (?:would |could )?(?:do it|end it|go)\b|\b(?:i|ive|i have)"
     r" (?:wrote|written|been writing|wrote out) (?:a|my|the) (?:note|letter|letters)\b|"
     r"\b(?:suicide|goodbye) (?:note|letter)\b", True),
    ("cannot keep safe", r"\b(?:cant|cannot|can not|dont think i can|not sure i can) (?:promise|"
     r"keep|guarantee) (?:i|myself|ill|id) (?:will |ll )?(?:be |stay |keep )?safe\b|\bnot "
     r"safe (?:with|from|around) (?:myself|me)\b|\b(?:really |very |such a |in a )dark place\b",
     False),
]

MISSING: list[Pattern] = [
    ("reported missing", rf"\b(?:{WHO}) (?:\w+ ){{0,4}}(?:gone |been |now |still |went )?"
     r"missing\b|\bmissing (?:person|persons|people|child|kid|teenager|teen|daughter|son|mum|dad|"
     r"husband|wife|partner)\b|\bmisper\b|\breport(?:ed|ing)? (?:\w+ ){0,2}missing\b", True),
    ("has not come home",
     rf"\b(?:{WHO}) (?:\w+ ){{0,3}}(?:hasnt|has not|havent|have not|didnt|did not|never|not|"
     r"wasnt) (?:\w+ )?(?:come|came|returned|been|got|gone|turned up|arrived|made it) (?:back|"
     r"home|in|to school|to work|to college)\b", False),
    ("cannot find or reach them",
     rf"\b(?:cant|cannot|can not|unable to|couldnt|could not|not been able to) (?:find|get hold "
     rf"of|reach|contact|locate|get through to|trace) (?:him|her|them|my {PERSON}|my \w+ "
     rf"{PERSON})\b", False),
    ("nobody has seen them",
     rf"\b(?:no one|nobody|noone|not|havent|hasnt|have not|has not|nobodys) (?:has |s |have "
     rf"|been )?(?:seen|heard from|heard anything from|had contact with|spoken to) (?:him|her|"
     rf"them|my {PERSON})\b|\blast seen\b", False),
    ("lost a child", r"\blost (?:our|my|their|her|his) (?:\w+ ){0,2}(?:boy|girl|son|daughter|child|"
     r"kid|toddler|little one)\b", True),
    ("run away or wandered off",
     rf"\b(?:{WHO}) (?:has |s |have )?(?:ran|run|runs|wandered|walked|gone) (?:off|away|out)"
     r"(?! with)\b|\b(?<!seller )(?<!money )(?<!parcel )(?<!website )(?<!trader )"
     r"(?<!company )(?<!builder )(?<!it )(?:absconded|disappeared|vanished)\b", True),
    ("told not to look for them", r"\b(?:dont|do not|not to) (?:come )?(?:look|looking|search\w*) "
     r"for (?:me|him|her)\b", False),
]

CHILD_AT_RISK: list[Pattern] = [
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

MENTAL_HEALTH_CRISIS: list[Pattern] = [
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
