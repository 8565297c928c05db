"""The controllers' board: open incidents by grade and age, their clocks, warning markers and
possible duplicates, filtered by area and state; and merging or linking duplicates.

Warning markers say that the address, or the caller's number, has come up before (previous
incidents, open or closed). Possible duplicates are open incidents from the same caller's
number, or at the same address or postcode, or within `duplicate_distance_metres`, opened
within `duplicate_window_minutes` of each other. A page shows the most urgent few hundred
incidents, so both are worked out for those rows only: grouped queries on their addresses and
numbers, and one pass over the open incidents that share a key with them. The board stays
fast with thousands of incidents open, and each row shows what a pass over all would give.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol
from typing import cast as typed

from sqlalchemy import Text, cast, false, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from synergy.cad import codes
from synergy.cad.clocks import Timed, age_text, target_at
from synergy.cad.location import distance_metres
from synergy.cad.models import Assignment, Incident, IncidentLink, IncidentStatus, Unit
from synergy.cad.settings import CadSettings, cad_settings
from synergy.core.db import utcnow
from synergy.core.errors import Conflict, InvalidRequest

STATES = {
    "": "Any state",
    "unassigned": "No unit assigned",
    "assigned": "Unit assigned",
    "at_scene": "Unit at scene",
    "overdue": "Overdue",
}
HISTORY_DAYS = 365


class ShownIncident(Timed, Protocol):
    """What a board row shows of an incident (a loaded Incident has all of it)."""

    @property
    def id(self) -> int: ...
    @property
    def log_number(self) -> str: ...
    @property
    def opening_code(self) -> str: ...
    @property
    def address(self) -> str: ...
    @property
    def area(self) -> str: ...
    @property
    def remarks(self) -> str: ...
    @property
    def merged_into_id(self) -> int | None: ...


class BoardIncident(ShownIncident, Protocol):
    """The columns the board reads: loading only these, not whole incidents, keeps a board of
    thousands of incidents quick."""

    @property
    def address_key(self) -> str: ...
    @property
    def postcode(self) -> str | None: ...
    @property
    def latitude(self) -> float | None: ...
    @property
    def longitude(self) -> float | None: ...
    @property
    def caller_phone(self) -> str | None: ...
    @property
    def qualifiers_json(self) -> str: ...
    @property
    def vulnerabilities_json(self) -> str: ...


BOARD_COLUMNS = (
    Incident.id,
    Incident.log_number,
    Incident.status,
    Incident.grade,
    Incident.rural,
    Incident.opened_at,
    Incident.first_arrived_at,
    Incident.opening_code,
    Incident.address,
    Incident.address_key,
    Incident.postcode,
    Incident.area,
    Incident.latitude,
    Incident.longitude,
    Incident.caller_phone,
    # Read as text: decoding two JSON lists a row was the board's largest cost, and nearly all
    # are empty.
    cast(Incident.qualifiers, Text).label("qualifiers_json"),
    cast(Incident.vulnerabilities, Text).label("vulnerabilities_json"),
    Incident.remarks,
    Incident.merged_into_id,
)


@dataclass
class BoardRow:
    incident: BoardIncident
    call_signs: list[str]
    target: dt.datetime | None
    overdue: bool
    age: str
    warnings: list[str] = field(default_factory=list)
    duplicates: list[BoardIncident] = field(default_factory=list)

    @property
    def state(self) -> str:
        return _state(self.incident, self.call_signs)


@dataclass(frozen=True)
class BoardFilter:
    area: str = ""
    state: str = ""
    grade: int | None = None


def _call_signs(session: Session) -> dict[int, list[str]]:
    query = (
        select(Assignment.incident_id, Unit.call_sign)
        .join(Unit, Unit.id == Assignment.unit_id)
        .where(Assignment.cleared_at.is_(None))
        .order_by(Unit.call_sign)
    )
    signs: dict[int, list[str]] = defaultdict(list)
    for incident_id, sign in session.execute(query):
        signs[incident_id].append(sign)
    return signs


def _counts(
    session: Session,
    column: InstrumentedAttribute[str | None],
    since: dt.datetime,
    values: set[str] | None,
) -> dict[str, int]:
    """How many incidents since `since` have each value (each of `values`, or any), of those
    with more than one."""
    if values is not None and not values:
        return {}
    query = (
        select(column, func.count())
        .where(Incident.opened_at >= since, column != "", column.is_not(None))
        .group_by(column)
        .having(func.count() > 1)
    )
    if values is not None:
        query = query.where(column.in_(sorted(values)))
    return {str(key): int(n) for key, n in session.execute(query)}


def open_incidents(session: Session) -> list[BoardIncident]:
    """Every open incident's board columns, most urgent grade first, oldest first."""
    query = (
        select(*BOARD_COLUMNS)
        .where(Incident.status == IncidentStatus.OPEN)
        .order_by(Incident.grade, Incident.opened_at, Incident.id)
    )
    return typed(list[BoardIncident], list(session.execute(query)))


