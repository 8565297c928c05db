"""Sending what an entry names to records, and finding it again: people, vehicles and places
go to records (pre-filled forms the officer confirms; records finds the one it holds or adds
it); the notebook keeps the links, shows each vehicle and place with the entries that named
it, and looks them up by registration, address or postcode."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from synergy.core.deps import FormWithFiles, SessionDep
from synergy.core.errors import SynergyError
from synergy.core.web import redirect, render
from synergy.notebook import service, subjects
from synergy.notebook.deps import ContextDep, EntryNumber, Officer, OfficerOrSupervisor
from synergy.notebook.links import POSTCODE
from synergy.notebook.mentions import find_mentions
from synergy.records import service as records

router = APIRouter()
SubjectId = Annotated[int, Path(ge=1, le=2_147_483_647)]
# Records' field names, and the ids of this page's fields (each form's number added).
FIELD_IDS = {"date_of_birth": "dob-day", "nationality": "nationalities"}


def _fields(form: Any) -> dict[str, str]:
    return {k: v for k, v in form.items() if isinstance(v, str)}


def _errors_for(errors: list[dict[str, str]], which: str) -> list[dict[str, str]]:
    """Point each error at the field of the form it came from (`which`: "1", "2"...)."""
    pointed = []
    for error in errors:
        field = error.get("href", "#").lstrip("#") or "family_name"
        pointed.append({**error, "href": f"#{FIELD_IDS.get(field, field)}-{which}"})
    return pointed


def _place_form(named: str) -> dict[str, str]:
    """A place as written ("12 High Street, Birmingham B3 2BS"), split for the form."""
    postcode = POSTCODE.search(named)
    address = named
    if postcode:
        address = (named[: postcode.start()] + named[postcode.end() :]).strip(" ,")
    return {"named": named, "address": address, "postcode": postcode.group() if postcode else ""}


def _records_page(
    request: Request,
    db: Any,
    context: ContextDep,
    user: Any,
    seq: int,
    *,
    form: dict[str, str] | None = None,
    errors: list[dict[str, str]] | None = None,
    status_code: int = 200,
) -> Response:
    view = service.entry_view(db, context.keyring, officer=user.username, seq=seq)
    found = find_mentions(view.content) if view.content else None
    entry_id = service.entry_row(db, officer=user.username, seq=seq).id
    return render(
        request,
        "notebook/records.html",
        {
            "title": f"Send entry {seq} to records",
            "entry": view,
            "mentions": found,
            "vehicles": [records.show_registration(v) for v in found.vehicles] if found else [],
            "places": [_place_form(p) for p in found.places] if found else [],
            "linked": subjects.subjects_of(db, [entry_id]).get(entry_id, []),
            "form": form or {},
            "errors": errors,
            "field_errors": {e["href"].lstrip("#"): e["text"] for e in errors or []},
        },
        status_code=status_code,
    )


@router.get(
    "/notebook/entries/{seq}/records", response_class=HTMLResponse, summary="Send names to records"
)
def mentions(
    request: Request, db: SessionDep, context: ContextDep, user: Officer, seq: EntryNumber
) -> Response:
    return _records_page(request, db, context, user, seq)


@router.post(
    "/notebook/entries/{seq}/records",
    response_class=HTMLResponse,
    summary="Add a person to records",
)
async def send_person(
    request: Request,
    db: SessionDep,
    context: ContextDep,
    user: Officer,
    seq: EntryNumber,
    form: FormWithFiles,
) -> Response:
    service.entry_row(db, officer=user.username, seq=seq)
    fields = _fields(form)
    which = fields.get("person", "1")
    data, errors = records.person_from_form(fields)
    if data is not None:
        try:
            person = records.create_person(db, data, actor=user.username)
            subjects.link_person(db, officer=user.username, seq=seq, person_id=person.id)
            return redirect(f"/notebook/entries/{seq}?sent=person")
        except SynergyError as exc:
            errors = [{"text": exc.message, "href": f"#{exc.field or 'family_name'}"}]
    return _records_page(
        request, db, context, user, seq, form=fields, errors=_errors_for(errors, which),
        status_code=422,
    )  # fmt: skip


@router.post(
    "/notebook/entries/{seq}/vehicles", response_class=HTMLResponse, summary="Link a vehicle"
)
async def send_vehicle(
    request: Request,
    db: SessionDep,
    context: ContextDep,
    user: Officer,
    seq: EntryNumber,
    form: FormWithFiles,
) -> Response:
    fields = _fields(form)
    try:
        subjects.send_vehicle(
            db, officer=user.username, seq=seq, registration=fields.get("registration", ""),
            make=fields.get("make", ""), model=fields.get("model", ""),
            colour=fields.get("colour", ""),
        )  # fmt: skip
    except SynergyError as exc:
        errors = [{"text": exc.message, "href": f"#{exc.field or 'registration'}"}]
        return _records_page(
            request, db, context, user, seq, form=fields,
            errors=_errors_for(errors, f"vehicle-{fields.get('vehicle', '1')}"), status_code=422,
        )  # fmt: skip
    return redirect(f"/notebook/entries/{seq}?sent=vehicle")


@router.post("/notebook/entries/{seq}/places", response_class=HTMLResponse, summary="Link a place")
async def send_place(
    request: Request,
    db: SessionDep,
    context: ContextDep,
    user: Officer,
    seq: EntryNumber,
    form: FormWithFiles,
) -> Response:
    fields = _fields(form)
    try:
        subjects.send_place(
            db, officer=user.username, seq=seq, address=fields.get("address", ""),
            postcode=fields.get("postcode", ""),
        )  # fmt: skip
    except SynergyError as exc:
        errors = [{"text": exc.message, "href": f"#{exc.field or 'address'}"}]
        return _records_page(
            request, db, context, user, seq, form=fields,
            errors=_errors_for(errors, f"place-{fields.get('place', '1')}"), status_code=422,
        )  # fmt: skip
    return redirect(f"/notebook/entries/{seq}?sent=place")


def _subject_page(
    request: Request, user: Any, *, title: str, facts: list[dict[str, Any]], namings: Any
) -> Response:
    return render(
        request,
        "notebook/subject.html",
        {"title": title, "facts": facts, "namings": namings, "viewer": user.username},
    )


@router.get("/notebook/vehicles/{vehicle_id}", response_class=HTMLResponse, summary="A vehicle")
def vehicle(
    request: Request, db: SessionDep, user: OfficerOrSupervisor, vehicle_id: SubjectId
) -> Response:
    found = records.get_vehicle(db, vehicle_id=vehicle_id)
    plate = records.show_registration(found.registration)
    facts = [
        {"key": {"text": "Registration"}, "value": {"text": plate}},
        {"key": {"text": "Make"}, "value": {"text": found.make or "Not given"}},
        {"key": {"text": "Model"}, "value": {"text": found.model or "Not given"}},
        {"key": {"text": "Colour"}, "value": {"text": found.colour or "Not given"}},
    ]
    return _subject_page(
        request, user, title=f"Vehicle {plate}", facts=facts,
        namings=subjects.namings(db, kind=subjects.VEHICLE, subject_id=found.id),
    )  # fmt: skip


@router.get("/notebook/places/{place_id}", response_class=HTMLResponse, summary="A place")
def place(
    request: Request, db: SessionDep, user: OfficerOrSupervisor, place_id: SubjectId
) -> Response:
    found = records.get_place(db, place_id=place_id)
    facts = [
        {"key": {"text": "Address"}, "value": {"text": found.address}},
        {"key": {"text": "Postcode"}, "value": {"text": found.postcode or "Not given"}},
    ]
    return _subject_page(
        request, user, title=f"Place: {records.describe_place(found)}", facts=facts,
        namings=subjects.namings(db, kind=subjects.PLACE, subject_id=found.id),
    )  # fmt: skip


@router.get("/notebook/lookup", response_class=HTMLResponse, summary="Find a vehicle or place")
def lookup(
    request: Request,
    db: SessionDep,
    _: OfficerOrSupervisor,
    q: Annotated[str, Query(max_length=100)] = "",
) -> Response:
    vehicles, places = subjects.lookup(db, text=q)
    return render(
        request,
        "notebook/lookup.html",
        {
            "title": "Find a vehicle or place",
            "q": q,
            "vehicles": vehicles,
            "places": places,
        },
    )
