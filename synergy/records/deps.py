"""Records' role aliases and shared request dependencies (pages and JSON API)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated

from fastapi import Request
from sqlalchemy.orm import Session

from synergy.core.deps import RecordId, allow
from synergy.core.principal import Principal
from synergy.core.roles import Role
from synergy.records.schemas import PersonCheck, SubjectLink

RecordsOfficer = Annotated[Principal, allow(Role.RECORDS_OFFICER)]
RecordsReader = Annotated[Principal, allow(Role.RECORDS_OFFICER, Role.SUPERVISOR)]
PersonId = RecordId
VehicleId = RecordId
PlaceId = RecordId

PersonChecks = Callable[[Session, int], Sequence[PersonCheck]]


def person_checks_for(request: Request) -> PersonChecks | None:
    """What another service plugged in with `synergy.records.service.show_person_checks`."""
    provider: PersonChecks | None = getattr(request.app.state, "records_person_checks", None)
    return provider


SubjectLinks = Callable[[Session, str, int], Sequence[SubjectLink]]


def subject_links_for(request: Request) -> SubjectLinks | None:
    """What another service plugged in with `synergy.records.service.show_subject_links`."""
    provider: SubjectLinks | None = getattr(request.app.state, "records_subject_links", None)
    return provider
