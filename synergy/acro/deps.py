"""ACRO's role aliases, shared request dependencies, and its start-up hook."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI

from synergy.acro import service
from synergy.core.config import Settings
from synergy.core.deps import RecordId, allow
from synergy.core.principal import Principal
from synergy.core.roles import Role
from synergy.records import service as records

RecordsOfficer = Annotated[Principal, allow(Role.RECORDS_OFFICER)]
RecordsReader = Annotated[Principal, allow(Role.RECORDS_OFFICER, Role.SUPERVISOR)]
RequestId = RecordId


def show_checks_on_person_pages(app: FastAPI, _settings: Settings) -> None:
    """Start-up hook: a person's ACRO requests appear on their records page."""
    records.show_person_checks(app, service.person_checks)
