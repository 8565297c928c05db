"""Demo data for trying the platform: staff accounts for every role, and a little content in
each service (web-chat conversations, people and arrests, an evidence upload request).

Content is made only through each service's own functions, as a member of the public or of
staff would make it, so it behaves like real data: the foreign national's arrest publishes the
event the ACRO automation acts on when `synergy run` starts the worker.
"""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy.orm import Session

from synergy.contact import service as contact
from synergy.contact.dialogue import Channel
from synergy.core.roles import Role
from synergy.evidence import service as evidence
from synergy.identity import service as identity
from synergy.records import service as records
from synergy.records.schemas import ArrestIn, IdentityDocument, PersonIn

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

# What a caller types in each demo web chat, one message a turn.
DEMO_CHATS = [
    ["I lost my phone and wallet on the number 50 bus this morning"],
    ["I need some help. My partner hit me last night and I'm scared to go home"],
]

# (person, arrests as (custody number, hours ago, offences)); the second is a foreign national.
DEMO_PEOPLE = [
    (
        PersonIn(
            family_name="Walker",
            given_names="Daniel James",
            date_of_birth=dt.date(1991, 3, 14),
            place_of_birth="Birmingham",
            gender="male",
            nationalities=["GB"],
        ),
        [("20/C/900001/26", 30, ["Theft from a shop"])],
    ),
    (
        PersonIn(
            family_name="Kowalski",
            given_names="Marek",
            date_of_birth=dt.date(1987, 9, 2),
            place_of_birth="Gdansk",
            gender="male",
            nationalities=["PL"],
            identity_documents=[
                IdentityDocument(kind="passport", number="EA1234567", issuing_country="PL")
            ],
        ),
        [("20/C/900002/26", 6, ["Assault occasioning actual bodily harm"])],
    ),
]
DEMO_EVIDENCE_REFERENCE = "20/900001/26"


def load_demo(db: Session, *, secret: bytes) -> list[str]:
    """Create the demo accounts and content that do not exist yet; returns lines to print."""
    lines = ["Demo sign-ins (shown once; keep them):", *_load_users(db)]
    # All content is made in one transaction, so the evidence request stands for all of it.
    if evidence.list_requests(db, reference=DEMO_EVIDENCE_REFERENCE):
        lines.append("Demo content already loaded.")
        return lines
    _load_chats(db)
    arrests = _load_records(db)
    _load_evidence(db, secret=secret)
    lines.append(
        f"Demo content: {len(DEMO_CHATS)} web chats (1 waiting for an agent), "
        f"{len(DEMO_PEOPLE)} people with {arrests} arrests (1 foreign national for ACRO), "
        f"1 evidence upload request ({DEMO_EVIDENCE_REFERENCE})."
    )
    return lines


def _load_users(db: Session) -> list[str]:
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
    return lines


def _load_chats(db: Session) -> None:
    limits = contact.Limits()
    for messages in DEMO_CHATS:
        started = contact.start_conversation(db, channel=Channel.WEB_CHAT, limits=limits)
        for text in messages:
            contact.take_turn(db, token=started.token, text=text, limits=limits)


def _load_records(db: Session) -> int:
    now = dt.datetime.now(dt.UTC)
    count = 0
    for person_in, arrests in DEMO_PEOPLE:
        person = records.create_person(db, person_in, actor="records")
        for custody_number, hours_ago, offences in arrests:
            arrest = ArrestIn(
                custody_number=custody_number,
                arrested_at=now - dt.timedelta(hours=hours_ago),
                offences=offences,
                arresting_officer="PC Olu Officer",
                station="Perry Barr custody suite",
            )
            records.record_arrest(db, person_id=person.id, data=arrest, actor="officer")
            count += 1
    return count


def _load_evidence(db: Session, *, secret: bytes) -> None:
    form = evidence.NewRequest(
        reference=DEMO_EVIDENCE_REFERENCE,
        description="Doorbell camera footage of the street between 21:00 and 23:00 last night",
        email="witness@example.com",
    )
    evidence.create_request(db, secret=secret, form=form, actor="investigator")
