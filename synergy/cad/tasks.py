"""Officers' tasks: a caller asked the 101 assistant for an update on their case.

The task goes to the officer in charge of the reference the caller gave: the incident's officer
in charge or, failing that, the first officer of the unit last sent to it; for a crime number,
the officer in charge named when it was recorded. A task nobody can be found for waits for a
supervisor to allocate it. The officer answers with what they told the caller; before that
they must be satisfied the caller is linked to the case (the page shows whether the caller's
phone number matches the one on the incident).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.cad import crime_recording
from synergy.cad.models import Assignment, Incident, OfficerTask, Unit
from synergy.core import audit
from synergy.core.db import utcnow
from synergy.core.errors import Conflict, Forbidden, InvalidRequest, NotFound
from synergy.core.references import ReferenceFormatError, ReferenceKind, parse_reference

OPEN, ANSWERED = "open", "answered"


def _incident_for(session: Session, reference: str) -> Incident | None:
    return session.execute(select(Incident).where(Incident.log_number == reference)).scalar()


def _last_unit_officer(session: Session, incident_id: int) -> str | None:
    query = (
        select(Unit.officers)
        .join(Assignment, Assignment.unit_id == Unit.id)
        .where(Assignment.incident_id == incident_id)
        .order_by(Assignment.assigned_at.desc())
        .limit(1)
    )
    officers = session.execute(query).scalar()
    return officers[0] if officers else None


def officer_for(session: Session, reference: str) -> tuple[str | None, int | None]:
    """(officer in charge, incident id) for a crime number or incident log number."""
    try:
        parsed = parse_reference(reference, kinds=[ReferenceKind.CRIME, ReferenceKind.INCIDENT_LOG])
    except ReferenceFormatError:
        return None, None
    if parsed.kind is ReferenceKind.CRIME:
        report = crime_recording.report_by_crime_number(session, parsed.canonical)
        return (report.officer_in_charge if report else None), None
    incident = _incident_for(session, parsed.canonical)
    if incident is None:
        return None, None
    return incident.officer_in_charge or _last_unit_officer(session, incident.id), incident.id


def create_update_task(
    session: Session, *, source_key: str, reference: str, name: str, phone: str, message: str
) -> OfficerTask:
    """One task per source key: a repeat returns the first."""
    found = session.execute(
        select(OfficerTask).where(OfficerTask.source_key == source_key)
    ).scalar()
    if found is not None:
        return found
    officer, incident_id = officer_for(session, reference)
    task = OfficerTask(
        source_key=source_key,
        reference=reference[:40],
        incident_id=incident_id,
        officer=officer,
        caller_name=name[:200],
        caller_phone=phone[:40],
        message=message,
    )
    session.add(task)
    session.flush()
    return task


def tasks_for(session: Session, officer: str) -> list[OfficerTask]:
    query = (
        select(OfficerTask)
        .where(OfficerTask.officer == officer, OfficerTask.status == OPEN)
        .order_by(OfficerTask.id)
    )
    return list(session.execute(query).scalars())


def unallocated_tasks(session: Session) -> list[OfficerTask]:
    query = (
        select(OfficerTask)
        .where(OfficerTask.officer.is_(None), OfficerTask.status == OPEN)
        .order_by(OfficerTask.id)
    )
    return list(session.execute(query).scalars())


def get_task(session: Session, *, task_id: int, for_update: bool = False) -> OfficerTask:
    task = session.get(OfficerTask, task_id, with_for_update=for_update)
    if task is None:
        raise NotFound(f"There is no task {task_id}")
    return task


def caller_matches_case(session: Session, task: OfficerTask) -> bool | None:
    """Whether the caller's phone is the one on the incident; None when there is no incident."""
    if task.incident_id is None:
        return None
    incident = session.get(Incident, task.incident_id)
    if incident is None or not incident.caller_phone:
        return None
    return incident.caller_phone == "".join(ch for ch in task.caller_phone if ch.isdigit())


def allocate(session: Session, *, task_id: int, officer: str, actor: str) -> OfficerTask:
    if not officer.strip():
        raise InvalidRequest("Enter the officer's user name", field="officer")
    task = get_task(session, task_id=task_id, for_update=True)
    if task.status != OPEN:
        raise Conflict("This task has already been answered")
    task.officer = officer.strip()
    session.flush()
    audit.record(
        session,
        action="cad.task_allocated",
        actor=actor,
        target_type="cad_task",
        target_id=task.id,
        details={"officer": task.officer},
    )
    return task


def answer(
    session: Session, *, task_id: int, actor: str, text: str, may_answer_any: bool
) -> OfficerTask:
    """Record what the officer told the caller; only the task's officer (or a supervisor)."""
    if not text.strip():
        raise InvalidRequest("Enter what you told the caller", field="answer")
    task = get_task(session, task_id=task_id, for_update=True)
    if task.officer != actor and not may_answer_any:
        raise Forbidden("This task is for another officer")
    if task.status != OPEN:
        raise Conflict("This task has already been answered")
    task.status, task.answer = ANSWERED, text.strip()[:5000]
    task.answered_by, task.answered_at = actor, utcnow()
    session.flush()
    if task.incident_id is not None:
        from synergy.cad.service import add_log_entry

        add_log_entry(
            session,
            incident_id=task.incident_id,
            author=actor,
            kind="update_given",
            text=f"Update given to {task.caller_name}: {task.answer}",
        )
    return task
