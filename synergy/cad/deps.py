"""Who may do what in command and control (one place for the service's access rules).

- Controllers and supervisors run the board: grade, assign, merge, close, manage units.
- Officers and contact agents raise incidents by hand and read and add to incident logs;
  officers see the incidents they are sent to and answer their tasks.
- Supervisors and investigators work the crime-recording queue; supervisors allocate tasks.
Every read of an incident's caller details is written to the audit log.
"""

from __future__ import annotations

from typing import Annotated

from synergy.core.deps import RecordId, allow
from synergy.core.principal import Principal as CurrentUser
from synergy.core.roles import Role

Controller = Annotated[CurrentUser, allow(Role.CONTROLLER, Role.SUPERVISOR)]
IncidentReader = Annotated[
    CurrentUser, allow(Role.CONTROLLER, Role.SUPERVISOR, Role.OFFICER, Role.CONTACT_AGENT)
]
Officer = Annotated[CurrentUser, allow(Role.OFFICER, Role.SUPERVISOR)]
CrimeRecorder = Annotated[CurrentUser, allow(Role.SUPERVISOR, Role.INVESTIGATOR)]
Supervisor = Annotated[CurrentUser, allow(Role.SUPERVISOR)]
IncidentId = RecordId
UnitId = RecordId
TaskId = RecordId
ReportId = RecordId


def can_run_board(user: CurrentUser) -> bool:
    return user.has_any(frozenset({Role.CONTROLLER, Role.SUPERVISOR}))
