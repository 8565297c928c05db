from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from synergy.cad import resources, service
from synergy.cad.models import UnitStatus
from synergy.core.errors import Conflict
from tests.cad.factories import make_unit, open_incident


def test_assign_arrive_clear_moves_the_unit_and_writes_the_log(db: Session) -> None:
    incident = open_incident(db, grade=1)
    unit = make_unit(db)
    resources.assign(db, incident_id=incident.id, unit_id=unit.id, actor="c1")
    assert unit.status == UnitStatus.ASSIGNED
    assert resources.call_signs_for(db, incident.id) == ["BW21"]
    resources.set_status(db, unit_id=unit.id, status=UnitStatus.EN_ROUTE, actor="pc1")
    resources.arrive(db, unit_id=unit.id, actor="pc1")
    assert unit.status == UnitStatus.AT_SCENE and incident.first_arrived_at is not None
    resources.clear(db, unit_id=unit.id, actor="pc1")
    assert unit.status == UnitStatus.AVAILABLE and resources.call_signs_for(db, incident.id) == []
    texts = [e.text for e in service.incident_entries(db, incident_id=incident.id)]
    assert texts[1:] == ["BW21 assigned", "BW21 en route", "BW21 at scene", "BW21 cleared"]


def test_a_busy_unit_cannot_be_sent_elsewhere(db: Session) -> None:
    first, second = open_incident(db), open_incident(db)
    unit = make_unit(db)
    resources.assign(db, incident_id=first.id, unit_id=unit.id, actor="c1")
    with pytest.raises(Conflict):
        resources.assign(db, incident_id=second.id, unit_id=unit.id, actor="c1")


def test_officer_sees_incidents_their_unit_is_on_until_cleared(db: Session) -> None:
    incident, other = open_incident(db), open_incident(db)
    unit = make_unit(db, officers=("pc1", "pc2"))
    make_unit(db, call_sign="BW22", officers=("pc3",))
    resources.assign(db, incident_id=incident.id, unit_id=unit.id, actor="c1")
    assert [i.id for i in service.incidents_assigned_to(db, "pc2")] == [incident.id]
    assert service.incidents_assigned_to(db, "pc3") == []
    assert other.id not in [i.id for i in service.incidents_assigned_to(db, "pc1")]
    resources.clear(db, unit_id=unit.id, actor="pc1")
    assert service.incidents_assigned_to(db, "pc1") == []


def test_closing_an_incident_clears_its_units(db: Session) -> None:
    incident = open_incident(db)
    unit = make_unit(db)
    resources.assign(db, incident_id=incident.id, unit_id=unit.id, actor="c1")
    service.close_incident(db, incident_id=incident.id, actor="c1", closing_code="CRIME-THEFT")
    assert unit.status == UnitStatus.AVAILABLE and unit.incident_id is None


def test_call_signs_are_unique(db: Session) -> None:
    make_unit(db, call_sign="bw21")
    with pytest.raises(Conflict):
        make_unit(db, call_sign="BW21")
