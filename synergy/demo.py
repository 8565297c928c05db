"""Demo data for trying the platform: a couple of staff accounts for every role."""

from __future__ import annotations

import secrets

from sqlalchemy.orm import Session

from synergy.core.roles import Role
from synergy.identity import service as identity

DEMO_USERS = [
    ("admin", "Alex Admin", {Role.ADMINISTRATOR}),
    ("officer", "PC Olu Officer", {Role.OFFICER}),
    ("officer2", "PC Priya Patel", {Role.OFFICER}),
    ("agent", "Casey Contact", {Role.CONTACT_AGENT}),
    ("supervisor", "Sgt Sam Supervisor", {Role.SUPERVISOR, Role.CONTACT_AGENT}),
    ("investigator", "DC Ines Investigator", {Role.INVESTIGATOR}),
    ("records", "Rory Records", {Role.RECORDS_OFFICER}),
    ("finance", "Fran Finance", {Role.FINANCE}),
]


def load_demo(db: Session) -> list[str]:
    """Create the demo accounts that do not exist yet; returns lines to print once."""
    lines = []
    for username, name, roles in DEMO_USERS:
        if identity.get_by_username(db, username=username) is not None:
            lines.append(
                f"{username:<13} already exists (reset with: synergy users reset-password "
                f"{username})"
            )
            continue
        password = "-".join(secrets.token_urlsafe(4) for _ in range(4))
        identity.create_user(
            db,
            username=username,
            display_name=name,
            password=password,
            roles=frozenset(roles),
            actor="demo",
        )
        lines.append(f"{username:<13} {password:<24} {', '.join(sorted(r.label for r in roles))}")
    return ["Demo sign-ins (shown once; keep them):"] + lines
