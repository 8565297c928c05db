"""JSON API for records officers: people and their arrests."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from synergy.core.deps import SessionDep
from synergy.records import service
from synergy.records.deps import PersonId, RecordsOfficer, RecordsReader
from synergy.records.schemas import ArrestIn, ArrestOut, PersonIn, PersonOut

router = APIRouter(prefix="/api/records", tags=["records"])


@router.get("/persons", summary="Find people by name", response_model=list[PersonOut])
def list_persons(
    db: SessionDep, _: RecordsReader, q: Annotated[str, Query(max_length=100)] = ""
) -> list[PersonOut]:
    return [PersonOut.model_validate(p) for p in service.search_persons(db, text=q)]


@router.post("/persons", status_code=201, summary="Create a person", response_model=PersonOut)
def create_person(db: SessionDep, user: RecordsOfficer, body: PersonIn) -> PersonOut:
    return PersonOut.model_validate(service.create_person(db, body, actor=user.username))


@router.get("/persons/{person_id}", summary="One person", response_model=PersonOut)
def get_person(db: SessionDep, _: RecordsReader, person_id: PersonId) -> PersonOut:
    return PersonOut.model_validate(service.get_person(db, person_id=person_id))


@router.get(
    "/persons/{person_id}/arrests", summary="A person's arrests", response_model=list[ArrestOut]
)
def list_arrests(db: SessionDep, _: RecordsReader, person_id: PersonId) -> list[ArrestOut]:
    service.get_person(db, person_id=person_id)
    return [
        ArrestOut.model_validate(a) for a in service.arrests_for_person(db, person_id=person_id)
    ]


@router.post(
    "/persons/{person_id}/arrests",
    status_code=201,
    summary="Record an arrest (publishes records.arrest_recorded)",
    response_model=ArrestOut,
)
def record_arrest(
    db: SessionDep, user: RecordsOfficer, person_id: PersonId, body: ArrestIn
) -> ArrestOut:
    arrest = service.record_arrest(db, person_id=person_id, data=body, actor=user.username)
    return ArrestOut.model_validate(arrest)
