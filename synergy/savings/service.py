"""The savings register's contracts: create, change, sign off, list; each change kept.

The only API other modules may call for contracts. Functions flush and never commit: the
request, command or import that calls them decides. Every change writes a
`ContractChange` row (who, when, each field's old and new value) and an audit record.
Changing a figure, a date or the evidence of a signed-off saving withdraws its sign-offs: a
saving counts only as it was signed off.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, select
from sqlalchemy.orm import Session

from synergy.core import audit
from synergy.core.db import utcnow
from synergy.core.errors import Conflict, InvalidRequest, NotFound
from synergy.savings.models import Contract, ContractChange
from synergy.savings.schemas import ContractFields

SIGN_OFF_FIELDS = (
    "budget_holder_signed_by",
    "budget_holder_signed_on",
    "finance_signed_by",
    "finance_signed_on",
)
# Changing any other field of a signed-off contract (apart from notes) withdraws the sign-offs.
_NEUTRAL_FIELDS = {"notes", *SIGN_OFF_FIELDS}


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _record(
    session: Session,
    contract: Contract,
    *,
    action: str,
    actor: str,
    changes: dict[str, list[Any]],
) -> None:
    session.add(
        ContractChange(contract_id=contract.id, action=action, changed_by=actor, changes=changes)
    )
    audit.record(
        session,
        action=f"savings.contract_{action}",
        actor=actor,
        target_type="savings_contract",
        target_id=contract.id,
        details={"reference": contract.reference, "fields": sorted(changes)},
    )


def find_by_reference(session: Session, *, reference: str) -> Contract | None:
    return session.execute(
        select(Contract).where(Contract.reference == reference)
    ).scalar_one_or_none()


def create_contract(
    session: Session, *, data: ContractFields, actor: str, action: str = "created"
) -> Contract:
    if find_by_reference(session, reference=data.reference) is not None:
        raise Conflict(f"A contract with reference {data.reference} is already in the register")
    contract = Contract(created_by=actor, **data.as_dict())
    session.add(contract)
    session.flush()
    changes = {k: [None, _plain(v)] for k, v in data.as_dict().items() if v not in (None, "")}
    _record(session, contract, action=action, actor=actor, changes=changes)
    session.flush()
    return contract


def update_contract(
    session: Session, *, contract_id: int, data: ContractFields, actor: str, action: str = "updated"
) -> Contract:
    """Apply the new fields; returns the contract (unchanged fields write nothing)."""
    contract = get_contract(session, contract_id=contract_id)
    if data.reference != contract.reference:
        other = find_by_reference(session, reference=data.reference)
        if other is not None:
            raise Conflict(f"A contract with reference {data.reference} is already in the register")
    new = data.as_dict()
    changes = {
        name: [_plain(getattr(contract, name)), _plain(value)]
        for name, value in new.items()
        if getattr(contract, name) != value
    }
    if not changes:
        return contract
    was_signed = contract.signed_off
    if was_signed and set(changes) - _NEUTRAL_FIELDS:
        for name in SIGN_OFF_FIELDS:
            if name not in changes:
                new[name] = None
                changes[name] = [_plain(getattr(contract, name)), None]
    for name, value in new.items():
        setattr(contract, name, value)
    if "finance_signed_by" in changes:
        contract.finance_signer_name = None  # kept only for a sign-off made on the page
    contract.updated_at = utcnow()
    _record(session, contract, action=action, actor=actor, changes=changes)
    session.flush()
    return contract


def sign_off(
    session: Session,
    *,
    contract_id: int,
    who: str,
    budget_holder: str,
    on: dt.date,
    actor: str,
    finance_officer: bool,
    actor_name: str = "",
) -> Contract:
    """Record one sign-off: the budget holder's (`who='budget_holder'`, their name given) or
    finance's (`who='finance'`: the signed-in user, who must hold the finance role; an
    administrator may keep the register but cannot sign for finance). Needs the evidence
    reference first. The two must be different people: finance cannot sign a saving whose
    budget holder they are named as (by username or `actor_name`, the signed-in user's name),
    and the budget holder named cannot be the person who signed for finance."""
    contract = get_contract(session, contract_id=contract_id)
    if not contract.evidence_reference.strip():
        raise InvalidRequest(
            "Add the evidence reference before signing off: a saving counts only with evidence",
            field="evidence_reference",
        )
    if on > dt.date.today():
        raise InvalidRequest("The sign-off date cannot be in the future", field="on-day")
    if who == "budget_holder":
        name = budget_holder.strip()
        if not name or len(name) > 200:
            raise InvalidRequest("Enter the budget holder's name", field="budget_holder")
        if contract.finance_signed_by and _same_person(
            name, {contract.finance_signed_by, contract.finance_signer_name or ""}
        ):
            raise InvalidRequest(
                f"{name} signed this saving off for finance; the budget holder's sign-off must "
                "come from someone else",
                field="budget_holder",
            )
        fields = {"budget_holder_signed_by": name, "budget_holder_signed_on": on}
    elif who == "finance":
        if not finance_officer:
            raise InvalidRequest("Only a finance officer can sign off for finance", field="who")
        if contract.budget_holder_signed_by and _same_person(
            contract.budget_holder_signed_by, {actor, actor_name}
        ):
            raise InvalidRequest(
                "You signed this saving off as its budget holder; finance's sign-off must come "
                "from someone else",
                field="who",
            )
        fields = {"finance_signed_by": actor, "finance_signed_on": on}
        contract.finance_signer_name = actor_name.strip()[:200] or None
    else:
        raise InvalidRequest("Choose who is signing off", field="who")
    changes = {k: [_plain(getattr(contract, k)), _plain(v)] for k, v in fields.items()}
    for name, value in fields.items():
        setattr(contract, name, value)
    contract.updated_at = utcnow()
    _record(session, contract, action="signed_off", actor=actor, changes=changes)
    session.flush()
    return contract


def _plain_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def _same_person(name: str, names_of_other: set[str]) -> bool:
    """Names are all a sign-off keeps, so two are the same person when they read the same
    (case and spacing aside)."""
    mine = _plain_name(name)
    return bool(mine) and any(mine == _plain_name(other) for other in names_of_other if other)


def get_contract(session: Session, *, contract_id: int) -> Contract:
    contract = session.get(Contract, contract_id)
    if contract is None:
        raise NotFound(f"There is no contract {contract_id} in the register")
    return contract


def list_contracts(session: Session) -> list[Contract]:
    return list(
        session.execute(select(Contract).order_by(Contract.application, Contract.reference))
        .scalars()
        .all()
    )


def history(session: Session, *, contract_id: int) -> list[ContractChange]:
    return list(
        session.execute(
            select(ContractChange)
            .where(ContractChange.contract_id == contract_id)
            .order_by(ContractChange.id.desc())
        )
        .scalars()
        .all()
    )


_DATE_FIELDS = {
    name for name, column in Contract.__table__.columns.items() if isinstance(column.type, Date)
}


def contracts_as_they_were(session: Session, *, at: dt.datetime) -> list[Contract]:
    """The register as it stood at `at`, rebuilt from each contract's change history (every
    change keeps each field's new value), so a final report stays checked against the items
    it was finalised on. The contracts returned are detached copies, never saved."""
    states: dict[int, dict[str, Any]] = {}
    rows = session.execute(
        select(ContractChange).where(ContractChange.changed_at <= at).order_by(ContractChange.id)
    ).scalars()
    for change in rows:
        state = states.setdefault(change.contract_id, {})
        for name, (_, new) in change.changes.items():
            state[name] = dt.date.fromisoformat(new) if new and name in _DATE_FIELDS else new
    defaults = {"implementation_cost_pence": 0, "evidence_reference": "", "notes": ""}
    contracts = [
        Contract(id=contract_id, **{**defaults, **state}) for contract_id, state in states.items()
    ]
    return sorted(contracts, key=lambda c: (c.application, c.reference))


def next_reference(session: Session) -> str:
    count = len(session.execute(select(Contract.id)).all())
    return f"SAV-{count + 1:04d}"
