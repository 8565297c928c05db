"""Staff roles. A user holds one or more; every route names the roles that may use it."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OFFICER = "officer"
    CONTACT_AGENT = "contact_agent"
    SUPERVISOR = "supervisor"
    INVESTIGATOR = "investigator"
    RECORDS_OFFICER = "records_officer"
    FINANCE = "finance"
    ADMINISTRATOR = "administrator"
    CONTROLLER = "controller"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


ALL_ROLES: frozenset[Role] = frozenset(Role)


def parse_roles(text: str) -> frozenset[Role]:
    """'officer, supervisor' -> {Role.OFFICER, Role.SUPERVISOR}; unknown names are an error."""
    names = [part.strip().lower().replace(" ", "_") for part in text.split(",") if part.strip()]
    if not names:
        raise ValueError("give at least one role")
    known = {role.value for role in Role}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(
            f"unknown role(s): {', '.join(unknown)}; choose from {', '.join(sorted(known))}"
        )
    return frozenset(Role(name) for name in names)