def board(
    session: Session,
    chosen: BoardFilter = BoardFilter(),
    *,
    now: dt.datetime | None = None,
    marked: int | None = None,
) -> list[BoardRow]:
    """Open incidents, most urgent grade first and oldest first within a grade.

    `marked`: only the first so many rows (those a page shows) get their warning markers and
    possible duplicates, worked out for them alone; None marks every row."""
    now = now or utcnow()
    settings = cad_settings()
    incidents = open_incidents(session)
    signs = _call_signs(session)
    rows = []
    for incident in incidents:
        due = target_at(incident, settings)
        row = BoardRow(
            incident=incident,
            call_signs=signs.get(incident.id, []),
            target=due,
            # Every row here is open: overdue is "not yet attended and past its target".
            overdue=due is not None and incident.first_arrived_at is None and now > due,
            age=age_text(incident.opened_at, now),
        )
        if _wanted(row, chosen):
            rows.append(row)
    if marked is None:
        _mark(session, rows, incidents, settings, now, every=True)
    else:
        _mark(session, rows[:marked], incidents, settings, now, every=False)
    return rows


@dataclass
class BoardPage:
    """What the board page shows: how many open incidents match, and the first rows of them
    (most urgent grade first, oldest first), marked."""

    total: int
    rows: list[BoardRow]


def board_page(
    session: Session,
    chosen: BoardFilter = BoardFilter(),
    *,
    limit: int,
    now: dt.datetime | None = None,
) -> BoardPage:
    """The first `limit` rows that `board(session, chosen, marked=limit)` would give, with the
    same markers, and how many rows there are in all.

    Only the rows shown, and the open incidents that share an address, number, postcode or
    map cell with one of them, are read: with thousands of incidents open, reading and
    sorting every one of them was most of the page's time.
    """
    now = now or utcnow()
    settings = cad_settings()
    signs = _call_signs(session)
    picked: list[tuple[BoardIncident, list[str], dt.datetime | None, bool]] = []
    # Every filter is a condition on columns: the database finds, counts and orders the rows,
    # and returns only the open incidents that could be a shown row's duplicate.
    where = _conditions(chosen, settings, now)
    total = int(session.execute(select(func.count()).where(*where)).scalar_one())
    first = select(*BOARD_COLUMNS).where(*where)
    first = first.order_by(Incident.grade, Incident.opened_at, Incident.id).limit(limit)
    for incident in typed(list[BoardIncident], list(session.execute(first))):
        due = target_at(incident, settings)
        overdue = due is not None and incident.first_arrived_at is None and now > due
        picked.append((incident, signs.get(incident.id, []), due, overdue))
    if not picked:
        return BoardPage(total=total, rows=[])
    shown = [incident for incident, *_ in picked]
    addresses = {i.address_key for i in shown if i.address_key}
    phones = {i.caller_phone for i in shown if i.caller_phone}
    near = _near_rows(session, shown, addresses, phones)
    candidates = _related(near, shown, addresses, phones)
    full = {i.id: i for i in [*near, *shown]}
    rows = [
        BoardRow(
            incident=full[incident.id],
            call_signs=call_signs,
            target=due,
            overdue=overdue,
            age=age_text(incident.opened_at, now),
        )
        for incident, call_signs, due, overdue in picked
    ]
    since = now - dt.timedelta(days=HISTORY_DAYS)
    at_address = _counts(session, Incident.address_key, since, addresses)
    from_caller = _counts(session, Incident.caller_phone, since, phones)
    duplicates = possible_duplicates([full[i.id] for i in candidates], settings)
    for row in rows:
        row.warnings = _warnings(row.incident, at_address, from_caller)
        row.duplicates = duplicates.get(row.incident.id, [])
    return BoardPage(total=total, rows=rows)


