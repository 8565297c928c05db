"""JSON API for records officers: people and their arrests; vehicles and places (read only:
they are added from officers' notebooks)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from synergy.core.deps import SessionDep
from synergy.records import service
from synergy.records.deps import PersonId, PlaceId, RecordsOfficer, RecordsReader, VehicleId
from synergy.records.schemas import (
    ArrestIn,
    ArrestOut,
    PersonIn,
    PersonOut,
    PlaceOut,
    VehicleOut,
)

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


@router.get(
    "/vehicles", summary="Find vehicles by part of a registration", response_model=list[VehicleOut]
)
def list_vehicles(
    db: SessionDep, _: RecordsReader, q: Annotated[str, Query(max_length=100)] = ""
) -> list[VehicleOut]:
    return [VehicleOut.model_validate(v) for v in service.search_vehicles(db, text=q)]


@router.get("/vehicles/{vehicle_id}", summary="One vehicle", response_model=VehicleOut)
def get_vehicle(db: SessionDep, _: RecordsReader, vehicle_id: VehicleId) -> VehicleOut:
    return VehicleOut.model_validate(service.get_vehicle(db, vehicle_id=vehicle_id))


@router.get(
    "/places",
    summary="Find places by part of an address or postcode",
    response_model=list[PlaceOut],
)
def list_places(
    db: SessionDep, _: RecordsReader, q: Annotated[str, Query(max_length=100)] = ""
) -> list[PlaceOut]:
    return [PlaceOut.model_validate(p) for p in service.search_places(db, text=q)]


@router.get("/places/{place_id}", summary="One place", response_model=PlaceOut)
def get_place(db: SessionDep, _: RecordsReader, place_id: PlaceId) -> PlaceOut:
    return PlaceOut.model_validate(service.get_place(db, place_id=place_id))
