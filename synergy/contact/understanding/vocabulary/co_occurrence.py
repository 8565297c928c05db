"""Co-occurrence cues, for what a phrase list misses. A phrase list cannot foresee every wording
("her fella knocks her about", "my 14 year old isn't where she said she'd be"), so these fire
when a *who* cue and a *what* cue occur within a few words of each other in one turn.
Negation is checked on the *what* cue only ("he never hit me" is negated; "my husband, who
never listens, hit me" is not)."""

from __future__ import annotations

from .words import CHILD, Cue

# Rules named in ORDERED need the *who* before the *what* ("my husband punched" is abuse by
# the husband; "someone punched my husband" is not).
ORDERED = frozenset({"partner or family member is violent or controlling"})
# Cues whose *what* carries its own negation ("hasn't come home"): never read as a denial.
UNNEGATABLE = frozenset({"person not where they should be"})

_PARTNER = (r"(?:(?:man|woman|person) i live with|partner|husband|hubby|wife|boyfriend|girlfriend|"
    r"bf|gf|ex|ex partner|fiance|"
            r"fiancee|other half|fella|feller|missus|misses|stepdad|step dad|in laws|"
            r"(?:brother|sister|father|mother|son|daughter) in law|(?:father|dad) of my \w+|"
            r"kids dad|childrens (?:dad|father))s?")
_VIOLENCE = (
    r"(?:hit|hits|hitting|punch\w*|kick\w*|slap\w*|beat|beats|beating|beat (?:me|her|him) up|"
    r"batter\w*|strangl\w*|chok\w*|push\w*|shove\w*|throttl\w*|headbutt\w*|attack\w*|assault\w*|"
    r"hurt|hurts|hurting|abus\w*|violent|violence|knock\w* (?:me|her|him) (?:about|around)|bites|"
    r"bit me|"
    r"scratch\w*|grab\w*|drag\w*|threw (?:me|her|him)|throws (?:me|her|him)|control\w*|"
    r"tracker|tracking|putting me down|puts me down|rough\w* (?:me|her) up|black eye|"
    r"bruises|bruised|smash\w* (?:my|her|the) (?:phone|things|stuff)|throw\w* (?:things|stuff|\w+) "
    r"at (?:me|her)|rough with (?:me|her)|(?:take|took|taken|takes) (?:the|my) (?:car )?keys|take "
    r"the kids|never see (?:them|the kids|my kids)|pins? (?:me|her) down|pinned (?:me|her) down|"
    r"squeez\w* my (?:arms?|neck|throat|wrists?))"
)
_CHILD_HARM = (
    r"(?:bruis\w*|black eye|marks on|burns? (?:him|her|them)|hits (?:him|her|them)|hitting "
    r"(?:him|her|them)|hurts (?:him|her|them)|beats (?:him|her|them)|slap\w* (?:him|her|them)|"
    r"smack\w*|shak\w* (?:him|her|them)|neglect\w*|starving|hungry|no food|nappy|shouting at|"
    r"locking them|locks them|(?:screams|shouts|screaming|yelling|yells) at (?:them|him|her)|"
    r"punch\w* (?:him|her|them)|kicks? (?:him|her|them)|left (?:in|outside|on)|"
    r"(?:grown|adult|older) (?:man|men)|wants? to meet (?:her|him|them|up)|never fed|"
    r"not (?:being )?"
    r"fed|look\w* scared|sex offender|drug addict|addict|taken (?:her|him|them) without|"
    r"left crying|crying at the window|no ones come|no one (?:has )?come|(?:dont|doesnt|not) "
    r"go(?:ing)? to school|always alone|(?:sending|sends|sent) (?:\w+ ){0,4}(?:money|gifts|"
    r"presents)|(?:keep|keeping) (?:\w+ ){0,2}secret|dont tell (?:your|anyone|mum|dad)|motorway|"
    r"hard shoulder|dual carriageway|railway line|by the (?:canal|river)|near the (?:canal|river)|"
    r"thump\w*|"
    r"thuds?|burns? on (?:his|her|their)|(?:his|her|their)"
    r" (?:mum|dad|stepdad|mother|father|mums boyfriend) did (?:it|that)|"
    r"asking for food|left alone|on (?:his|her|their) own|alone|home alone|no adult|"
    r"nobody (?:looking after|watching|in)|no one (?:looking after|watching|in)|locked (?:out|in)|"
    r"wandering|passed out|drunk|drinking|high|off (?:his|her|their) face|on drugs|"
    r"(?:sending|sends|sent) (?:\w+ )?(?:pictures|photos|pics|messages|gifts|presents|money)|"
    r"private messages|video chat\w*|asking (?:\w+ ){0,3}(?:to send|to meet|to come|to video|"
    r"for (?:pictures|photos|pics))|groom\w*|crying (?:all night|for hours|for ages)|"
    r"screaming (?:all night|for hours|for ages)|scared of (?:their|his|her) (?:dad|mum|father|"
    r"mother|stepdad))"
)
_MISSING = (
    r"(?:missing|not come (?:home|back|in)|not came (?:home|back)|hasnt come|hasnt returned|"
    r"not returned|havent returned|never came (?:home|back)|not back|not been back|been gone|"
    r"gone awol|awol|(?:run|ran|runs) (?:away|off)(?! with)|wandered off|gone walkabout|"
    r"disappeared|vanished|not been seen|hasnt been seen|no one (?:has )?seen|nobody (?:has )?seen|"
    r"nobodys seen|no ones seen|cant find|cannot find|cant locate|cant get hold of|cant reach|"
    r"never arrived|never turned up|not turned up|didnt turn up|last seen|no sign of|"
    r"not where (?:he|she|they) said|isnt at|wasnt at|bed (?:hasnt|not) been slept in|"
    r"slipped out|separated from|left the (?:hospital|ward|home|school)|not answering|"
    r"(?:not|isnt) (?:in the house|at home|home yet)|isnt back|(?:no one|nobody|noone) knows where|"
    r"isnt answering|(?:wont|will not|never) see (?:him|her|me) again|drove off|walked out|(?:not|"
    r"isnt) picking up|(?:not|hasnt|havent) been home|"
    r"should ?(?:ve|have|of) been (?:home|back)|(?:came|come|got) (?:back|home) without|"
    r"(?:cant|cannot) see (?:him|her|them)|(?:ran|run|walked|wandered) out of the (?:house|shop|"
    r"school|home|ward)|left (?:and|without) (?:taken|taking) (?:nothing|anything)|left (?:without|"
    r"with no) (?:her|his|their) (?:phone|bag|keys|money|medication)|able to (?:get hold of|reach|"
    r"contact)|should (?:have been|be) (?:home|back)|phone "
    r"(?:is )?(?:switched off|off|dead))"
)
_PERSON_ANY = (
    rf"(?:{CHILD}|son|daughter|mum|mom|mother|dad|father|nan|gran|grandma|grandad|grandfather|"
    r"husband|wife|partner|brother|sister|uncle|aunt|auntie|friend|mate|flatmate|housemate|"
    r"neighbour|lodger|resident|patient|pupil|boyfriend|girlfriend|fiance|fiancee|colleague|"
    r"teenager|lad|girl|boy|young person|woman|man|lady|gentleman|tenant|guest)s?"
)
_HATE_WHO = (
    r"(?:black|asian|muslims?|islam\w*|jewish|jews?|sikh|hindu|gay|lesbian|bisexual|trans|"
    r"transgender|disabled|disability|wheelchair|autistic|religion|religious|race|colour|"
    r"immigrants?|foreigners?|refugees?|asylum|polish|romanian|gypsies|gypsy|travellers?|roma|"
    r"pakistani|paki|pikeys?|gyppos?|tranny|retard|hijab|headscarf|turban|mosque|synagogue|"
    r"gurdwara|who i love|girlfriends hand|boyfriends hand|people like (?:me|us)|our kind)"
)
_HATE_WHAT = (
    r"(?:abuse|abusive|abused|shout\w*|called (?:me|him|her|us|them|my)|calling (?:me|him|her|us|"
    r"them|my)|spat|spit\w*|attack\w*|assault\w*|graffiti|targeted|threw|thrown|harass\w*|"
    r"not welcome|arent welcome|threat\w*|bull\w*|torment\w*|mock\w*|picked on|beaten|hit|"
    r"punched|pushed|smashed|vandalis\w*|sprayed|daubed)"
)
_EXPLOIT_WHAT = (
    r"(?:(?:with|bring\w*|brought|came back with|comes back with) (?:\w+ )?(?:money|cash|phones?|"
    r"trainers|clothes)|other (?:towns|cities|areas)|miles from home|store drugs|storing drugs|"
    r"drugs on him|drugs on her|owe\w* (?:him|them)|takes? my wages|keep\w* (?:my|their|his|her) "
    r"(?:wages|passports?|documents)|never (?:get|gets|got) (?:paid|a day off)|sleep (?:in|at) "
    r"the (?:kitchen|shop|factory|car wash|nail bar)|moved in with|using (?:his|her|their|"
    r"my) (?:flat|house)|"
    r"makes? (?:her|him|me) meet|(?:sleep with|meet|men) (?:\w+ ){0,3}for money|borrowing (?:her|"
    r"his) (?:bank )?card|taking cash out)"
)

