"""Everyday and figurative uses of emergency words: "the kids are bleeding me dry", "drowning in
paperwork", "I got shot down by the council", "stabbed in the back by the letting agent",
"fireworks that sound like gunshots", "stuck in the car park", "my phone died".

A danger cue or a rule hit whose words overlap one of these spans does not count
(`rules.danger_now`, `rules.find_vulnerabilities`), and the model never reads them
(`rules.without_idioms`): it read "I nearly died laughing" as a welfare concern. Each entry
is a whole idiom, never a single word: "bleeding" alone, "he's killing me" or "I'm dead" stay
risk words. A real danger said in the same call is still read ("my phone died, he's been
stabbed")."""

from __future__ import annotations

_THINGS_THAT_DIE = (
    r"(?:phone|mobile|battery|boiler|car|laptop|tablet|telly|tv|line|engine|plant|plants|"
    r"hamster|goldfish|fish|printer|computer|pc|fridge|freezer|washing machine|laptops|router|"
    r"internet|wifi|signal|torch|charger|heating|fan|extractor fan|bulb|lights|remote|doorbell|"
    r"camera|speaker|kettle|toaster|oven|cooker|dishwasher|boiler|app|website|system)"
)

EVERYDAY_USES = (
    r"\b(?:bleed(?:ing|in) (?:me|us|you|them|him|her) dry|bleed(?:ing|in) (?:useless|hell|"
    r"idiots?|idiotic|joke|ridiculous|annoying|nuisance|obvious|typical|marvellous|brilliant|"
    r"liberty|cheek|lovely|nightmare|council|neighbours?|landlord|noise|racket|stupid|nora|"
    r"freezing|boiling|expensive|cold|hot)|drowning in (?!(?:the |a |an |his |her |their |my |"
    r"some )?(?:water|river|canal|sea|lake|pool|bath|pond|reservoir|dock|quarry|flood)\b)\w+|"
    r"(?:dying|died|die) (?:for|to) (?:a|an|some|"
    r"go|see|get|know|hear|try|meet)\b|(?:nearly |almost )?(?:died|dying|die) (?:of |from )?"
    r"(?:laughing|laughter|embarrassment|boredom|shame)|choking on (?:(?:this|a|my|the|his|her) "
    r")?(?:cold|cough|words?|laughter|tears|prices?|bill)|shot (?:me|him|her|us|them)? ?(?:a|"
    r"an|the) (?:look|glance|message|text|smile|email|dirty look)|shot down(?: in flames)?|"
    r"stabbed (?:\w+ )?"
    r"in the back by (?:the|my|our|his|her|their) (?:\w+ )?(?:letting|estate|council|landlord|"
    r"company|firm|bank|boss|manager|employer|agent|agents|agency|club|party|union|insurer|"
    r"insurance)|(?:fireworks?|bangers|exhaust|backfir\w*) (?:that |which )?(?:sound|sounds|"
    r"sounded|sounding)(?: like)?(?: (?:a |an )?(?:gun ?shots?|gunfire|shots?|shooting|bombs?|"
    r"explosions?|a gun|guns?|bangs?))?|chas(?:ing|ed|e) (?:\w+ ){0,3}(?:for|about) "
    r"(?:(?:a|an|the|my|our|\w+) ){0,2}(?:money|payments?|debts?|rent|arrears|bills?|"
    r"overpayment|[0-9]+|pounds|quid|grand|invoices?|fees?|tax|repayments?|amount|sum|balance|deposit|costs?|loan|"
    r"outstanding)|chasing (?:it |this |them |him |her |my \w+ )?up|"
    r"dragging (?:its|their|his|her|my|our) (?:feet|heels)|dragging (?:on|out)|stuck in (?:the "
    r")?(?:car park|car wash|traffic|queue)|(?:traffic|"
    r"knees?|back|feet|head|heat|this|it|bills?|commute|job|wait|waiting|queue|prices|rent|"
    r"shifts?|hours|cold|asthma) (?:is |are |s )?killing (?:me|us|my \w+)|bottled it|mugged off|"
    r"(?:track|tune|song|album|beat|set|mix|new \w+) (?:is|was|s) fire|fired (?:from|for "
    r"being)|fire (?:the|my|our|a|his|her) (?:builder|builders|cleaner|plumber|nanny|"
    r"gardener|solicitor|agent|staff|contractor)|bloodbath|massacre|dead to (?:me|her|him|them|"
    r"us|the family)|{things}s? (?:(?:is|s|has|just|have|went|keeps|are) )*(?:died|dead|dying|"
    r"having a (?:fit|"
    r"funny turn|wobble|meltdown))|"
    r"(?:mum|mom|mam|dad|boss|nan|gran)s? (?:is |s "
    r")?(?:going to|gonna|will|ll) (?:kill|murder) me (?:when|if) (?:she|he|they) (?:sees?|"
    r"finds? out|hears?) (?:about )?(?:the|my|this) (?:dent|scratch|mess|bill|state|"
    r"damage|car|price|receipt|tattoo)|"
    # round 4: a camera or a car flashing, fit and well, party games and toys
    r"(?:cameras?|lights?|headlights|car|van|lorry|bus|taxi|driver) (?:\w+ )?flash(?:ed|es|ing) "
    r"(?:me|us|at me|at us)|fighting fit|murder mystery|(?:toy|nerf|water|cap|plastic|bb) "
    r"(?:guns?|pistols?|rifles?|swords?|knives)|(?:paintball|airsoft) (?:guns?|pistols?|rifles?)|"
    r"shot (?:at )?with (?:a |an )?(?:paintball|bb|airsoft|nerf|water|toy|cap) (?:guns?|pistols?|"
    r"rifles?)|(?:obsessed|fascinated|interested|into|mad on|mad about) (?:with |in |by )?(?:guns|"
    r"knives|weapons|swords)|choking back (?:the )?(?:tears|a sob|sobs)|"
    r"knife (?:bin|amnesty|surrender)|(?:being )?"
    r"(?:chased|chasing) by (?:a |the |my |our )?(?:debt|bailiff|collector|bank|council|"
    r"landlord|company|firm|agency|hmrc|creditor|energy|supplier|lender)\w*|(?:getting|got|"
    r"get|been) (?:battered|thrashed|hammered|smashed|destroyed|murdered|slaughtered) (?:\w+ )"
    r"{0,2}(?:all game|all match|at (?:darts|pool|snooker|football|cards|chess|fifa|golf)|in "
    r"the (?:match|game|final|league))|"
    # round 7: a flat battery, a message sent, "dead" as "very", a locked account, tinted glass
    r"jump(?: |-)?start(?:s|ed|ing)?|jump leads|shoot(?:ing)? (?:me|us|him|her|them) (?:a|an|"
    r"the|over (?:a|an|the)) (?:quick )?(?:email|e mail|text|message|line|msg|dm|link|reply|"
    r"invite|form|copy|call|call back|callback|ring|bell|buzz|note)|rob(?:bing|bed|s)? (?:me|us|"
    r"him|her|them|people|customers|everyone) blind|ripp(?:ing|ed) (?:me|us|him|her|them|people|"
    r"customers|everyone) off|steal(?:ing|s)? (?:my|his|her|our|their) thunder|(?:training|"
    r"traffic|commute|parking|queues?|shifts?|hours|drive|journey|heat|wait|exams?|course|gym|"
    r"school run) (?:is|was|s|are|were) (?:absolute |pure |sheer |bloody |total )?murder|"
    r"(?:feel|feels|felt|feeling) (?:like )?(?:\w+ ){0,2}(?:robbing|mugging|scamming|conning|"
    r"ripping) (?:me|us)|(?:i m|im|i am|we re|were|we are|i was|we were|he s|hes|he is|she s|"
    r"shes|she is|they re|theyre|they are) dead (?:worried|keen|excited|chuffed|pleased|proud|"
    r"busy|nice|lucky|nervous|bored|serious|careful|embarrassed|annoyed|impressed|happy|good "
    r"at|into)|(?:app|account|bank|banking|phone|laptop|computer|website|site|system|email|"
    r"tablet|ipad) (?:has |s |have |just |keeps )*lock(?:ed|ing|s) (?:me|us|him|her|them) out|"
    r"lock(?:ed|ing) (?:me|us|him|her|them|myself|ourselves) out of (?:my|our|his|her|their|the) "
    r"(?:\w+ )?(?:account|app|email|phone|laptop|computer|tablet|ipad|online banking|banking)|"
    # a letter through the door, a film shot, a question shot down in flames
    r"(?:notice|letters?|post|mail|leaflets?|cards?|bills?|summons|envelopes?|paperwork|forms?|"
    r"notes?|flyers?|parcels?|demands?|warnings?|fines?|ccj|writ) (?:\w+ ){0,2}(?:came|come|"
    r"comes|coming|pushed|put|shoved|posted|dropped) through (?:the|my|our) (?:front )?(?:door|"
    r"letterbox|letter box)|(?:shoot|shoots|shooting|shot) (?:a |an |some |the |this |that |my "
    r"|our |his |her )?(?:\w+ )?(?:video|videos|film|footage|photos?|clip|pictures?|scene|movie|"
    r"documentary|advert|vlog|tiktok)|(?:shot|go|goes|going|went|gone) down in flames|"
    # queue jumping, a hosepipe ban, fence posts in the ground, dead on one's feet
    r"jump(?:ing|ed|s)? (?:the|a) (?:queue|gun|lights|red light|list|waiting list)|queue "
    r"jump\w*|hosepipe ban|(?:posts?|roots?|plants?|bulbs?|seeds?|pipes?|cables?|foundations?|"
    r"stumps?|concrete) (?:\w+ ){0,3}in the ground|dead on (?:my|his|her|our|their|your) feet|"
    # feeling trapped, a decision overturned, held hostage to a contract, a lender chasing,
    # fireworks heard as gunfire a few words on, clay pigeon shooting
    r"(?:feel|feels|felt|feeling) (?:\w+ )?trapped|trapped (?:in|by) (?:a|this|the|my|our) "
    r"(?:\w+ )?(?:contract|lease|tenancy|mortgage|deal|job|situation|cycle|system|agreement|"
    r"marriage)|(?:decision|sanction|ruling|verdict|fine|ban|refusal|it|this|that) (?:\w+ ){0,2}"
    r"overturned|overturn(?:ed|ing)? (?:the|this|that|my|our|their|a) (?:\w+ )?(?:decision|"
    r"sanction|ruling|verdict|fine|ban|refusal|penalty)|(?:holding|held|hold) (?:me|us|him|her|"
    r"them) (?:hostage|to ransom) (?:to|over|with|by) (?:a|an|the|this|my|our|their) (?:\w+ ){0,3}"
    r"(?:contract|deal|lease|tenancy|agreement|bill|fee|fees|charge|charges|account|policy|"
    r"subscription)|(?:lender|bank|landlord|council|company|agency|bailiffs?|debt collectors?|"
    r"provider|firm|hmrc|dwp|creditors?|finance company|loan company) (?:is |are |s |re )?"
    r"(?:now |still |keeps? |constantly )?chas(?:ing|ed) (?:me|us|him|her)|(?:fireworks?|bangers|"
    r"exhaust|backfir\w*)(?: \w+){0,12}? (?:it |they |that |which )?(?:sounds?|sounded|sounding) "
    r"(?:like )?(?:a |an )?(?:gunfire|gun ?shots?|shots?|a gun|guns?|bombs?|explosions?)|(?:clay|"
    r"clay pigeon|target|skeet|trap) shooting(?: at (?:the|a) (?:\w+ )?(?:range|club|ground))?|"
    r"shooting (?:range|club|ground|licence|certificate|lessons?|season|party)|"
    # fitting a kitchen, not fitting (a seizure)
    r"(?:fitting|fitted|fits|fit) (?:(?:a|an|the|new|my|our|his|her|their|some) )?"
    r"(?:(?!in |on |at |by |under |near |into |onto )\w+ )?(?:kitchen|kitchens|carpets?|"
    r"bathroom|boiler|windows?|doors?|locks?|blinds|cupboards?|shelves|shelving|tiles|"
    r"flooring|alarms?|cameras?|doorbell|cctv|wardrobes?|worktops?|units|radiators?|lights?|"
    r"sockets?|fence|gate)|"
    r"(?:windows?|glass|tints?|car|van|vehicle) (?:\w+ ){0,2}blacked out|blacked(?: |-)out "
    r"(?:windows?|glass|car|van|vehicle|motor|range rover|audi|bmw|merc))"
).replace("{things}", _THINGS_THAT_DIE)
