"""Demo content: one evidence upload request, as an investigator would make it."""

from __future__ import annotations

from sqlalchemy.orm import Session

from synergy.core.services import DemoContext
from synergy.evidence import service

DEMO_EVIDENCE_REFERENCE = "20/900001/26"


def create_demo_upload_request(db: Session, context: DemoContext) -> list[str]:
    if service.list_requests(db, reference=DEMO_EVIDENCE_REFERENCE):
        return [f"Demo content already loaded: evidence upload request {DEMO_EVIDENCE_REFERENCE}."]
    form = service.NewRequest(
        reference=DEMO_EVIDENCE_REFERENCE,
        description="Doorbell camera footage of the street between 21:00 and 23:00 last night",
        email="witness@example.com",
    )
    service.create_request(db, secret=context.secret, form=form, actor="investigator")
    return [f"Demo content: 1 evidence upload request ({DEMO_EVIDENCE_REFERENCE})."]