CUES: dict[str, list[Cue]] = {
    "domestic_abuse": [
        ("partner or family member is violent or controlling", _PARTNER, _VIOLENCE, 8),
        ("he or she is violent to the caller", r"(?:he|she)",
         r"(?:knock\w*|pulled|pulls|threw|throws|pushes|pushed|shoved|shoves|dragged|grabbed|"
         r"strangled|choked|"
         r"punched|"
         r"punches|kicked|kicks|slapped|slaps|hits|hit|bit|headbutted|beats|beat|hurts|attacked) "
         r"(?:me|her)", 8),
        ("ex or former partner still pursuing",
         rf"(?:my ex|left (?:my|him|her)|split (?:up )?(?:from|with)|broke up with|separated from|"
         rf"{_PARTNER})",
         r"(?:turning up|turned up|turns up|keeps (?:coming|calling|ringing|texting|messaging)|"
         r"following|sitting outside|threat\w*|wont leave me alone|kill me|hurt me|broke into|"
         r"broken into|trashed|smashed|damaged|screaming at me|shouting at me|watching me|"
         r"calling me|ringing me|different numbers)", 10),
        ("signs of abuse next door", r"(?:next door|neighbour|neighbours|upstairs|downstairs)",
         r"(?:bruis\w* on her|black eye|hitting her|beating her|screaming (?:for help|stop))", 12),
    ],
    "child_at_risk": [("child and signs of harm or neglect", CHILD, _CHILD_HARM, 10)],
    "missing": [("person not where they should be", _PERSON_ANY, _MISSING, 12)],
    "hate_crime": [("identity and abuse", _HATE_WHO, _HATE_WHAT, 10)],
    "exploitation": [("signs of exploitation", r"(?:son|daughter|brother|sister|nephew|niece|"
                      r"boyfriend|friend|boss|employer|men|lads|gang|grandma|grandad|nan|"
                      rf"neighbour|workers|{CHILD}|i|me)", _EXPLOIT_WHAT, 10)],
}