def _conditions(chosen: BoardFilter, settings: CadSettings, now: dt.datetime) -> list[Any]:
    """The board filter as conditions on open incidents: the same rows `_wanted` keeps."""
    where: list[Any] = [Incident.status == IncidentStatus.OPEN]
    if chosen.area:
        where.append(func.upper(Incident.area) == chosen.area.upper())
    if chosen.grade is not None:
        where.append(Incident.grade == chosen.grade)
    with_unit = (
        select(Assignment.id)
        .where(Assignment.incident_id == Incident.id, Assignment.cleared_at.is_(None))
        .exists()
    )
    if chosen.state == "overdue":
        # Not yet attended, and opened longer ago than its grade's target allows.
        late = []
        for grade in (1, 2, 3, 4):
            for rural in (False, True):
                minutes = settings.target_minutes(grade, rural=rural)
                if minutes is not None:
                    since = now - dt.timedelta(minutes=minutes)
                    late.append(
                        (Incident.grade == grade)
                        & (Incident.rural == rural)
                        & (Incident.opened_at < since)
                    )
        where += [Incident.first_arrived_at.is_(None), or_(*late) if late else false()]
    elif chosen.state == "unassigned":
        where.append(~with_unit)
    elif chosen.state == "assigned":
        where += [with_unit, Incident.first_arrived_at.is_(None)]
    elif chosen.state == "at_scene":
        where += [with_unit, Incident.first_arrived_at.is_not(None)]
    return where


# Degrees either side of a point that surely hold its map cell and the eight around it
# (a cell is a hundredth of a degree, two hundredths at 0 where truncation meets).
CELL_REACH = 0.035


def _near_rows(
    session: Session, shown: list[BoardIncident], addresses: set[str], phones: set[str]
) -> list[BoardIncident]:
    """Open incidents sharing an address, number or postcode with a shown row, or near one on
    the map: at least every incident `_related` would pick from all open ones."""
    postcodes = {i.postcode for i in shown if i.postcode}
    points = {(i.latitude, i.longitude) for i in shown if i.latitude is not None}
    alike: list[Any] = []
    if addresses:
        alike.append(Incident.address_key.in_(sorted(addresses)))
    if phones:
        alike.append(Incident.caller_phone.in_(sorted(phones)))
    if postcodes:
        alike.append(Incident.postcode.in_(sorted(p for p in postcodes if p)))
    for lat, lon in sorted(points, key=lambda point: (point[0] or 0.0, point[1] or 0.0)):
        if lat is None or lon is None:
            continue
        alike.append(
            Incident.latitude.between(lat - CELL_REACH, lat + CELL_REACH)
            & Incident.longitude.between(lon - CELL_REACH, lon + CELL_REACH)
        )
    if not alike:
        return []
    query = select(*BOARD_COLUMNS).where(Incident.status == IncidentStatus.OPEN, or_(*alike))
    return typed(list[BoardIncident], list(session.execute(query)))


def _mark(
    session: Session,
    rows: list[BoardRow],
    incidents: list[BoardIncident],
    settings: CadSettings,
    now: dt.datetime,
    *,
    every: bool,
) -> None:
    """Give these rows their warnings and possible duplicates. Counts are grouped queries on
    these rows' addresses and numbers only; duplicates are looked for among the open
    incidents that share an address, postcode, number or map cell with one of them, which
    finds for each row exactly what a pass over the whole board would."""
    if not rows:
        return
    marked = [row.incident for row in rows]
    since = now - dt.timedelta(days=HISTORY_DAYS)
    addresses = {i.address_key for i in marked if i.address_key}
    phones = {i.caller_phone for i in marked if i.caller_phone}
    # Every row: one grouped query over all, rather than thousands of values to match.
    at_address = _counts(session, Incident.address_key, since, None if every else addresses)
    from_caller = _counts(session, Incident.caller_phone, since, None if every else phones)
    candidates = incidents if every else _related(incidents, marked, addresses, phones)
    duplicates = possible_duplicates(candidates, settings)
    for row in rows:
        row.warnings = _warnings(row.incident, at_address, from_caller)
        row.duplicates = duplicates.get(row.incident.id, [])


def _related(
    incidents: list[BoardIncident],
    marked: list[BoardIncident],
    addresses: set[str],
    phones: set[str],
) -> list[BoardIncident]:
    """The open incidents that could be a possible duplicate of a marked one (and those)."""
    postcodes = {i.postcode for i in marked if i.postcode}
    cells = {key for i in marked for key in _cells_around(i.latitude, i.longitude)}
    related = []
    for incident in incidents:
        if (
            incident.address_key in addresses
            or incident.caller_phone in phones
            or incident.postcode in postcodes
            or _cell_of(incident.latitude, incident.longitude) in cells
        ):
            related.append(incident)
    return related


