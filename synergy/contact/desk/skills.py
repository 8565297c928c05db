"""Skills of contact staff, and which skill a waiting call needs.

A call in another language needs a speaker of it; a domestic abuse disclosure needs a specialist.
Such a call is offered first to staff with the skill: for `OFFER_FIRST_SECONDS` others may see
it but not take it, unless no one on the desk has the skill at all.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.contact.desk.models import DeskSkills
from synergy.contact.models import ContactCall
from synergy.core.db import utcnow
from synergy.core.errors import InvalidRequest

DOMESTIC_ABUSE = "domestic_abuse"
OFFER_FIRST_SECONDS = 60
LANGUAGES = {
    "cy": "Welsh",
    "pl": "Polish",
    "ur": "Urdu",
    "pa": "Punjabi",
    "ar": "Arabic",
    "ro": "Romanian",
    "bn": "Bengali",
    "so": "Somali",
    "lt": "Lithuanian",
    "pt": "Portuguese",
    "es": "Spanish",
    "fr": "French",
    "tr": "Turkish",
    "ru": "Russian",
    "uk": "Ukrainian",
    "zh": "Chinese",
    "hi": "Hindi",
    "gu": "Gujarati",
}
SPECIALISMS = {DOMESTIC_ABUSE: "Domestic abuse specialist"}


def skill_label(skill: str) -> str:
    if skill.startswith("language:"):
        code = skill.removeprefix("language:")
        return f"Speaks {LANGUAGES.get(code, code)}"
    return SPECIALISMS.get(skill, skill.replace("_", " "))


def all_skills() -> dict[str, str]:
    """Every skill staff can hold, by value, with its label (specialisms first)."""
    skills = {skill: label for skill, label in SPECIALISMS.items()}
    skills.update({f"language:{code}": f"Speaks {name}" for code, name in LANGUAGES.items()})
    return skills


def needed_skills(call: ContactCall) -> list[str]:
    needed = []
    if DOMESTIC_ABUSE in (call.vulnerabilities or []) or call.intent == DOMESTIC_ABUSE:
        needed.append(DOMESTIC_ABUSE)
    if call.language and call.language != "en":
        needed.append(f"language:{call.language}")
    return needed


def skills_of(session: Session, *, username: str) -> list[str]:
    row = session.get(DeskSkills, username)
    return list(row.skills) if row else []


def set_skills(session: Session, *, username: str, skills: list[str]) -> list[str]:
    known = all_skills()
    unknown = [skill for skill in skills if skill not in known]
    if unknown:
        raise InvalidRequest("Choose skills from the list")
    chosen = sorted(set(skills))
    row = session.get(DeskSkills, username)
    if row is None:
        row = DeskSkills(username=username, skills=chosen)
        session.add(row)
    row.skills = chosen
    row.updated_at = utcnow()
    session.flush()
    return chosen


def holders_of(session: Session) -> dict[str, set[str]]:
    """Skill -> the staff who hold it."""
    holders: dict[str, set[str]] = {}
    for row in session.execute(select(DeskSkills)).scalars():
        for skill in row.skills:
            holders.setdefault(skill, set()).add(row.username)
    return holders
