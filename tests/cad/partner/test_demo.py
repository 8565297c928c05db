from sqlalchemy import select

from synergy.cad import service as cad
from synergy.cad.partner.demo import DEMO_AGENCY, receive_demo_incident
from synergy.cad.partner.models import PartnerIncident
from synergy.core.services import DemoContext
from tests.conftest import TEST_SECRET


def test_the_demo_receives_one_incident_from_the_simulator_however_often_it_runs(
    settings, session_factory
):
    context = DemoContext(settings=settings, secret=TEST_SECRET.encode())

    with session_factory() as db:
        first = receive_demo_incident(db, context)
        db.commit()
    with session_factory() as db:
        again = receive_demo_incident(db, context)
        db.commit()
        [link] = db.execute(select(PartnerIncident)).scalars().all()
        incident = cad.get_incident(db, incident_id=link.incident_id)

    assert len(first) == 1 and "accepted" in first[0] and incident.log_number in first[0]
    assert again == []
    assert incident.originating_agency == DEMO_AGENCY and incident.source == "partner_control_room"