def _warnings(
    incident: BoardIncident, at_address: dict[str, int], from_caller: dict[str, int]
) -> list[str]:
    found = []
    before = at_address.get(incident.address_key, 0) - 1
    if before > 0 and incident.address_key:
        found.append(f"{before} other incident{'s' if before > 1 else ''} at this address")
    calls = from_caller.get(incident.caller_phone or "", 0) - 1
    if calls > 0:
        found.append(f"{calls} other incident{'s' if calls > 1 else ''} from this caller")
    if '"weapons"' in (incident.qualifiers_json or ""):
        found.append("Weapons")
    vulnerabilities = (incident.vulnerabilities_json or "[]").strip()
    if vulnerabilities != "[]":
        named = ", ".join(str(v).replace("_", " ") for v in json.loads(vulnerabilities))
        found.append(f"Vulnerable: {named}")
    return found


def row_dict(incident: ShownIncident, call_signs: list[str]) -> dict[str, Any]:
    """What a board shows of one incident, as JSON (the live feed and the API send this)."""
    due = target_at(incident, cad_settings())
    return {
        "id": incident.id,
        "log_number": incident.log_number,
        "status": incident.status,
        "grade": incident.grade,
        "opening_code": incident.opening_code,
        "classification": codes.label_of(incident.opening_code),
        "address": incident.address,
        "area": incident.area,
        "opened_at": incident.opened_at.isoformat(),
        "target_at": due.isoformat() if due else None,
        "arrived_at": incident.first_arrived_at.isoformat() if incident.first_arrived_at else None,
        "units": call_signs,
        "remarks": incident.remarks[:200],
        "merged_into_id": incident.merged_into_id,
    }


def _wanted(row: BoardRow, chosen: BoardFilter) -> bool:
    return _wanted_parts(row.incident, row.call_signs, row.overdue, chosen)


def _wanted_parts(
    incident: Timed, call_signs: list[str], overdue: bool, chosen: BoardFilter
) -> bool:
    if chosen.area and typed(ShownIncident, incident).area.upper() != chosen.area.upper():
        return False
    if chosen.grade is not None and incident.grade != chosen.grade:
        return False
    if chosen.state == "overdue":
        return overdue
    return not chosen.state or _state(incident, call_signs) == chosen.state


def _state(incident: Timed, call_signs: list[str]) -> str:
    if incident.first_arrived_at is not None and call_signs:
        return "at_scene"
    return "assigned" if call_signs else "unassigned"


def areas(session: Session) -> list[str]:
    query = (
        select(Incident.area)
        .where(Incident.status == IncidentStatus.OPEN, Incident.area != "")
        .distinct()
        .order_by(Incident.area)
    )
    return list(session.execute(query).scalars())


def possible_duplicates(
    incidents: Iterable[BoardIncident], settings: CadSettings
) -> dict[int, list[BoardIncident]]:
    """For each open incident, the others that may be about the same thing.

    One pass in order of opening: each address, postcode and map cell keeps only the incidents
    opened within the window before the current one, so the work grows with the number of
    incidents, not its square.
    """
    window = dt.timedelta(minutes=settings.duplicate_window_minutes)
    metres = settings.duplicate_distance_metres
    recent: dict[tuple[str, object], deque[tuple[dt.datetime, BoardIncident]]]
    recent = defaultdict(deque)
    same_caller: dict[str, list[BoardIncident]] = defaultdict(list)
    found: dict[int, list[BoardIncident]] = defaultdict(list)
    rows = sorted(
        (i.opened_at, i.id, i, i.address_key, i.postcode, i.caller_phone, i.latitude, i.longitude)
        for i in incidents
    )
    for opened, number, incident, address, postcode, phone, lat, lon in rows:
        matches: dict[int, BoardIncident] = {o.id: o for o in same_caller.get(phone or "", [])}
        keys: list[tuple[str, object]] = [("address", address), ("postcode", postcode)]
        keys = [key for key in keys if key[1]]
        cells = _cells_around(lat, lon)
        for key in [*keys, *cells]:
            waiting = recent.get(key)
            while waiting and opened - waiting[0][0] > window:
                waiting.popleft()
            for _, other in waiting or ():
                if key[0] != "cell" or _within(lat, lon, other, metres):
                    matches[other.id] = other
        for other in matches.values():
            found[number].append(other)
            found[other.id].append(incident)
        for key in keys + cells[:1]:
            recent[key].append((opened, incident))
        if phone:
            same_caller[phone].append(incident)
    return found


def _cell_of(lat: float | None, lon: float | None) -> tuple[str, object] | None:
    if lat is None or lon is None:
        return None
    return ("cell", (int(lat * 100), int(lon * 100)))


