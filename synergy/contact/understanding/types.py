"""Value types of the understanding layer: the labels it can give and the answer it returns.

Everything here is immutable so an `Understanding` can be logged, cached and compared safely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from synergy.core.errors import InvalidRequest


class Intent(StrEnum):
    """What the caller wants, in the force's 101 call-handling terms."""

    CRIME_REPORT = "crime_report"  # a crime that is not happening now
    FRAUD_SCAM = "fraud_scam"
    ANTISOCIAL_BEHAVIOUR = "antisocial_behaviour"
    ROAD_TRAFFIC = "road_traffic"
    LOST_FOUND_PROPERTY = "lost_found_property"
    UPDATE_EXISTING = "update_existing"  # asks about a report already made
    CONTACT_OFFICER = "contact_officer"  # a named officer, department or someone in custody
    CONCERN_FOR_WELFARE = "concern_for_welfare"
    MISSING_PERSON = "missing_person"
    DOMESTIC_ABUSE = "domestic_abuse"
    INFORMATION_REPORT = "information_report"  # passing on information
    GENERAL_ENQUIRY = "general_enquiry"
    NOT_POLICE_MATTER = "not_police_matter"  # signpost elsewhere
    EMERGENCY = "emergency"  # danger, or a crime happening now


class Vulnerability(StrEnum):
    """Threat, risk and harm indicators that must put the caller in front of a person."""

    DOMESTIC_ABUSE = "domestic_abuse"
    SUICIDE_SELF_HARM = "suicide_self_harm"
    MISSING_CHILD = "missing_child"
    MISSING_ADULT = "missing_adult"
    CHILD_AT_RISK = "child_at_risk"
    THREAT_TO_LIFE = "threat_to_life"
    MENTAL_HEALTH_CRISIS = "mental_health_crisis"
    VULNERABLE_ADULT = "vulnerable_adult"
    SEXUAL_OFFENCE = "sexual_offence"
    HATE_CRIME = "hate_crime"
    EXPLOITATION = "exploitation"


class Risk(StrEnum):
    EMERGENCY = "emergency"
    HIGH = "high"
    STANDARD = "standard"


class Route(StrEnum):
    """Where the call goes next. Ordered from most to least urgent in `ROUTE_ORDER`."""

    EMERGENCY = "emergency"  # tell the caller to dial 999 if in danger; connect a person at once
    PRIORITY_AGENT = "priority_agent"  # a person, ahead of the queue
    AGENT = "agent"  # a person, normal queue
    SELF_SERVICE = "self_service"  # the assistant can complete it


ROUTE_ORDER: tuple[Route, ...] = (
    Route.EMERGENCY,
    Route.PRIORITY_AGENT,
    Route.AGENT,
    Route.SELF_SERVICE,
)
RISK_ORDER: tuple[Risk, ...] = (Risk.EMERGENCY, Risk.HIGH, Risk.STANDARD)


@dataclass(frozen=True)
class Evidence:
    """Why a vulnerability was raised: the caller's own words and the rule that matched them."""

    vulnerability: Vulnerability
    text: str
    rule: str


@dataclass(frozen=True)
class DangerCue:
    """Why a call was read as an emergency: the caller's own words showing danger now (or
    just happened), and the rule that matched them."""

    text: str
    rule: str


@dataclass(frozen=True)
class Entities:
    """Things worth recording from what the caller said. Strings are as found, except
    `references` (canonical form from `synergy.core.references`) and `phones`/`postcodes`
    (normalised: digits only with a leading 0; upper case with one space)."""

    references: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Understanding:
    intent: Intent
    intent_confidence: float
    vulnerabilities: tuple[Vulnerability, ...]
    evidence: tuple[Evidence, ...]
    risk: Risk
    route: Route
    entities: Entities = field(default_factory=Entities)
    language: str | None = None  # ISO 639-1 code when the caller does not appear to speak English
    reasons: tuple[str, ...] = ()  # plain English, for the audit log
    danger: tuple[DangerCue, ...] = ()  # the words behind an emergency route


class TextTooLong(InvalidRequest, ValueError):  # noqa: N818 - name is part of the public API
    """A turn (after normalisation) or the whole conversation is longer than we will analyse.

    Raised rather than silently truncating, because a disclosure could sit in the dropped part.
    The dialogue engine should hand such a contact to a person."""

    def __init__(self, length: int, limit: int, *, what: str = "text") -> None:
        super().__init__(
            f"The {what} is {length} characters long; the most that can be analysed is {limit}.",
            field=what,
        )
        self.length = length
        self.limit = limit
