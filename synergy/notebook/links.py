"""Turning an entry's text into safe HTML with links.

Telephone numbers (UK and international, found by `phonenumbers`) become tel: links; web
addresses (http and https only) and email addresses become links; UK postcodes and street
addresses get a map link when a map URL template is configured (none by default, so no
third party learns where officers have been). Everything else is escaped: an entry can
never inject markup or script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, quote_plus

import phonenumbers
from markupsafe import Markup, escape

URL = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)
EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
POSTCODE = re.compile(r"\b(?:GIR ?0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2})\b")
STREET = re.compile(
    r"\b\d{1,4}[A-Za-z]? (?:[A-Z][a-z]+ ){1,3}"
    r"(?:Road|Street|Lane|Avenue|Close|Drive|Way|Place|Crescent|Grove|Terrace|Gardens|Court|"
    r"Square|Hill|Row|Walk|Rise|Parade|Green)\b(?:, [A-Z][a-z]+(?: [A-Z][a-z]+)*)?"
    r"(?:,? (?:GIR ?0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2}))?"
)
TRAILING_PUNCTUATION = ".,;:!?)"


@dataclass(frozen=True)
class Link:
    start: int
    end: int
    href: str
    kind: str  # "tel", "web", "email", "map"


def _urls(text: str) -> list[Link]:
    found = []
    for match in URL.finditer(text):
        value = match.group().rstrip(TRAILING_PUNCTUATION)
        found.append(Link(match.start(), match.start() + len(value), value, "web"))
    return found


def _phones(text: str) -> list[Link]:
    return [
        Link(
            m.start,
            m.end,
            "tel:" + phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164),
            "tel",
        )
        for m in phonenumbers.PhoneNumberMatcher(text, "GB")
    ]


def _places(text: str, map_url_template: str) -> list[Link]:
    if not map_url_template:
        return []
    found = [m for m in STREET.finditer(text)] + [m for m in POSTCODE.finditer(text)]
    return [
        Link(m.start(), m.end(), map_url_template.replace("{query}", quote_plus(m.group())), "map")
        for m in found
    ]


def find_links(text: str, *, map_url_template: str = "") -> list[Link]:
    """Non-overlapping links in text order; earlier and longer matches win."""
    candidates = (
        _urls(text)
        + [
            Link(m.start(), m.end(), "mailto:" + quote(m.group(), safe="@."), "email")
            for m in EMAIL.finditer(text)
        ]
        + _phones(text)
        + _places(text, map_url_template)
    )
    candidates.sort(key=lambda link: (link.start, -(link.end - link.start)))
    chosen: list[Link] = []
    for link in candidates:
        if not chosen or link.start >= chosen[-1].end:
            chosen.append(link)
    return chosen


def linkify(text: str, *, map_url_template: str = "") -> Markup:
    """Escaped text with its links; line breaks kept."""
    parts: list[str] = []
    position = 0
    for link in find_links(text, map_url_template=map_url_template):
        parts.append(str(escape(text[position : link.start])))
        label = escape(text[link.start : link.end])
        extra = ' rel="noopener noreferrer"' if link.kind in {"web", "map"} else ""
        parts.append(f'<a class="govuk-link" href="{escape(link.href)}"{extra}>{label}</a>')
        position = link.end
    parts.append(str(escape(text[position:])))
    return Markup("".join(parts).replace("\n", "<br>\n"))  # noqa: S704 - every part escaped above
