"""When it happens: danger happening *now* or in progress, and events in the past.

With a vulnerability or a crime word, danger now makes the call an emergency; a turn that
talks about the past is not treated as happening now (`rules.danger_now`)."""

from __future__ import annotations

NOW = (
    r"\b(?:right now|as we speak|at the moment|still here|still there|still outside|outside "
    r"(?:my|the|our) (?:house|door|flat|window|home) (?:now|right now)|on (?:his|her|their) way "
    r"(?:here|round|over|back)|tonight|is here now|hes here|shes here|theyre here|breaking in|"
    r"kicking (?:the|my) door|trying to get in|hurry|"
    r"(?:just|has just|have just) (?:taken|swallowed|cut))\b"
)
IN_PROGRESS = (
    r"\b(?:(?:is|s|are|re|hes|shes|theyre|theres|someones|whos) (?:(?!been |always |usually "
    r"|constantly |forever |this |that |it )\w+ )?(?:breaking|"
    r"kicking (?:the|my|our|his|her) (?:door|window)|"
    r"kicking (?:me|him|her|them|someone|the shit)|trying to (?:get in|break|kill|hurt|attack|"
    r"grab|take(?! (?:the|my|our|his|her) (?:house|flat|property|home|money|car|mortgage)| "
    r"(?:me|him|her|us|them) to court| everything| half)|stab)|smashing|attacking|fighting|"
    r"hitting (?:me|him|her|them|someone)|beating|"
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
    r"(?:someone|somebody|someones|hes|shes|theyre|im|he is|she is|they are|man|woman|lad|boy|"
    r"girl|kid|person|bloke|guy|son|daughter|husband|wife|partner|friend|brother|sister|mum|dad)s?"
    r" (?:is |s |are )?(?:(?!always |usually |often )\w+ )?(?:on|standing on|stood on|sat on|"
    r"sitting on) the (?:bridge|ledge|"
    r"roof)|"
    r"theres (?:a |an |some |two |three |four |a gang of )?(?:\w+ )?(?:man|men|bloke|blokes|lad|"
    r"lads|guy|guys|gang|woman|someone|somebody|person|people|group)s? (?:\w+ )?(?:chasing|"
    r"attacking|hitting|beating|stabbing|kicking|punching|dragging|grabbing|strangling) (?:me|"
    r"him|her|them|us|someone|somebody|(?:a|an|the|some|two|my|our) (?:\w+ )?(?:girl|girls|boy|"
    r"boys|kid|kids|child|children|woman|women|man|men|lad|lads|lass|teenager|pensioner|son|"
    r"daughter|wife|husband|partner|mum|dad|friend|mate|brother|sister|neighbour))\b|"
    r"screaming for help|(?:just|has just|have just|been) (?:been )?(?:stabbed|shot|attacked|"
    r"knocked down|snatched)|fight going on)\b"
)
PAST = (
    r"\b(?:(?<!since )last (?:week|month|year|night|weekend|time|tuesday|monday|wednesday|"
    r"thursday|friday|saturday|sunday)|years? ago|months? ago|weeks? ago|days ago|(?<!since )"
    r"yesterday|back in|when i was|"
    r"used to|in the past|historic\w*|a while ago|over the weekend|previously|already reported|"
    r"the other (?:day|night|week)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday) (?:night|morning|afternoon|evening)|(?:someone|somebody|they|kids|he|she) had "
    r"(?:\w+ )?(?:set|smashed|broken|stolen|taken|sprayed|slashed|scratched|keyed|dumped|"
    r"burnt|burned|kicked|thrown)|(?:in|during|of) (?:january|february|march|april|"
    r"may|june|july|august|september|october|november|december))\b"
)
