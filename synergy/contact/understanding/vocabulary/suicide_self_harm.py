"""Phrases of suicide and self-harm: intent, plans and means, farewells, hopelessness."""

from __future__ import annotations

from .words import Pattern

_SELF = r"(?:myself|my self|himself|herself|themselves|themself|theirself)"

PHRASES: list[Pattern] = [
    ("suicide", r"\b(?:suicid\w*|take (?:my|his|her|their) (?:own )?life|end (?:my|his|her) "
     r"(?:own )?life)\b", True),
    ("harm to self", rf"\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting|burn|burning|"
     rf"hang|hanging|drown|drowning|starve|starving|poison|poisoning) {_SELF}\b", True),
    ("self-harm", r"\bself (?:harm|harming|harmed|arm|injur\w*)\b|\bselfharm\w*\b", True),
    ("not wanting to live", r"\b(?:dont|do not|no longer|not|doesnt|does not|dont really) "
     r"(?:want|wanna|wish) (?:to )?(?:be here|be alive|live|exist|wake up|carry on|go on|be "
     r"around)\b", False),
    ("cannot go on", r"\b(?:cant|cannot|can not|couldnt) (?:go on(?! (?:holiday|holidays|a|an|"
     r"the|my|our|his|her|their|trips?|school|tv|line|strike|social|facebook)\b)|carry on|"
     r"do this any ?more|"
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
     r"myself|keep) (?:alive|safe)|(?:be|stay) alive much longer|"
     r"(?:not sure|dont know if|dont think|doubt|wonder if) (?:i ll|ill|i will|im going to|im "
     r"gonna|i am going to) (?:still )?be alive|(?:wont|will not|not going to|not gonna) (?:still "
     r")?be alive (?:by|next|this time|tomorrow|at|for))\b", False),
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
