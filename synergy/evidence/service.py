"""Upload requests and their links: create, send, open, revoke, extend, finish. The only API
other modules may call for upload requests (file uploads are in `uploads.py`).

Every step is written to the audit log as the chain of custody; link tokens never are.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.core import audit, events
from synergy.core.config import Settings
from synergy.core.db import utcnow
from synergy.core.errors import Conflict, Gone, InvalidRequest, NotFound, TooManyRequests
from synergy.core.form_errors import FormErrors
from synergy.core.formatting import date_text, time_text
from synergy.core.references import (
    Reference,
    ReferenceFormatError,
    ReferenceKind,
    parse_reference,
)
from synergy.evidence import sending, tokens
from synergy.evidence.models import EvidenceFile, Notification, StatementVersion, UploadRequest
from synergy.evidence.settings import EvidenceSettings

GB = 1_000_000_000
DEFAULT_EXPIRY_DAYS = 7
MAX_EXPIRY_DAYS = 30
DEFAULT_MAX_FILES = 16
DEFAULT_MAX_FILE_GB = 60
DEFAULT_MAX_TOTAL_GB = 200
ACCEPTED_KINDS = (ReferenceKind.CRIME, ReferenceKind.INCIDENT_LOG)
# For the savings register: an investigator made a link themselves instead of asking Force
# Contact for one. Payload: `request` (public id), `reference_kind`, `created_at`.
LINK_CREATED = "evidence.link_created"
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
_MOBILE = re.compile(r"^(?:\+44|0)7\d{9}$")


class LinkExpired(Gone):
    title = "This upload link has expired"


class LinkRevoked(Gone):
    title = "This upload link has been cancelled"


class LinkUsed(Gone):
    title = "This upload link has already been used"


class LinkInvalid(NotFound):
    title = "This upload link is not valid"


@dataclass(frozen=True)
class NewRequest:
    reference: str
    description: str
    email: str = ""
    mobile: str = ""
    expiry_days: int = DEFAULT_EXPIRY_DAYS
    max_files: int = DEFAULT_MAX_FILES
    max_file_gb: int = DEFAULT_MAX_FILE_GB
    max_total_gb: int = DEFAULT_MAX_TOTAL_GB
    single_use: bool = False


def _clean_contact(form: NewRequest, errors: FormErrors) -> tuple[str | None, str | None]:
    email = form.email.strip() or None
    mobile = re.sub(r"[\s()-]", "", form.mobile) or None
    if email is None and mobile is None:
        errors.add("email", "Enter the uploader's email address or mobile number")
    if email is not None and not _EMAIL.match(email):
        errors.add("email", "Enter an email address like name@example.com")
    if mobile is not None and not _MOBILE.match(mobile):
        errors.add("mobile", "Enter a UK mobile number, like 07700 900123")
    return email, mobile


def _check_limits(form: NewRequest, errors: FormErrors) -> None:
    if not 1 <= form.expiry_days <= MAX_EXPIRY_DAYS:
        errors.add("expiry_days", "The link must last between 1 and 30 days")
    if not 1 <= form.max_files <= 100:
        errors.add("max_files", "Allow between 1 and 100 files")
    if not 1 <= form.max_file_gb <= 1000:
        errors.add("max_file_gb", "Allow between 1 and 1000 GB per file")
    if not form.max_file_gb <= form.max_total_gb <= 5000:
        errors.add(
            "max_total_gb",
            "The total must be at least the size allowed per file, and at most 5000 GB",
        )


def validate(
    form: NewRequest, errors: FormErrors | None = None
) -> tuple[str, str, str | None, str | None]:
    """(canonical reference, kind, email, mobile), or InvalidForm listing every problem."""
    errors = errors or FormErrors()
    reference = errors.check("reference", lambda: _reference(form.reference))
    if not form.description.strip():
        errors.add("description", "Describe the footage you are asking for")
    if len(form.description) > 2000:
        errors.add("description", "The description must be 2000 characters or fewer")
    email, mobile = _clean_contact(form, errors)
    _check_limits(form, errors)
    errors.raise_if_any()
    assert reference is not None
    return reference.canonical, reference.kind.value, email, mobile


def _reference(text: str) -> Reference:
    try:
        return parse_reference(text, kinds=ACCEPTED_KINDS)
    except ReferenceFormatError as exc:
        raise InvalidRequest(str(exc), field="reference") from None


def create_request(
    session: Session,
    *,
    secret: bytes,
    form: NewRequest,
    actor: str,
    notify_email: str | None = None,
    source_ip: str | None = None,
    errors: FormErrors | None = None,
) -> tuple[UploadRequest, tokens.LinkToken]:
    reference, kind, email, mobile = validate(form, errors)
    public_id = secrets.token_hex(16)
    code = tokens.issue_short_code()
    token = dataclasses.replace(tokens.issue(secret, public_id), short_code=code)
    request = UploadRequest(
        public_id=public_id,
        token_digest=token.digest,
        short_code_digest=tokens.short_code_digest(secret, code),
        reference=reference,
        reference_kind=kind,
        description=form.description.strip(),
        recipient_email=email,
        recipient_mobile=mobile,
        created_by=actor,
        notify_email=notify_email,
        expires_at=utcnow() + dt.timedelta(days=form.expiry_days),
        max_files=form.max_files,
        max_file_bytes=form.max_file_gb * GB,
        max_total_bytes=form.max_total_gb * GB,
        single_use=form.single_use,
    )
    session.add(request)
    session.flush()
    _audit(
        session,
        request,
        "evidence.link_created",
        actor,
        source_ip,
        {
            "reference": reference,
            "expires_at": request.expires_at.isoformat(),
            "single_use": form.single_use,
            "max_files": form.max_files,
        },
    )
    events.publish(
        session,
        LINK_CREATED,
        {
            "request": public_id,
            "reference_kind": kind,
            "created_at": request.created_at.isoformat(),
        },
        key=f"evidence-link-{public_id}",
    )
    return request, token


def _audit(
    session: Session,
    request: UploadRequest,
    action: str,
    actor: str,
    source_ip: str | None,
    details: dict[str, Any] | None = None,
) -> None:
    audit.record(
        session,
        action=action,
        actor=actor,
        target_type="upload_request",
        target_id=request.public_id,
        source_ip=source_ip,
        details={"reference": request.reference, **(details or {})},
    )


def upload_link(base_url: str, token: tokens.LinkToken) -> str:
    return f"{base_url.rstrip('/')}/evidence/upload/{token.value}"


def code_address(base_url: str) -> str:
    """Where a short code is typed, as it is read out: 'police.example/upload'."""
    return f"{base_url.rstrip('/')}/upload".split("://", 1)[-1]


def send_link(
    session: Session,
    *,
    settings: Settings,
    request: UploadRequest,
    link: str,
    actor: str,
    source_ip: str | None = None,
    short_code: str = "",
) -> list[str]:
    """Email and/or text the link (and its short code, if given); returns a plain-English line
    per channel for the page.

    A channel that is not set up, or whose gateway refuses, is reported as not sent (and
    audited as `evidence.link_send_failed`), never as sent."""
    section = settings.section(EvidenceSettings)
    message = sending.LinkMessage(
        reference=request.reference,
        link=link,
        expires=f"{date_text(request.expires_at)} at {time_text(request.expires_at)} (UK time)",
        description=request.description,
        short_code=tokens.spaced(short_code) if short_code else "",
        short_address=code_address(settings.base_url or link.split("/evidence/", 1)[0])
        if short_code
        else "",
    )
    outcomes = []
    channels = [
        ("email", request.recipient_email, "Emailed to", "Not emailed"),
        ("sms", request.recipient_mobile, "Text message sent to", "Not texted"),
    ]
    for channel, to, done, not_done in channels:
        if not to:
            continue
        try:
            if channel == "sms":
                receipt = sending.text_link(section, to=to, message=message)
            else:
                receipt = sending.email_link(settings, section, to=to, message=message)
        except sending.NotSent as exc:
            outcomes.append(
                f"{not_done}: {exc.reason}. Read them the short code, or print the link."
            )
            details = {"channel": channel, "error": exc.code}
            _audit(session, request, "evidence.link_send_failed", actor, source_ip, details)
            continue
        outcomes.append(f"{done} {to}")
        details = {"channel": channel, "receipt": receipt}
        _audit(session, request, "evidence.link_sent", actor, source_ip, details)
        request.sent_at = utcnow()
    session.flush()
    return outcomes


def list_requests(session: Session, *, reference: str | None = None) -> list[UploadRequest]:
    """Every request (for the demo and commands); staff pages list through `access`."""
    query = select(UploadRequest).order_by(UploadRequest.created_at.desc()).limit(200)
    if reference:
        query = query.where(UploadRequest.reference == reference)
    return list(session.execute(query).scalars())


def finished_file(session: Session, *, public_id: str) -> EvidenceFile:
    file = session.execute(
        select(EvidenceFile).where(EvidenceFile.public_id == public_id)
    ).scalar_one_or_none()
    if file is None or file.status != "complete":
        raise NotFound("There is no finished upload with that number")
    return file


def recent_notifications(session: Session, *, username: str, limit: int = 10) -> list[Notification]:
    """The newest notifications for one investigator, newest first."""
    query = (
        select(Notification)
        .where(Notification.username == username)
        .order_by(Notification.id.desc())
        .limit(limit)
    )
    return list(session.execute(query).scalars())


def get_request(session: Session, *, public_id: str) -> UploadRequest:
    found = session.execute(
        select(UploadRequest).where(UploadRequest.public_id == public_id)
    ).scalar_one_or_none()
    if found is None:
        raise NotFound("There is no upload request with that number")
    return found


def status_of(request: UploadRequest, now: dt.datetime | None = None) -> str:
    now = now or utcnow()
    if request.revoked_at:
        return "revoked"
    # Cancelled, abandoned and refused files are not waiting for anything.
    uploading = any(f.status == "uploading" for f in request.files)
    if any(f.status == "complete" for f in request.files) and not uploading:
        return "complete"
    if uploading:
        return "uploading"
    if request.finished_at:
        return "finished with no files accepted"
    if request.expires_at <= now:
        return "expired"
    if request.opened_at:
        return "opened"
    return "sent" if request.sent_at else "created"


def revoke(session: Session, *, request: UploadRequest, actor: str, source_ip: str | None) -> None:
    if request.revoked_at is None:
        request.revoked_at = utcnow()
        _audit(session, request, "evidence.link_revoked", actor, source_ip)
        session.flush()


def extend(
    session: Session, *, request: UploadRequest, days: int, actor: str, source_ip: str | None
) -> None:
    if not 1 <= days <= MAX_EXPIRY_DAYS:
        raise InvalidRequest("Extend by between 1 and 30 days", field="days")
    if request.revoked_at is not None:
        raise InvalidRequest("A cancelled link cannot be extended; create a new one")
    start = max(request.expires_at, utcnow())
    request.expires_at = min(start + dt.timedelta(days=days), utcnow() + dt.timedelta(days=60))
    _audit(
        session,
        request,
        "evidence.link_extended",
        actor,
        source_ip,
        {"expires_at": request.expires_at.isoformat()},
    )
    session.flush()


class BadLinkLimiter:
    """Counts bad link attempts per address in a sliding window (per process)."""

    def __init__(self, limit: int, window_seconds: float = 600.0) -> None:
        self.limit = limit
        self.window = window_seconds
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(
        self,
        address: str,
        message: str = "Too many attempts with links that do not work. Wait 10 minutes.",
    ) -> None:
        with self._lock:
            times = self._recent(address)
            if len(times) >= self.limit:
                raise TooManyRequests(message)

    def failed(self, address: str) -> None:
        with self._lock:
            self._recent(address).append(time.monotonic())

    def _recent(self, address: str) -> deque[float]:
        times = self._seen.setdefault(address, deque())
        while times and times[0] < time.monotonic() - self.window:
            times.popleft()
        return times


def request_for_link(
    session: Session,
    *,
    settings: Settings,
    token_value: str,
    limiter: BadLinkLimiter,
    source_ip: str | None,
    for_update: bool = False,
) -> UploadRequest:
    """The request a link token opens, if it still may be used; typed errors otherwise.

    Only values we did not sign count against the address: a signed token cannot be a guess,
    so people sharing an address with someone trying bad links can still use theirs."""
    address = source_ip or "-"
    token = tokens.read(settings.secret(), token_value)
    if token is None:
        limiter.check(address)
        limiter.failed(address)
        raise _invalid_link()
    query = select(UploadRequest).where(UploadRequest.public_id == token.request_public_id)
    if for_update:
        query = query.with_for_update()
    found = session.execute(query).scalar_one_or_none()
    if found is None or not _opens(token, found):
        raise _invalid_link()
    check_usable(found)
    return found


def _opens(token: tokens.LinkToken, request: UploadRequest) -> bool:
    if token.by_code:
        return request.short_code_digest is not None
    return request.token_digest == token.digest


def _invalid_link() -> LinkInvalid:
    return LinkInvalid(
        "Check you copied the whole link from the message. If it still does not work, "
        "contact the investigator who asked for the footage."
    )


def check_usable(request: UploadRequest, now: dt.datetime | None = None) -> None:
    now = now or utcnow()
    ask = "Contact the investigator who asked for the footage if you still need to send it."
    if request.revoked_at is not None:
        raise LinkRevoked(f"The police have cancelled this link. {ask}")
    if request.single_use and request.finished_at is not None:
        raise LinkUsed(f"Footage has already been sent with this link. {ask}")
    if request.expires_at <= now:
        raise LinkExpired(f"This link stopped working on {date_text(request.expires_at)}. {ask}")


def record_opened(session: Session, *, request: UploadRequest, source_ip: str | None) -> None:
    if request.opened_at is None:
        request.opened_at = utcnow()
        _audit(session, request, "evidence.link_opened", "public", source_ip)
        session.flush()


@dataclass(frozen=True)
class Statement:
    name: str
    contact: str
    recorded_when: str
    recorded_where: str
    clock_offset: str
    details: str
    consent: bool


class StatementLocked(Conflict):
    title = "Your statement has already been sent"


def record_statement(
    session: Session, *, request: UploadRequest, statement: Statement, source_ip: str | None
) -> None:
    if request.finished_at is not None:
        raise StatementLocked(
            "You told us you had finished, so your statement is kept as you gave it. To add "
            "to it or correct it, contact the investigator who asked for the footage."
        )
    checks = [
        (statement.name.strip(), "Enter your full name", "name"),
        (
            statement.contact.strip(),
            "Enter an email address or phone number we can reach you on",
            "contact",
        ),
        (statement.recorded_when.strip(), "Tell us when the footage was recorded", "recorded_when"),
        (statement.recorded_where.strip(), "Tell us where the camera is", "recorded_where"),
        (statement.consent, "Confirm you agree to us using the footage", "consent"),
    ]
    for value, message, field in checks:
        if not value:
            raise InvalidRequest(message, field=field)
    request.uploader_name = statement.name.strip()[:200]
    request.uploader_contact = statement.contact.strip()[:320]
    request.statement = {
        "recorded_when": statement.recorded_when.strip()[:500],
        "recorded_where": statement.recorded_where.strip()[:500],
        "clock_offset": statement.clock_offset.strip()[:500],
        "details": statement.details.strip()[:5000],
    }
    request.consented_at = utcnow()
    version = StatementVersion(
        version=len(request.statements) + 1,
        name=request.uploader_name,
        contact=request.uploader_contact,
        statement=dict(request.statement),
        given_at=request.consented_at,
    )
    request.statements.append(version)
    _audit(
        session,
        request,
        "evidence.statement_given",
        "public",
        source_ip,
        {"version": version.version},
    )
    session.flush()


def finish(session: Session, *, request: UploadRequest, source_ip: str | None) -> None:
    if request.finished_at is None:
        request.finished_at = utcnow()
        _audit(
            session,
            request,
            "evidence.uploader_finished",
            "public",
            source_ip,
            {"files": len([f for f in request.files if f.status == "complete"])},
        )
        session.flush()
