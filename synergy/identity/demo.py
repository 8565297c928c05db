"""Demo staff accounts, one or two for every role; passwords are printed once."""

from __future__ import annotations

import secrets

from sqlalchemy.orm import Session

from synergy.core.roles import Role
from synergy.core.services import DemoContext
from synergy.identity import service

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


def create_demo_users(db: Session, _context: DemoContext) -> list[str]:
    lines = ["Demo sign-ins (shown once; keep them):"]
    for username, name, roles in DEMO_USERS:
        if service.get_by_username(db, username=username) is not None:
            lines.append(
                f"{username:<13} already exists (reset with: synergy users reset-password "
                f"{username})"
            )
            continue
        password = "-".join(secrets.token_urlsafe(4) for _ in range(4))
        service.create_user(
            db,
            username=username,
            display_name=name,
            password=password,
            roles=frozenset(roles),
            actor="demo",
        )
        lines.append(f"{username:<13} {password:<24} {', '.join(sorted(r.label for r in roles))}")
    return lines