def _cells_around(lat: float | None, lon: float | None) -> list[tuple[str, object]]:
    """The map cell the point is in (first), then its eight neighbours. A cell is about 1.1 km
    by 0.7 km in Britain, so points within a few hundred metres share or border one."""
    if lat is None or lon is None:
        return []
    row, col = int(lat * 100), int(lon * 100)
    around = [(row + dr, col + dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1)]
    around.remove((row, col))
    return [("cell", (row, col)), *(("cell", cell) for cell in around)]


def _within(lat: float | None, lon: float | None, other: BoardIncident, metres: int) -> bool:
    if lat is None or lon is None or other.latitude is None or other.longitude is None:
        return False
    return distance_metres(lat, lon, other.latitude, other.longitude) <= metres


def merge(session: Session, *, duplicate_id: int, into_id: int, actor: str) -> Incident:
    """Close `duplicate_id` as a duplicate of `into_id`, noting it on both logs."""
    from synergy.cad.service import add_log_entry, close_incident, get_incident

    if duplicate_id == into_id:
        raise InvalidRequest("An incident cannot be merged into itself", field="other")
    keep = get_incident(session, incident_id=into_id, for_update=True)
    if keep.status != IncidentStatus.OPEN:
        raise Conflict(f"{keep.log_number} is closed; merge into an open incident", field="other")
    duplicate = get_incident(session, incident_id=duplicate_id, for_update=True)
    caller = ", ".join(p for p in (duplicate.caller_name, duplicate.caller_phone) if p)
    add_log_entry(
        session,
        incident_id=keep.id,
        author=actor,
        kind="merged",
        text=f"{duplicate.log_number} merged into this incident"
        + (f"; its caller: {caller}" if caller else "")
        + f". Its remarks: {duplicate.remarks or 'none'}",
    )
    close_incident(
        session,
        incident_id=duplicate.id,
        actor=actor,
        closing_code=codes.DUPLICATE_CLOSING_CODE,
        reason=f"Duplicate of {keep.log_number}",
    )
    duplicate.merged_into_id = keep.id
    _add_link(session, keep.id, duplicate.log_number, actor)
    _add_link(session, duplicate.id, keep.log_number, actor)
    session.flush()
    return keep


def link(session: Session, *, incident_id: int, other_id: int, actor: str) -> None:
    """Link two incidents that are about related things but both stay open."""
    from synergy.cad.service import add_log_entry, get_incident

    if incident_id == other_id:
        raise InvalidRequest("An incident cannot be linked to itself", field="other")
    first = get_incident(session, incident_id=incident_id, for_update=True)
    second = get_incident(session, incident_id=other_id, for_update=True)
    if _add_link(session, first.id, second.log_number, actor):
        add_log_entry(
            session,
            incident_id=first.id,
            author=actor,
            kind="linked",
            text=f"Linked to {second.log_number}",
        )
    if _add_link(session, second.id, first.log_number, actor):
        add_log_entry(
            session,
            incident_id=second.id,
            author=actor,
            kind="linked",
            text=f"Linked to {first.log_number}",
        )
    session.flush()


def _add_link(session: Session, incident_id: int, log_number: str, actor: str) -> bool:
    exists = session.execute(
        select(IncidentLink.id).where(
            IncidentLink.incident_id == incident_id,
            IncidentLink.kind == "incident",
            IncidentLink.target == log_number,
        )
    ).first()
    if exists:
        return False
    session.add(
        IncidentLink(incident_id=incident_id, kind="incident", target=log_number, created_by=actor)
    )
    return True


def links(session: Session, incident_id: int) -> list[IncidentLink]:
    query = (
        select(IncidentLink)
        .where(IncidentLink.incident_id == incident_id, IncidentLink.kind != "contact_event")
        .order_by(IncidentLink.id)
    )
    return list(session.execute(query).scalars())


def previous_at_address(session: Session, incident: Incident, *, limit: int = 10) -> list[Incident]:
    """Earlier incidents at the same address, or from the same caller, newest first."""
    conditions = []
    if incident.address_key:
        conditions.append(Incident.address_key == incident.address_key)
    if incident.caller_phone:
        conditions.append(Incident.caller_phone == incident.caller_phone)
    if not conditions:
        return []
    query = (
        select(Incident)
        .where(or_(*conditions), Incident.id != incident.id)
        .order_by(Incident.opened_at.desc())
        .limit(limit)
    )
    return list(session.execute(query).scalars())
