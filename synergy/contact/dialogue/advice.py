"""What the assistant tells callers it can help without a record: lost and found property
advice and where to go instead of the police. The wording lives here, in one place, so the
contact centre can review it without reading the engine."""

from __future__ import annotations

import re
from dataclasses import dataclass

FRAUD_SIGNPOST = (
    "Fraud, scams and cyber crime are reported to Action Fraud, the national reporting centre: "
    "go to www.actionfraud.police.uk or call 0300 123 2040. If you have lost money, call your "
    "bank straight away on 159. If you are being pressured to pay right now, stop and tell me."
)

_FOUND = re.compile(r"\b(found|picked up|handed in|hand in|someone else's|somebody's)\b", re.I)
_LOST_ITEMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\b(phone|mobile|iphone|samsung)\b", re.I),
        "Ask your network to block the phone and its SIM, and use your phone's find-my-device "
        "service if it has one.",
    ),
    (
        re.compile(r"\b(wallet|purse|bank card|debit card|credit card|cards?)\b", re.I),
        "Call your bank on 159 straight away to cancel lost bank cards.",
    ),
    (
        re.compile(r"\bpassport\b", re.I),
        "Report a lost passport to HM Passport Office on GOV.UK so nobody else can use it.",
    ),
    (
        re.compile(r"\b(driving licen[cs]e|licen[cs]e)\b", re.I),
        "Tell the DVLA about a lost driving licence on GOV.UK; you can apply for a replacement.",
    ),
)
_LOST_GENERAL = (
    "The police do not keep a record of lost property. Ask the place where you lost it first: "
    "the shop, venue, or the bus, train or taxi company. "
)
_FOUND_GENERAL = (
    "Please hand found property to the place where you found it, such as the shop, venue or "
    "transport company, or return it to its owner if their details are on it. Found bank "
    "cards can be cut up or returned to the bank, and passports posted to HM Passport Office. "
    "If you found a weapon, drugs or anything dangerous, do not touch it and tell me now. "
)
_IF_STOLEN = "If you think it was stolen rather than lost, start again and tell me what happened."


def property_advice(description: str) -> str:
    """Advice for lost or found property, with tips for the items the caller mentioned."""
    if _FOUND.search(description):
        return _FOUND_GENERAL + _IF_STOLEN
    tips = [tip for pattern, tip in _LOST_ITEMS if pattern.search(description)]
    return _LOST_GENERAL + " ".join(tips) + (" " if tips else "") + _IF_STOLEN


@dataclass(frozen=True)
class Signpost:
    agency: str
    advice: str


_SIGNPOSTS: tuple[tuple[re.Pattern[str], Signpost], ...] = (
    (
        re.compile(r"\b(noise|noisy|loud music|music|barking|party)\b", re.I),
        Signpost(
            "local council",
            "Noise from neighbours is dealt with by your local council's environmental health "
            "team. Report it on your council's website; find it at "
            "www.gov.uk/find-local-council.",
        ),
    ),
    (
        re.compile(
            r"\b(fly.?tipping|rubbish|bins?|litter|graffiti|pothole|street ?light|dog mess)\b",
            re.I,
        ),
        Signpost(
            "local council",
            "Your local council deals with this. Report it on your council's website; find it "
            "at www.gov.uk/find-local-council.",
        ),
    ),
    (
        re.compile(r"\b(landlord|tenant|tenancy|deposit|evict\w*|rent|repairs?)\b", re.I),
        Signpost(
            "Shelter or Citizens Advice",
            "Housing disputes are civil matters. Shelter (www.shelter.org.uk, 0808 800 4444) "
            "and Citizens Advice (www.citizensadvice.org.uk) give free advice.",
        ),
    ),
    (
        re.compile(r"\b(refund|faulty|shop|consumer|builder|trader|contract|warranty)\b", re.I),
        Signpost(
            "Citizens Advice consumer service",
            "Problems with goods, services or traders are civil matters. The Citizens Advice "
            "consumer helpline is 0808 223 1133, or go to www.citizensadvice.org.uk.",
        ),
    ),
    (
        re.compile(r"\b(ill|unwell|sick|doctor|medical|medication|injur\w*|health)\b", re.I),
        Signpost(
            "NHS 111",
            "For urgent medical help that is not an emergency, call NHS 111 or go to 111.nhs.uk. "
            "If someone's life is at risk, dial 999.",
        ),
    ),
)
_DEFAULT_SIGNPOST = Signpost(
    "Citizens Advice",
    "This does not sound like something the police can deal with. Citizens Advice can help "
    "you find the right organisation: www.citizensadvice.org.uk or 0800 144 8848.",
)


def signpost_for(text: str) -> Signpost:
    """The organisation that deals with what the caller described."""
    for pattern, signpost in _SIGNPOSTS:
        if pattern.search(text):
            return signpost
    return _DEFAULT_SIGNPOST
