"""Phrases of a vulnerable adult: dementia, frailty, disability, neglect, a fall."""

from __future__ import annotations

from .words import Pattern

PHRASES: list[Pattern] = [
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
