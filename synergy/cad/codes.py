"""Incident classification following the National Standard for Incident Recording (NSIR).

An incident is opened with a code chosen on first-contact information and closed with a code
that may differ once the facts are known (a "suspicious person" may close as a crime, or as
nothing more than a welfare concern). Both come from the same list; each code belongs to one
of the standard's categories. Qualifiers (domestic, mental health...) add detail to any code.
The list is the subset a force meets daily, not the whole standard; add codes here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    CRIME = "crime"
    ASB = "anti_social_behaviour"
    PUBLIC_SAFETY = "public_safety_and_welfare"
    TRANSPORT = "transport"
    ADMINISTRATION = "administration"

    @property
    def label(self) -> str:
        return {
            Category.CRIME: "Crime",
            Category.ASB: "Anti-social behaviour",
            Category.PUBLIC_SAFETY: "Public safety and welfare",
            Category.TRANSPORT: "Transport",
            Category.ADMINISTRATION: "Administration",
        }[self]


@dataclass(frozen=True)
class Code:
    code: str
    label: str
    category: Category


CODES: tuple[Code, ...] = (
    Code("CRIME-VIOLENCE", "Violence against the person", Category.CRIME),
    Code("CRIME-BURGLARY", "Burglary", Category.CRIME),
    Code("CRIME-THEFT", "Theft", Category.CRIME),
    Code("CRIME-VEHICLE", "Vehicle crime", Category.CRIME),
    Code("CRIME-DAMAGE", "Criminal damage", Category.CRIME),
    Code("CRIME-ROBBERY", "Robbery", Category.CRIME),
    Code("CRIME-SEXUAL", "Sexual offence", Category.CRIME),
    Code("CRIME-OTHER", "Other crime", Category.CRIME),
    Code("ASB-PERSONAL", "Anti-social behaviour: personal", Category.ASB),
    Code("ASB-NUISANCE", "Anti-social behaviour: nuisance", Category.ASB),
    Code("ASB-ENVIRONMENTAL", "Anti-social behaviour: environmental", Category.ASB),
    Code("PSW-CONCERN", "Concern for safety", Category.PUBLIC_SAFETY),
    Code("PSW-MISSING", "Missing person", Category.PUBLIC_SAFETY),
    Code("PSW-DOMESTIC", "Domestic incident", Category.PUBLIC_SAFETY),
    Code("PSW-SUSPICIOUS", "Suspicious circumstances", Category.PUBLIC_SAFETY),
    Code("PSW-ALARM", "Alarm activation", Category.PUBLIC_SAFETY),
    Code("PSW-SUDDEN-DEATH", "Sudden death", Category.PUBLIC_SAFETY),
    Code("TRANSPORT-RTC-DAMAGE", "Road traffic collision: damage only", Category.TRANSPORT),
    Code("TRANSPORT-RTC-INJURY", "Road traffic collision: injury", Category.TRANSPORT),
    Code("TRANSPORT-HIGHWAY", "Highway disruption", Category.TRANSPORT),
    Code("ADMIN-INFORMATION", "Information received", Category.ADMINISTRATION),
    Code("ADMIN-DUPLICATE", "Duplicate of another incident", Category.ADMINISTRATION),
    Code("ADMIN-PARTNER", "Passed to a partner agency", Category.ADMINISTRATION),
    Code("ADMIN-NO-TRACE", "No trace of the incident", Category.ADMINISTRATION),
)
BY_CODE: dict[str, Code] = {code.code: code for code in CODES}

QUALIFIERS: tuple[str, ...] = (
    "domestic",
    "mental health",
    "alcohol",
    "drugs",
    "weapons",
    "hate",
    "vulnerable person",
    "child at risk",
    "repeat location",
    "repeat victim",
)

DUPLICATE_CLOSING_CODE = "ADMIN-DUPLICATE"


def category_of(code: str) -> Category:
    found = BY_CODE.get(code)
    if found is None:
        raise KeyError(code)
    return found.category


def label_of(code: str | None) -> str:
    if code is None:
        return ""
    found = BY_CODE.get(code)
    return found.label if found else code
