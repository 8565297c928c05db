"""ACRO requests: creating one per qualifying arrest, the completeness check and work queue,
sending through the gateway with retries and a dead-letter state, responses, deadlines.

The only API other modules may call. Functions only flush; the caller's transaction (a request,
or an outbox delivery) commits. Sending is driven by `acro.request_due` events, each carrying
the attempt number it is for, so that exactly one live event exists per queued request.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from synergy.acro import exchange
from synergy.acro.gateway import AcroGateway, GatewayError, GatewayUnavailable
from synergy.acro.models import (
    ACCEPTED,
    DEAD_LETTER,
    INCOMPLETE,
    QUEUED,
    REPLIED,
    AcroRequest,
)
from synergy.acro.settings import AcroSettings
from synergy.acro.working_days import add_working_days
from synergy.core import audit, events
from synergy.core.config import Settings
from synergy.core.db import utcnow
from synergy.core.errors import Conflict, InvalidRequest, NotFound
from synergy.core.events import backoff_seconds
from synergy.core.form_errors import FormErrors
from synergy.core.formatting import country_code, read_date
from synergy.records.schemas import PersonCheck

REQUEST_DUE = "acro.request_due"
REQUEST_DEAD_LETTERED = "acro.request_dead_lettered"
# For the savings register: one per request ACRO accepted, with the manual minutes it saved.
REQUEST_ACCEPTED = "acro.request_accepted"
RECIPIENT = "ACRO Criminal Records Office"
UK_NATIONALITY = "GB"
LOCAL_TIME = ZoneInfo("Europe/London")


def qualifies(nationalities: list[str]) -> bool:
    """Any nationality other than British makes an arrest need an overseas check."""
    return any(code != UK_NATIONALITY for code in nationalities)


def idempotency_key(settings: Settings, arrest_id: int) -> str:
    """The key ACRO uses to drop repeats of one request: unique across deployments and restores.

    An arrest id alone is not: two deployments (live and a training copy, say) count arrests
    from 1, and a database restored from a backup hands out again the ids it had handed out
    after the backup, so ACRO would drop a new person's request as a repeat of another's. So the
    key carries the deployment (derived from its secret key, so it needs no setting and reveals
    nothing) and a random part drawn when the request is created. It is stored with the request,
    so every send of that request carries the same key."""
    requesting_force = settings.section(AcroSettings).requesting_force
    force = "".join(ch for ch in requesting_force.lower() if ch.isalnum())[:30]
    deployment = hmac.new(settings.secret(), b"acro-deployment", hashlib.sha256).hexdigest()[:10]
    return f"{force}-{deployment}-arrest-{arrest_id}-{secrets.token_hex(4)}"


def create_for_arrest(
    session: Session,
    settings: Settings,
    arrest: dict[str, Any],
    *,
    send: Callable[[AcroRequest], None] | None = None,
) -> AcroRequest | None:
    """The request for a `records.arrest_recorded` payload; None if the person is UK-only.

    Safe to call twice for the same arrest: the second call returns the first request. A
    complete request is queued to send: `send(request)`, if given, sends it at once (the
    event handler does, saving a round trip through the outbox). It runs before the creation
    is audited so that the audit log's lock is never held while the gateway answers.
    """
    person = arrest.get("person") or {}
    if not qualifies(list(person.get("nationalities") or [])):
        return None
    arrest_id = int(arrest["arrest_id"])
    acro = settings.section(AcroSettings)
    existing = request_for_arrest(session, arrest_id=arrest_id)
    if existing is not None:
        return existing
    payload = exchange.from_arrest_event(
        arrest,
        purpose=exchange.CRIMINAL_PROCEEDINGS,
        requesting_force=acro.requesting_force,
    )
    missing = exchange.missing_fields(payload)
    request = AcroRequest(
        arrest_id=arrest_id,
        person_id=int(person["person_id"]),
        custody_number=str(arrest["custody_number"]),
        idempotency_key=idempotency_key(settings, arrest_id),
        status=INCOMPLETE if missing else QUEUED,
        purpose=exchange.CRIMINAL_PROCEEDINGS,
        payload=payload,
        missing_fields=missing,
        arrested_at=dt.datetime.fromisoformat(arrest["arrested_at"]),
        minutes_saved=acro.minutes_saved_per_request,
    )
    session.add(request)
    session.flush()
    if not missing:
        if send is not None:
            send(request)
        else:
            _schedule_send(session, request, delay_seconds=0)
    audit.record(
        session,
        action="acro.request_created",
        target_type="acro_request",
        target_id=request.id,
        details={"arrest_id": arrest_id, "missing_fields": missing},
    )
    return request


def _schedule_send(session: Session, request: AcroRequest, *, delay_seconds: float) -> None:
    events.publish(
        session,
        REQUEST_DUE,
        {"request_id": request.id, "attempt": request.attempts},
        key=f"{request.idempotency_key}-attempt-{request.attempts}",
        not_before=utcnow() + dt.timedelta(seconds=delay_seconds),
    )


def request_for_arrest(session: Session, *, arrest_id: int) -> AcroRequest | None:
    return session.execute(
        select(AcroRequest).where(AcroRequest.arrest_id == arrest_id)
    ).scalar_one_or_none()


def get_request(session: Session, *, request_id: int, for_update: bool = False) -> AcroRequest:
    request = session.get(AcroRequest, request_id, with_for_update=for_update)
    if request is None:
        raise NotFound(f"No ACRO request {request_id}")
    return request


def _checked(name: str, value: Any) -> Any:
    """A value of the type the exchange message needs, so nothing is stored to break later."""
    try:
        return exchange.checked_value(name, value)
    except ValueError as exc:
        raise InvalidRequest(str(exc), field=name) from None


def complete_request(
    session: Session,
    *,
    request_id: int,
    values: dict[str, Any],
    actor: str,
    purpose: str | None = None,
    purpose_detail: str | None = None,
) -> AcroRequest:
    """Fill in missing details from the work queue; a complete request is queued to send."""
    request = get_request(session, request_id=request_id, for_update=True)
    if request.status != INCOMPLETE:
        raise Conflict("This request is not waiting for details")
    payload = dict(request.payload)
    errors = FormErrors()
    for name, value in values.items():
        if name not in exchange.REQUIRED_FIELDS or name in ("arrest_date", "requesting_force"):
            raise InvalidRequest(f"{name} cannot be changed here", field=name)
        if name == "date_of_birth":
            value = errors.check(name, functools.partial(_date_of_birth, value))
        elif name == "nationalities":
            value = errors.check(name, functools.partial(_country_codes, value))
        if value not in (None, "", []):
            value = errors.check(name, functools.partial(_checked, name, value))
        payload[name] = value
    if purpose is not None:
        if purpose not in exchange.PURPOSES:
            raise InvalidRequest("Choose the purpose of the request", field="purpose")
        if purpose == exchange.OTHER_LAWFUL_PURPOSE and not (purpose_detail or "").strip():
            raise InvalidRequest("Say which lawful purpose", field="purpose_detail")
        payload["purpose"], payload["purpose_detail"] = purpose, purpose_detail or None
        request.purpose = purpose
    missing = exchange.missing_fields(payload)
    if not missing or errors.problems:
        try:
            exchange.exchange_message(payload)
        except exchange.MessageProblem as exc:
            # Fields still blank may be filled in later; everything else is reported at once.
            for field, text in exc.problems:
                if field not in missing:
                    errors.add(field, text)
    errors.raise_if_any()
    request.payload = payload
    request.missing_fields = missing
    audit.record(
        session,
        action="acro.request_completed",
        actor=actor,
        target_type="acro_request",
        target_id=request.id,
        details={"fields": sorted(values), "still_missing": missing},
    )
    if not missing:
        request.status = QUEUED
        request.completed_by = actor
        _schedule_send(session, request, delay_seconds=0)
    session.flush()
    return request


def _date_of_birth(value: Any) -> str:
    """ISO text for a date of birth typed in any UK form (27/03/1990, 27 March 1990, ...)."""
    try:
        born = value if isinstance(value, dt.date) else read_date(str(value))
    except ValueError:
        raise InvalidRequest(
            "Enter the date of birth as a real date, like 27/03/1990", field="date_of_birth"
        ) from None
    if born >= utcnow().date():
        raise InvalidRequest("The date of birth must be in the past", field="date_of_birth")
    return born.isoformat()


def _country_codes(values: list[str]) -> list[str]:
    """Two-letter codes for countries given by code or English name ("RO", "Romania")."""
    codes = []
    for text in values:
        code = country_code(text)
        if code is None:
            raise InvalidRequest(
                f"'{text}' is not a country: enter a country's name, like Romania",
                field="nationalities",
            )
        codes.append(code)
    return sorted(set(codes))


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int
    base_seconds: float
    cap_seconds: float

    @classmethod
    def from_settings(cls, settings: Settings) -> RetryPolicy:
        acro = settings.section(AcroSettings)
        return cls(acro.max_attempts, acro.retry_base_seconds, acro.retry_cap_seconds)

    def delay(self, attempts: int) -> float:
        return backoff_seconds(attempts - 1, base=self.base_seconds, cap=self.cap_seconds)


def send_due_request(
    session: Session,
    gateway: AcroGateway,
    policy: RetryPolicy,
    settings: Settings,
    *,
    request_id: int,
    attempt: int,
) -> None:
    """Send one queued request. Stale events (an older attempt) and finished requests are
    ignored, so delivering the same event twice sends at most once more, with the same key."""
    request = get_request(session, request_id=request_id, for_update=True)
    if request.status != QUEUED or request.attempts != attempt:
        return
    try:
        message = exchange.exchange_message(request.payload)
    except exchange.MessageProblem as exc:
        _failed_attempt(session, request, policy, f"Not a valid request: {exc}", retry=False)
        return
    try:
        acceptance = gateway.submit(message, idempotency_key=request.idempotency_key)
    except GatewayError as exc:
        # Audited after the call so that no lock is held while waiting on the gateway; a
        # send that may have arrived is still a disclosure.
        _audit_disclosure(session, request, message, outcome=type(exc).__name__)
        _failed_attempt(
            session, request, policy, str(exc), retry=isinstance(exc, GatewayUnavailable)
        )
        return
    request.status = ACCEPTED
    request.acro_reference = acceptance.acro_reference
    request.accepted_at = utcnow()
    request.last_error = None
    working_days = settings.section(AcroSettings).reply_working_days
    request.reply_due = reply_due_date(request.accepted_at, working_days)
    _audit_disclosure(
        session,
        request,
        message,
        outcome="accepted",
        acro_reference=acceptance.acro_reference,
        reply_due=request.reply_due.isoformat(),
    )
    events.publish(
        session,
        REQUEST_ACCEPTED,
        {
            "request_id": request.id,
            "arrest_id": request.arrest_id,
            "minutes_saved": request.minutes_saved,
            "accepted_at": request.accepted_at.isoformat(),
        },
        key=f"{request.idempotency_key}-accepted",
    )
    session.flush()


def _audit_disclosure(
    session: Session,
    request: AcroRequest,
    message: dict[str, Any],
    *,
    outcome: str,
    **extra: str,
) -> None:
    """What was disclosed, to whom, why and when (the record's own time), with the outcome."""
    audit.record(
        session,
        action="acro.disclosure",
        target_type="acro_request",
        target_id=request.id,
        details={
            "fields": sorted(k for k, v in message.items() if v not in (None, "", [])),
            "recipient": RECIPIENT,
            "purpose": message["purpose"],
            "purpose_detail": message.get("purpose_detail"),
            "custody_reference": message["custody_reference"],
            "attempt": request.attempts + 1,
            "outcome": outcome,
            **extra,
        },
    )


def _failed_attempt(
    session: Session, request: AcroRequest, policy: RetryPolicy, error: str, *, retry: bool
) -> None:
    request.attempts += 1
    request.last_error = error[:2000]
    if retry and request.attempts < policy.max_attempts:
        _schedule_send(session, request, delay_seconds=policy.delay(request.attempts))
        session.flush()
        return
    request.status = DEAD_LETTER
    audit.record(
        session,
        action="acro.request_dead_lettered",
        target_type="acro_request",
        target_id=request.id,
        details={"attempts": request.attempts, "error": error[:500]},
    )
    events.publish(
        session,
        REQUEST_DEAD_LETTERED,
        {"request_id": request.id, "arrest_id": request.arrest_id, "error": error[:500]},
        key=f"{request.idempotency_key}-dead-{request.attempts}",
    )
    session.flush()


def resend(session: Session, *, request_id: int, actor: str, source_ip: str | None = None) -> None:
    """Manual re-send of a dead letter: a fresh set of attempts, the same idempotency key."""
    request = get_request(session, request_id=request_id, for_update=True)
    if request.status != DEAD_LETTER:
        raise Conflict("Only requests that failed to send can be sent again")
    request.status = QUEUED
    request.attempts = 0
    audit.record(
        session,
        action="acro.request_resent",
        actor=actor,
        target_type="acro_request",
        target_id=request.id,
        source_ip=source_ip,
    )
    _schedule_send(session, request, delay_seconds=0)
    session.flush()


def reply_due_date(accepted_at: dt.datetime, working_days: int) -> dt.date:
    return add_working_days(accepted_at.astimezone(LOCAL_TIME).date(), working_days)


def is_overdue(request: AcroRequest, today: dt.date | None = None) -> bool:
    today = today or utcnow().astimezone(LOCAL_TIME).date()
    return (
        request.status == ACCEPTED and request.reply_due is not None and today > request.reply_due
    )


def list_requests(
    session: Session, *, status: str | None = None, limit: int = 200
) -> list[AcroRequest]:
    query = select(AcroRequest).order_by(AcroRequest.created_at.desc(), AcroRequest.id.desc())
    if status is not None:
        query = query.where(AcroRequest.status == status)
    return list(session.execute(query.limit(limit)).scalars())


def requests_for_person(session: Session, *, person_id: int) -> list[AcroRequest]:
    return list(
        session.execute(
            select(AcroRequest)
            .where(AcroRequest.person_id == person_id)
            .order_by(AcroRequest.created_at.desc())
        ).scalars()
    )


def person_checks(session: Session, person_id: int) -> list[PersonCheck]:
    """A person's requests as records shows them on the person's page."""
    return [
        PersonCheck(
            custody_number=r.custody_number,
            status=r.status_label,
            result=r.outcome_label,
            url=f"/acro/requests/{r.id}",
        )
        for r in requests_for_person(session, person_id=person_id)
    ]


def status_counts(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(AcroRequest.status, func.count()).group_by(AcroRequest.status)
    ).all()
    return {status: count for status, count in rows}


def minutes_saved(session: Session) -> int:
    """Manual minutes saved by requests that ACRO accepted (for the savings register)."""
    total = session.execute(
        select(func.coalesce(func.sum(AcroRequest.minutes_saved), 0)).where(
            AcroRequest.status.in_([ACCEPTED, REPLIED])
        )
    ).scalar_one()
    return int(total)
