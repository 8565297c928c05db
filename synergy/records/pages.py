"""Pages for records officers: find and create people, see a person, record an arrest."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from synergy.core.deps import FormFields, SessionDep
from synergy.core.errors import SynergyError
from synergy.core.roles import Role
from synergy.core.web import redirect, render
from synergy.records import service
from synergy.records.deps import PersonId, RecordsOfficer, RecordsReader, person_checks_for
from synergy.records.forms import arrest_from_form, person_from_form

router = APIRouter(prefix="/records")


@router.get("", response_class=HTMLResponse, summary="Find a person")
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
            "title": "Find a person",
            "q": q,
            "persons": service.search_persons(db, text=q),
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
