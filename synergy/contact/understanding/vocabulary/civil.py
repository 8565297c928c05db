"""Civil matters: housing, work, family courts, debt and benefits. Callers write long accounts
of these to the police; they are not police matters unless the account discloses risk.

A call that names one of these topics, and in which no rule finds a vulnerability, is read as
`not_police_matter` unless the model is all but certain of a vulnerability
(`engine.CIVIL_FIRM_SCORE`) or the caller is reporting something the police do handle (a
crime, a fraud, a crash): long civil accounts carry words such as "threatening", "scared",
"my ex-husband" or "the kids" that the model alone weighs too heavily."""

from __future__ import annotations

from ..normalise import pattern_words

TOPICS = (
    r"\b(?:landlord|landlady|land lord|land lady|letting agent|tenancy|tenant|deposit|"
    r"rent arrears|eviction|"
    r"evict\w*|section 21|section 8|notice to quit|mortgage|repossess\w*|council housing|"
    r"housing (?:association|benefits?|officers?)|overpayment|employer|sick pay|wages|unpaid|"
    r"redundan\w*|"
    r"dismissed|fired from|tribunal|disciplinary|grievance|employment contract|hr department|"
    r"payslip|universal credit|benefits? (?:claim|payments?|stopped|sanction\w*)|dwp|jobcentre|"
    r"council tax|debt\w*|bailiff\w*|enforcement agents?|ccj|county court|small claims|loan "
    r"repayments?|overdraft|credit card bill|divorce|separation|child arrangements|custody "
    r"arrangement|contact arrangement|maintenance|child support|mediation|solicitor|lawyer|"
    r"legal advice|court order|inheritance|will and|probate|insurance claim|refund|warranty|"
    r"consumer rights|boundary|hedge|fence line|planning permission|neighbour dispute|parking "
    r"space|child maintenance|cms|csa|(?:borrowed|lent) (?:\w+ ){0,2}[0-9]+ from me|(?:i|we) "
    r"lent (?:him|her|them) [0-9]+|(?:builder|plumber|roofer|electrician|tradesman|contractor|"
    r"garage|dealer|retailer|"
    r"seller) (?:\w+ ){0,6}(?:paid|refund|deposit|job|work|quote|invoice)|(?:paid|gave) (?:\w+ )"
    r"{0,3}(?:builder|plumber|roofer|tradesman|contractor)|(?:late |my |our |his |her )(?:\w+ )?"
    r"(?:mums|dads|mothers|fathers|nans|grandads|\w+s) will|executor|estate agent|letting "
    r"agency|care home fees|invoices?|tenancy agreement|contract|family court|contact order|child "
    r"arrangements? order|cafcass|residence order|parental responsibility|sacked|sacking|unfair "
    r"dismissal|made (?:me |us |him |her )?redundant|laid off|p45|p60|hr|acas|holiday pay|minimum "
    r"wage|zero hours|no breaks|(?:threaten\w*|going) to sack|energy (?:company|supplier|bills?)|"
    r"(?:gas|electric|electricity|water|phone) bill|bills|owes? (?:me|us) (?:\w+ )?(?:money|"
    r"[0-9]+|quid|pounds|grand)|money back|pip|tax credits|work coach|esa|dla|attendance "
    r"allowance|carers allowance|(?:tree|hedge|branches|leaves) (?:\w+ ){0,3}(?:hanging over|"
    r"overhanging|over (?:my|our))|overhanging|gutters?|(?:blocking|blocks|across|over|in front "
    r"of) (?:my|our|the) (?:drive|driveway|dropped kerb|garage)|dropped kerb|bin collection|bins? "
    r"(?:not |havent been |werent )?collected|park(?:s|ing|ed)? (?:\w+ ){0,3}(?:on|across|over|"
    r"in front of) (?:the|my|our) (?:pavement|drive|driveway|dropped kerb)|service charge|"
    r"freeholder|leaseholder|ground rent|breeder|delivered|delivery|gym|membership|subscription|"
    r"excluded|exclusion|detention|(?:a |in a |having a )?dispute with (?:my|our|the|a|an|his|"
    r"her) \w+|guarantor|broadband|internet provider|rent (?:up|increase|rise|review)|put the "
    r"rent up|"
    # round 4: schools, private parking charges, council services, roots and party walls,
    # a car bought from a dealer, appliances through a shared wall, splitting belongings
    r"school (?:place|admissions?|appeal|transport|uniform)|admissions? appeal|catchment|ehcp|"
    r"(?:first|second|third|fourth|fifth) choice|parking (?:charge|fine|ticket|penalty)|penalty "
    r"charge|pcn|private parking|recycling|(?:at war|fight\w*|battle\w*|dispute) with the "
    r"council|roots|subsidence|party wall|gearbox|clutch|from a (?:dealer|dealership|garage)|"
    r"(?:washing machine|tumble dryer|dishwasher)s? (?:\w+ ){0,6}(?:night|midnight|wall|noise)|"
    r"(?:split|splitting|divide|dividing) (?:up )?(?:the|our) (?:furniture|belongings|stuff|"
    r"things)|"
    # round 7: a will changed or contested
    r"(?:changed|contest\w*|challeng\w*|wrote|written|made|read|dispute\w*) (?:his|her|their|"
    r"the|a|my|mums|dads) (?:new |last )?will\b|(?:his|her|their) will (?:left|leaves|says|said))\b"
)
# Words of the topics that a typo should not hide ("landlrod", "tenacny").
KEYWORDS = pattern_words(TOPICS)
