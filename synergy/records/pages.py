"""Pages for records officers: search people, vehicles and places; create people, see a
person, record an arrest; see a vehicle or place and what names it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from synergy.core.deps import FormFields, SessionDep
from synergy.core.errors import SynergyError
from synergy.core.roles import Role
from synergy.core.web import redirect, render
from synergy.records import service
from synergy.records.deps import (
    PersonId,
    PlaceId,
    RecordsOfficer,
    RecordsReader,
    VehicleId,
    person_checks_for,
    subject_links_for,
)
from synergy.records.forms import arrest_from_form, person_from_form

router = APIRouter(prefix="/records")


@router.get("", response_class=HTMLResponse, summary="Search records")
def persons(
    request: Request,
    db: SessionDep,
    user: RecordsReader,
    q: Annotated[str, Query(max_length=100)] = "",
) -> Response:
    return render(
        request,
        "records/persons.html",
        {
            "title": "Search records",
            "q": q,
            "persons": service.search_persons(db, text=q),
            "vehicles": [
                {"id": v.id, "label": service.describe_vehicle(v)}
                for v in service.search_vehicles(db, text=q)
            ],
            "places": [
                {"id": p.id, "label": service.describe_place(p)}
                for p in service.search_places(db, text=q)
            ],
            "can_edit": Role.RECORDS_OFFICER in user.roles,
        },
    )


@router.get("/persons/new", response_class=HTMLResponse, summary="New person form")
def new_person_form(request: Request, _: RecordsOfficer) -> Response:
    return render(request, "records/person_new.html", {"title": "Add a person", "form": {}})


@router.post("/persons/new", response_class=HTMLResponse, summary="Create a person")
def create_person(
    request: Request, db: SessionDep, user: RecordsOfficer, form: FormFields
) -> Response:
    data, errors = person_from_form(form)
    if data is not None:
        try:
            person = service.create_person(db, data, actor=user.username)
            return redirect(f"/records/persons/{person.id}")
        except SynergyError as exc:
            errors = [{"text": exc.message, "href": f"#{exc.field or 'family_name'}"}]
    return render(
        request,
        "records/person_new.html",
        {"title": "Add a person", "form": form, "errors": errors},
        status_code=422,
    )


@router.get("/persons/{person_id}", response_class=HTMLResponse, summary="A person's record")
def person(request: Request, db: SessionDep, user: RecordsReader, person_id: PersonId) -> Response:
    found = service.get_person(db, person_id=person_id)
    checks = person_checks_for(request)
    return render(
        request,
        "records/person.html",
        {
            "title": f"{found.given_names} {found.family_name}",
            "person": found,
            "arrests": service.arrests_for_person(db, person_id=person_id),
            "shows_checks": checks is not None,
            "checks": checks(db, person_id) if checks is not None else [],
            "can_edit": Role.RECORDS_OFFICER in user.roles,
            **_notebook_entries(request, db, "person", person_id, "them"),
        },
    )


@router.get(
    "/persons/{person_id}/arrests/new", response_class=HTMLResponse, summary="Record an arrest form"
)
def new_arrest_form(
    request: Request, db: SessionDep, _: RecordsOfficer, person_id: PersonId
) -> Response:
    found = service.get_person(db, person_id=person_id)
    return render(
        request,
        "records/arrest_new.html",
        {"title": "Record an arrest", "person": found, "form": {}},
    )


@router.post(
    "/persons/{person_id}/arrests/new", response_class=HTMLResponse, summary="Record an arrest"
)
def record_arrest(
    request: Request, db: SessionDep, user: RecordsOfficer, person_id: PersonId, form: FormFields
) -> Response:
    found = service.get_person(db, person_id=person_id)
    data, errors = arrest_from_form(form)
    if data is not None:
        try:
            service.record_arrest(db, person_id=person_id, data=data, actor=user.username)
            return redirect(f"/records/persons/{person_id}")
        except SynergyError as exc:
            errors = [{"text": exc.message, "href": f"#{exc.field or 'custody_number'}"}]
    return render(
        request,
        "records/arrest_new.html",
        {"title": "Record an arrest", "person": found, "form": form, "errors": errors},
        status_code=422,
    )


@router.get("/vehicles/{vehicle_id}", response_class=HTMLResponse, summary="A vehicle")
def vehicle(request: Request, db: SessionDep, _: RecordsReader, vehicle_id: VehicleId) -> Response:
    found = service.get_vehicle(db, vehicle_id=vehicle_id)
    facts = [
        ("Registration", service.show_registration(found.registration)),
        ("Make", found.make or "Not recorded"),
        ("Model", found.model or "Not recorded"),
        ("Colour", found.colour or "Not recorded"),
    ]
    title = f"Vehicle {service.show_registration(found.registration)}"
    return _subject_page(request, db, title, facts, found.created_by, "vehicle", found.id)


@router.get("/places/{place_id}", response_class=HTMLResponse, summary="A place")
def place(request: Request, db: SessionDep, _: RecordsReader, place_id: PlaceId) -> Response:
    found = service.get_place(db, place_id=place_id)
    facts = [("Address", found.address), ("Postcode", found.postcode or "Not recorded")]
    title = f"Place: {service.describe_place(found)}"
    return _subject_page(request, db, title, facts, found.created_by, "place", found.id)


def _subject_page(
    request: Request, db: SessionDep, title: str, facts: list[tuple[str, str]], added_by: str,
    kind: str, subject_id: int,
) -> Response:  # fmt: skip
    rows = [*facts, ("Added by", added_by)]
    return render(
        request,
        "records/subject.html",
        {
            "title": title,
            "rows": [{"key": {"text": k}, "value": {"text": v}} for k, v in rows],
            **_notebook_entries(request, db, kind, subject_id, "it"),
        },
    )


def _notebook_entries(
    request: Request, db: SessionDep, kind: str, subject_id: int, pronoun: str
) -> dict[str, Any]:
    """What another service says names this person, vehicle or place (notebook entries)."""
    links = subject_links_for(request)
    return {
        "shows_links": links is not None,
        "links": links(db, kind, subject_id) if links is not None else [],
        "links_heading": f"Notebook entries that name {pronoun}",
    }
