from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.cad import board, resources
from synergy.cad.models import Incident
from synergy.cad.schemas import Caller, Location
from synergy.cad.settings import CadSettings
from tests.cad.factories import make_unit, open_incident

SETTINGS = CadSettings(duplicate_window_minutes=60, duplicate_distance_metres=200)
T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def _at(db: Session, minutes: int, *, lat: float, lon: float, phone: str = "") -> int:
    return open_incident(
        db,
        caller=Caller(phone=phone),
        opened_at=T0 + dt.timedelta(minutes=minutes),
        location=Location(address=f"Place {minutes}", latitude=lat, longitude=lon),
    ).id


def test_near_in_time_and_place_is_a_possible_duplicate(db: Session) -> None:
    first = _at(db, 0, lat=52.4780, lon=-1.8990)
    near = _at(db, 20, lat=52.4789, lon=-1.8990)  # about 100 m north, 20 minutes later
    far = _at(db, 25, lat=52.4900, lon=-1.8990)  # about 1.3 km away
    later = _at(db, 200, lat=52.4780, lon=-1.8990)  # same place, over three hours later
    found = board.possible_duplicates(board.open_incidents(db), SETTINGS)
    assert [i.id for i in found[first]] == [near]
    assert far not in found and later not in found


def test_the_same_caller_is_flagged_whenever_they_called(db: Session) -> None:
    first = _at(db, 0, lat=52.40, lon=-1.50, phone="07700900001")
    again = _at(db, 300, lat=52.60, lon=-2.00, phone="07700900001")
    found = board.possible_duplicates(board.open_incidents(db), SETTINGS)
    assert [i.id for i in found[again]] == [first]


def test_board_marks_an_overdue_grade_1_and_not_a_grade_3(db: Session) -> None:
    old = T0 - dt.timedelta(hours=1)
    open_incident(db, grade=1, opened_at=old, caller=Caller())
    open_incident(db, grade=3, opened_at=old, caller=Caller(), location=Location(address="Other"))
    rows = board.board(db, now=T0)
    assert [(r.incident.grade, r.overdue) for r in rows] == [(1, True), (3, False)]
    assert [
        r.incident.grade for r in board.board(db, board.BoardFilter(state="overdue"), now=T0)
    ] == [1]


def _open_alike(
    db: Session, count: int, *, grades: int, minutes_apart: int, postcodes: list[str]
) -> None:
    """Incidents sharing callers, addresses, postcodes and map cells, each kind of likeness
    on its own (a shared address, postcode, caller or map cell); every fifth one rural."""
    for n in range(count):
        kind = n % 4
        open_incident(
            db,
            grade=1 + n % grades,
            caller=Caller(phone=f"0770090{n % 5:04d}" if kind == 0 else ""),
            opened_at=T0 + dt.timedelta(minutes=minutes_apart * n),
            location=Location(
                address=f"{n % 6 if kind == 1 else n} High Street, Birmingham",
                postcode=postcodes[n % 3] if kind == 2 else "",
                latitude=52.478 + (n % 3) * 0.0005 if kind == 3 else None,
                longitude=-1.899 if kind == 3 else None,
                rural=n % 5 == 0,
            ),
        )


def _marks(rows: list[board.BoardRow]) -> list[tuple[int, list[str], list[int]]]:
    return [(r.incident.id, r.warnings, [d.id for d in r.duplicates]) for r in rows]


def test_marking_only_the_rows_shown_gives_them_what_marking_every_row_gives(
    db: Session,
) -> None:
    # At every grade and over several hours, so that duplicates cross the line between rows
    # shown and not shown.
    _open_alike(db, 80, grades=3, minutes_apart=3, postcodes=["B5 4TR", "B1 1AA", "B12 9QP"])
    now = T0 + dt.timedelta(hours=20)
    everything = board.board(db, now=now)
    shown = board.board(db, now=now, marked=30)

    assert _marks(shown[:30]) == _marks(everything[:30])
    assert any(r.duplicates for r in shown[:30]) and any(r.warnings for r in shown[:30])
    assert all(not r.warnings and not r.duplicates for r in shown[30:])
    assert [r.incident.id for r in shown] == [r.incident.id for r in everything]


def test_the_board_page_shows_what_the_whole_board_gives_for_its_first_rows(db: Session) -> None:
    # Some attended, some overdue, some rural, in two areas: the page's first rows, its count
    # and its markers must be those of the whole board, for every filter a controller can
    # choose.
    _open_alike(db, 60, grades=4, minutes_apart=4, postcodes=["B5 4TR", "B1 1AA", "CV1 2AB"])
    # Units on some: assigned, at scene, and cleared again (no longer counts).
    ids = sorted(db.scalars(select(Incident.id)))
    for n, incident_id in enumerate(ids[:12]):
        unit = make_unit(db, call_sign=f"BW{n:02d}")
        resources.assign(db, incident_id=incident_id, unit_id=unit.id, actor="controller1")
        if n % 3 == 1:
            resources.arrive(db, unit_id=unit.id, actor="pc1")
        elif n % 3 == 2:
            resources.clear(db, unit_id=unit.id, actor="pc1")
    db.flush()
    now = T0 + dt.timedelta(hours=5)
    filters = [
        board.BoardFilter(),
        board.BoardFilter(grade=2),
        board.BoardFilter(state="overdue"),
        board.BoardFilter(state="unassigned"),
        board.BoardFilter(state="assigned"),
        board.BoardFilter(state="at_scene"),
        board.BoardFilter(state="overdue", grade=1),
        board.BoardFilter(area="b5"),
        board.BoardFilter(area="NOWHERE"),
    ]
    for chosen in filters:
        everything = board.board(db, chosen, now=now)
        page = board.board_page(db, chosen, limit=20, now=now)
        assert page.total == len(everything), chosen
        assert everything or chosen.area == "NOWHERE", chosen
        assert _marks(page.rows) == _marks(everything[:20]), chosen
        assert [(r.overdue, r.age, r.target, r.state) for r in page.rows] == [
            (r.overdue, r.age, r.target, r.state) for r in everything[:20]
        ]
    assert any(r.duplicates for r in board.board_page(db, limit=20, now=now).rows)


def test_linking_a_possible_duplicate_keeps_both_open_and_logs_it_once_on_each(
    db: Session,
) -> None:
    from synergy.cad import log as incident_log
    from synergy.cad.models import Incident
    from synergy.core.errors import InvalidRequest

    first = _at(db, 0, lat=52.4780, lon=-1.8990)
    near = _at(db, 10, lat=52.4781, lon=-1.8990)
    for _ in range(2):
        board.link(db, incident_id=first, other_id=near, actor="controller1")
    for one, other in ((first, near), (near, first)):
        incident = db.get(Incident, one)
        other_number = db.get(Incident, other).log_number  # type: ignore[union-attr]
        assert incident is not None and incident.status == "open"
        texts = [e.text for e in incident_log.entries(db, one)]
        assert texts.count(f"Linked to {other_number}") == 1
        assert [link.target for link in board.links(db, one)] == [other_number]
        assert incident_log.verify_log(db, one).ok
    with pytest.raises(InvalidRequest, match="itself"):
        board.link(db, incident_id=first, other_id=first, actor="controller1")
