"""Demo content: a controller account, three units, incidents at each grade (one attended,
two that look like duplicates), and an antisocial behaviour report taken by the 101 assistant
in a web chat that becomes an incident with its evidence and THRIVE pre-filled."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.cad import board, intake, resources, service
from synergy.cad.models import Source
from synergy.cad.schemas import Caller, Location, Thrive
from synergy.core.events import OutboxEvent
from synergy.core.roles import Role
from synergy.core.services import DemoContext

CONTROLLER = ("controller", "Cal Controller")
UNITS = [("BW21", ("officer",), "B5"), ("BW22", ("officer2",), "B1"), ("BW23", (), "CV1")]
INCIDENTS = [
    (
        1,
        "PSW-DOMESTIC",
        "14 Moseley Road, Birmingham",
        "B12 0AA",
        "Neighbour reports shouting and a man threatening a woman with a knife",
        ["domestic", "weapons"],
        "Amira Shah",
        "07700900101",
    ),
    (
        1,
        "PSW-DOMESTIC",
        "14 Moseley Rd, Birmingham",
        "B12 0AA",
        "Second caller: screaming heard next door",
        ["domestic"],
        "Tom Price",
        "07700900102",
    ),
    (
        2,
        "CRIME-BURGLARY",
        "3 Elm Close, Coventry",
        "CV1 2AB",
        "Caller's shed broken into, suspects may still be nearby",
        [],
        "Gill Marsh",
        "07700900103",
    ),
    (
        3,
        "ASB-NUISANCE",
        "Victoria Park, Walsall",
        "WS1 3AA",
        "Youths riding motorbikes on the grass every evening",
        [],
        "",
        "",
    ),
    (
        4,
        "ADMIN-INFORMATION",
        "Dudley bus station",
        "DY1 1AA",
        "Information about drug dealing passed on; no deployment needed",
        ["drugs"],
        "",
        "",
    ),
]
ASB_CHAT = [
    "There are youths causing antisocial behaviour and shouting outside my house every night",
    "22 Station Road, b237aa",
    "every night about 11pm",
    "my name is Jordan Lee",
    "07700 900 777",
    "yes",
]


def _controller(db: Session) -> list[str]:
    from synergy.identity import service as identity

    username, name = CONTROLLER
    if identity.get_by_username(db, username=username) is not None:
        return [
            f"{username:<13} already exists (reset with: synergy users reset-password {username})"
        ]
    password = "-".join(secrets.token_urlsafe(4) for _ in range(4))
    identity.create_user(
        db,
        username=username,
        display_name=name,
        password=password,
        roles=frozenset({Role.CONTROLLER}),
        actor="demo",
    )
    return [f"{username:<13} {password:<24} {Role.CONTROLLER.label}"]


def _from_the_101_assistant(db: Session) -> str:
    """A real web chat through the contact service, then the incident it requested."""
    from synergy.contact import service as contact
    from synergy.contact.dialogue import Channel

    limits = contact.Limits()
    started = contact.start_conversation(db, channel=Channel.WEB_CHAT, limits=limits)
    for text in ASB_CHAT:
        contact.take_turn(db, token=started.token, text=text, limits=limits)
    published = db.execute(
        select(OutboxEvent).where(OutboxEvent.topic == "contact.incident_requested")
    ).scalars()
    for event in published:
        if event.payload.get("call_id") == started.call.id:
            # What the worker would do with the event; it will find it done (same key).
            incident = intake.incident_from_contact(
                db, dict(event.payload), handover=False, source_key=event.key or f"event-{event.id}"
            )
            return incident.log_number
    return "none (the assistant did not raise one)"


def create_demo_incidents(db: Session, _context: DemoContext) -> list[str]:
    lines = _controller(db)
    if board.open_incidents(db):
        return [*lines, "Demo content already loaded: incidents on the board."]
    units = [
        resources.create_unit(db, call_sign=sign, officers=officers, area=area)
        for sign, officers, area in UNITS
    ]
    opened = []
    for grade, code, address, postcode, remarks, qualifiers, name, phone in INCIDENTS:
        opened.append(
            service.open_incident(
                db,
                source=Source.CONTROLLER,
                caller=Caller(name=name, phone=phone),
                location=Location(address=address, postcode=postcode),
                opening_code=code,
                grade=grade,
                remarks=remarks,
                actor="controller",
                qualifiers=qualifiers,
                thrive=Thrive(threat="Knife seen" if "weapons" in qualifiers else ""),
            )
        )
    resources.assign(db, incident_id=opened[0].id, unit_id=units[0].id, actor="controller")
    resources.arrive(db, unit_id=units[0].id, actor="officer")
    resources.assign(db, incident_id=opened[2].id, unit_id=units[1].id, actor="controller")
    from_101 = _from_the_101_assistant(db)
    return [
        *lines,
        f"Demo content: {len(opened)} incidents at grades 1 to 4 on the board (/cad), "
        f"{len(units)} units; incident {from_101} raised by the 101 assistant from a web chat.",
    ]
