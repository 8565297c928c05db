"""Demo content: a controller account, three units and incidents at each grade (one attended,
two that look like duplicates). The 101 assistant's demo web chats (the contact service's demo)
publish a handover that becomes an incident with its evidence when the worker delivers it."""

from __future__ import annotations

import secrets

from sqlalchemy.orm import Session

from synergy.cad import board, resources, service
from synergy.cad.models import Source
from synergy.cad.schemas import Caller, Location, Thrive
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
    return [
        *lines,
        f"Demo content: {len(opened)} incidents at grades 1 to 4 on the board (/cad) and "
        f"{len(units)} units; the 101 assistant's handed-over web chat becomes an incident, "
        "with its risk evidence and THRIVE pre-filled, when the worker runs (synergy run).",
    ]
