"""Need-to-know for upload requests: who may see and change one.

A request, with its witness's name, contact details, statement and footage, belongs to the
investigator who created it and to the case team they (or the team) add people to. A supervisor
may open someone else's request only after stating why; the reason lasts REASON_LASTS, and every
read it allows (the request page, each file viewed or downloaded, an export) is audited with it.
Everyone else is refused plainly. Lists show only requests the user may open, except that a
supervisor searching for a reference also sees which other teams' requests match (reference,
creator and date only), so they know what they could ask to open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from synergy.core import audit
from synergy.core.db import utcnow
from synergy.core.errors import Forbidden, InvalidRequest
from synergy.core.principal import Principal
from synergy.core.roles import Role
from synergy.evidence.models import StatedReason, TeamMember, UploadRequest
from synergy.evidence.service import get_request
from synergy.identity import service as identity

REASON_LASTS = dt.timedelta(hours=8)
MAX_REASON = 1000


class NotYourRequest(Forbidden):
    title = "This CCTV request belongs to another case team"


class ReasonNeeded(Forbidden):
    title = "Say why you need to open this CCTV request"


@dataclass(frozen=True)
class Access:
    """A request the user may read, and the stated reason that lets them (None: their team)."""

    request: UploadRequest
    reason: StatedReason | None


def on_team(request: UploadRequest, username: str) -> bool:
    return request.created_by == username or any(m.username == username for m in request.team)


def _refuse(request: UploadRequest) -> NotYourRequest:
    return NotYourRequest(
        f"Only {request.created_by}, who asked for this footage, and the case team they added "
        "can see it. Ask them to add you to the case team."
    )


def current_reason(
    session: Session, *, request: UploadRequest, username: str
) -> StatedReason | None:
    return session.execute(
        select(StatedReason)
        .where(
            StatedReason.request_id == request.id,
            StatedReason.username == username,
            StatedReason.expires_at > utcnow(),
        )
        .order_by(StatedReason.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def for_reading(session: Session, *, request: UploadRequest, user: Principal) -> Access:
    """The user's access to read `request`; NotYourRequest or ReasonNeeded otherwise."""
    if on_team(request, user.username):
        return Access(request, None)
    if Role.SUPERVISOR in user.roles:
        reason = current_reason(session, request=request, username=user.username)
        if reason is not None:
            return Access(request, reason)
        raise ReasonNeeded("This request belongs to another case team. Say why you need it.")
    raise _refuse(request)


def readable(session: Session, *, public_id: str, user: Principal) -> Access:
    return for_reading(session, request=get_request(session, public_id=public_id), user=user)


def changeable(session: Session, *, public_id: str, user: Principal) -> UploadRequest:
    """A request the user may change (revoke, extend, manage the team): creator or team only."""
    request = get_request(session, public_id=public_id)
    if not on_team(request, user.username):
        raise _refuse(request)
    return request


def record_read(
    session: Session, *, access: Access, user: Principal, what: str, source_ip: str | None
) -> None:
    """Audit a read allowed by a stated reason (the team's own reads need no reason)."""
    if access.reason is None:
        return
    audit.record(
        session,
        action="evidence.read_with_reason",
        actor=user.username,
        target_type="upload_request",
        target_id=access.request.public_id,
        source_ip=source_ip,
        details={
            "reference": access.request.reference,
            "read": what,
            "reason": access.reason.reason,
        },
    )


def state_reason(
    session: Session,
    *,
    public_id: str,
    user: Principal,
    reason: str,
    source_ip: str | None,
) -> StatedReason:
    request = get_request(session, public_id=public_id)
    if Role.SUPERVISOR not in user.roles:
        raise _refuse(request)
    text = " ".join(reason.split())
    if len(text) < 10:
        raise InvalidRequest(
            "Say why you need to open this request, in at least 10 characters", field="reason"
        )
    if len(text) > MAX_REASON:
        raise InvalidRequest("The reason must be 1000 characters or fewer", field="reason")
    stated = StatedReason(
        request_id=request.id,
        username=user.username,
        reason=text,
        expires_at=utcnow() + REASON_LASTS,
    )
    session.add(stated)
    session.flush()
    audit.record(
        session,
        action="evidence.reason_stated",
        actor=user.username,
        target_type="upload_request",
        target_id=request.public_id,
        source_ip=source_ip,
        details={"reference": request.reference, "reason": text},
    )
    return stated


def visible_requests(
    session: Session, *, user: Principal, reference: str | None = None
) -> list[UploadRequest]:
    """The requests the user created or is on the team of, newest first."""
    team = select(TeamMember.request_id).where(TeamMember.username == user.username)
    query = (
        select(UploadRequest)
        .where(or_(UploadRequest.created_by == user.username, UploadRequest.id.in_(team)))
        .order_by(UploadRequest.created_at.desc())
        .limit(200)
    )
    if reference:
        query = query.where(UploadRequest.reference == reference)
    return list(session.execute(query).scalars())


def other_teams_requests(
    session: Session, *, user: Principal, reference: str
) -> list[UploadRequest]:
    """For a supervisor's search: other teams' requests for `reference` they could open."""
    if Role.SUPERVISOR not in user.roles:
        return []
    mine = {r.id for r in visible_requests(session, user=user, reference=reference)}
    query = (
        select(UploadRequest)
        .where(UploadRequest.reference == reference)
        .order_by(UploadRequest.created_at.desc())
        .limit(200)
    )
    return [r for r in session.execute(query).scalars() if r.id not in mine]


def add_member(
    session: Session,
    *,
    request: UploadRequest,
    username: str,
    actor: str,
    source_ip: str | None,
) -> TeamMember:
    wanted = username.strip().lower()
    if not wanted:
        raise InvalidRequest("Enter the username of the colleague to add", field="username")
    account = identity.get_by_username(session, username=wanted)
    if account is None or not account.active or Role.INVESTIGATOR not in account.roles:
        raise InvalidRequest(
            "There is no investigator with that username. Check it with them.",
            field="username",
        )
    if on_team(request, account.username):
        raise InvalidRequest(f"{account.username} is already on the case team", field="username")
    member = TeamMember(request=request, username=account.username, added_by=actor)
    session.add(member)
    session.flush()
    _audit_team(session, request, "evidence.team_member_added", actor, account.username, source_ip)
    return member


def remove_member(
    session: Session,
    *,
    request: UploadRequest,
    username: str,
    actor: str,
    source_ip: str | None,
) -> None:
    member = next((m for m in request.team if m.username == username), None)
    if member is None:
        raise InvalidRequest(f"{username} is not on the case team")
    request.team.remove(member)
    session.delete(member)
    session.flush()
    _audit_team(session, request, "evidence.team_member_removed", actor, username, source_ip)


def _audit_team(
    session: Session,
    request: UploadRequest,
    action: str,
    actor: str,
    member: str,
    source_ip: str | None,
) -> None:
    audit.record(
        session,
        action=action,
        actor=actor,
        target_type="upload_request",
        target_id=request.public_id,
        source_ip=source_ip,
        details={"reference": request.reference, "member": member},
    )
