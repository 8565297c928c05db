"""The crime-recording queue: crime reports the 101 assistant drafted, waiting for a person.

A person reads each report and either records it, which issues a crime number in the force's
format (`<force code>/<6-digit sequence>/<2-digit year>`, the form synergy.core.references
reads back; the force code is the `SYNERGY_CAD_FORCE_CODE` setting), or closes it with a
reason. Numbers come from one counter per year whose row is locked while it is incremented,
so two people recording at once never share one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from synergy.cad.models import CrimeNumberCounter, CrimeReport
from synergy.cad.settings import cad_settings
from synergy.core import audit
from synergy.core.db import utcnow
from synergy.core.errors import Conflict, InvalidRequest, NotFound
from synergy.core.references import ReferenceKind, normalise_reference

QUEUED, RECORDED, CLOSED = "queued", "recorded", "closed"
MAX_SEQUENCE = 999_999


def queue_report(session: Session, *, source_key: str, payload: dict[str, Any]) -> CrimeReport:
    """Put a drafted report in the queue once; a second call with the same key returns it."""
    found = session.execute(
        select(CrimeReport).where(CrimeReport.source_key == source_key)
    ).scalar()
    if found is not None:
        return found
    report = CrimeReport(
        source_key=source_key,
        log_number=payload.get("reference"),
        contact_call_id=payload.get("call_id"),
        channel=payload.get("channel"),
        details=dict(payload.get("details") or {}),
        risk=payload.get("risk"),
        vulnerabilities=list(payload.get("vulnerabilities") or []),
        status=QUEUED,
    )
    session.add(report)
    session.flush()
    return report


def queued_reports(session: Session) -> list[CrimeReport]:
    query = select(CrimeReport).where(CrimeReport.status == QUEUED).order_by(CrimeReport.id)
    return list(session.execute(query).scalars())


def recent_decisions(session: Session, *, limit: int = 20) -> list[CrimeReport]:
    query = (
        select(CrimeReport)
        .where(CrimeReport.status != QUEUED)
        .order_by(CrimeReport.decided_at.desc())
        .limit(limit)
    )
    return list(session.execute(query).scalars())


def get_report(session: Session, *, report_id: int, for_update: bool = False) -> CrimeReport:
    report = session.get(CrimeReport, report_id, with_for_update=for_update)
    if report is None:
        raise NotFound(f"There is no crime report {report_id}")
    return report


def _decidable(session: Session, report_id: int) -> CrimeReport:
    report = get_report(session, report_id=report_id, for_update=True)
    if report.status != QUEUED:
        what = f"crime number {report.crime_number}" if report.crime_number else "closed"
        raise Conflict(f"This report has already been dealt with ({what})")
    return report


def next_crime_number(session: Session) -> str:
    year = utcnow().year
    query = select(CrimeNumberCounter).where(CrimeNumberCounter.year == year).with_for_update()
    counter = session.execute(query).scalar()
    if counter is None:
        try:
            with session.begin_nested():
                session.add(CrimeNumberCounter(year=year, last_number=0))
        except IntegrityError:
            pass  # someone else created this year's counter at the same moment
        counter = session.execute(query).scalar_one()
    if counter.last_number >= MAX_SEQUENCE:
        raise Conflict("No crime numbers are left for this year")
    counter.last_number += 1
    session.flush()
    text = f"{cad_settings().force_code}/{counter.last_number:06d}/{year % 100:02d}"
    return normalise_reference(text, kinds=[ReferenceKind.CRIME])


def record_crime(
    session: Session, *, report_id: int, actor: str, officer_in_charge: str = ""
) -> CrimeReport:
    """Issue a crime number for a queued report."""
    report = _decidable(session, report_id)
    report.crime_number = next_crime_number(session)
    report.status, report.decided_by, report.decided_at = RECORDED, actor, utcnow()
    report.officer_in_charge = officer_in_charge.strip() or None
    session.flush()
    audit.record(
        session,
        action="cad.crime_recorded",
        actor=actor,
        target_type="crime_report",
        target_id=report.id,
        details={"crime_number": report.crime_number},
    )
    return report


def close_report(session: Session, *, report_id: int, actor: str, reason: str) -> CrimeReport:
    """Close a queued report without recording a crime; the reason is required."""
    if not reason.strip():
        raise InvalidRequest("Give the reason for closing without a crime number", field="reason")
    report = _decidable(session, report_id)
    report.status, report.decided_by, report.decided_at = CLOSED, actor, utcnow()
    report.closed_reason = reason.strip()[:2000]
    session.flush()
    audit.record(
        session,
        action="cad.crime_report_closed",
        actor=actor,
        target_type="crime_report",
        target_id=report.id,
    )
    return report


def report_by_crime_number(session: Session, crime_number: str) -> CrimeReport | None:
    query = select(CrimeReport).where(CrimeReport.crime_number == crime_number)
    return session.execute(query).scalar()
