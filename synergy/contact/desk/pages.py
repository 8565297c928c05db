"""The agent desktop's pages: the live queue, a call (take it, talk, note, raise or link an
incident, book a callback, close it with an outcome), "my calls" and staff skills.

Every form posts and redirects back to the page it came from; a form with a problem is shown
again with an error summary and what was typed.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from synergy.contact import service
from synergy.contact.deps import CallId
from synergy.contact.desk import callbacks, desktop, incidents, queue, skills, summary
from synergy.contact.desk.deps import DeskStaff
from synergy.core.db import utcnow
from synergy.core.deps import FormFields, RecordId, SessionDep, client_ip
from synergy.core.errors import InvalidRequest
from synergy.core.principal import Principal
from synergy.core.web import redirect, render

router = APIRouter(prefix="/contact")


@router.get("", response_class=HTMLResponse, summary="Calls waiting for a person")
def queue_page(request: Request, db: SessionDep, user: DeskStaff) -> Response:
    context = {
        "title": "Calls waiting for a person",
        "live_since": queue.fingerprint(db),  # read first: a change after it is then sent
        "rows": queue.rows_for(db, username=user.username),
        "due_callbacks": len(callbacks.due_callbacks(db)),
        "my_skills": [skills.skill_label(s) for s in skills.skills_of(db, username=user.username)],
    }
    return render(request, "contact/desk/queue.html", context)


@router.get("/queue/rows", summary="The queue's rows (for live pages)")
def queue_rows(request: Request, db: SessionDep, user: DeskStaff) -> Response:
    rows = queue.rows_for(db, username=user.username)
    return render(request, "contact/desk/queue_rows.html", {"rows": rows})


def _desktop_context(
    db: SessionDep, user: Principal, call_id: int, source_ip: str | None
) -> dict[str, Any]:
    call = service.view_call(db, call_id=call_id, actor=user.username, source_ip=source_ip)
    entries = desktop.entries_for(db, call_id=call.id)
    return {
        "title": f"Call {call.id}",
        "call": call,
        "live_since": service.fingerprint_of(call),
        "mine": call.taken_by == user.username,
        "thrive": summary.thrive(call),
        "evidence": summary.risk_evidence(call),
        "safety": summary.safety_answers(call),
        "callback_phone": summary.callback_number(call),
        "entries": entries,
        "incidents": incidents.incidents_of(entries).items,
        "outcome": desktop.outcome_for(db, call_id=call.id),
        "callbacks": callbacks.callbacks_for_call(db, call_id=call.id),
        "closing_codes": desktop.CLOSING_CODES,
        "due_in": callbacks.DUE_IN_MINUTES,
        "needs": [skills.skill_label(s) for s in skills.needed_skills(call)],
        "values": {},
    }


@router.get("/calls/{call_id}", response_class=HTMLResponse, summary="A call on the agent desktop")
def call_page(request: Request, db: SessionDep, user: DeskStaff, call_id: CallId) -> Response:
    context = _desktop_context(db, user, call_id, client_ip(request))
    return render(request, "contact/desk/call.html", context)


@router.get(
    "/calls/{call_id}/transcript",
    summary="A call's transcript (for live pages)",
)
def call_transcript(request: Request, db: SessionDep, user: DeskStaff, call_id: CallId) -> Response:
    call = service.view_call(db, call_id=call_id, actor=user.username, source_ip=client_ip(request))
    return render(request, "contact/desk/transcript.html", {"call": call})


@router.post("/calls/{call_id}/take", summary="Take a waiting call")
def take_call(request: Request, db: SessionDep, user: DeskStaff, call_id: CallId) -> Response:
    queue.check_may_take(db, call_id=call_id, username=user.username)
    service.take_call(db, call_id=call_id, actor=user.username, source_ip=client_ip(request))
    return redirect(f"/contact/calls/{call_id}")


def _act(
    request: Request,
    db: SessionDep,
    user: Principal,
    call_id: int,
    form: dict[str, str],
    action: Any,
    anchor: str,
) -> Response:
    """Run one desktop action; on a problem, the desktop again with the error and what was typed."""
    savepoint = db.begin_nested()
    try:
        action()
        savepoint.commit()
    except InvalidRequest as problem:
        savepoint.rollback()
        context = _desktop_context(db, user, call_id, client_ip(request))
        field = problem.field or anchor
        context.update(
            errors=[{"text": problem.message, "href": f"#{field}"}],
            field_errors={field: problem.message},
            values=form,
        )
        return render(request, "contact/desk/call.html", context, status_code=problem.status_code)
    return redirect(f"/contact/calls/{call_id}#{anchor}")


@router.post("/calls/{call_id}/messages", summary="Send the web chat caller a message")
def send_message(
    request: Request, db: SessionDep, user: DeskStaff, call_id: CallId, form: FormFields
) -> Response:
    def send() -> None:
        desktop.send_to_caller(
            db, call_id=call_id, agent=user.username, text=form.get("message", "")
        )

    return _act(request, db, user, call_id, form, send, "message")


@router.post("/calls/{call_id}/notes", summary="Add a note to a call")
def add_note(
    request: Request, db: SessionDep, user: DeskStaff, call_id: CallId, form: FormFields
) -> Response:
    def note() -> None:
        desktop.add_note(db, call_id=call_id, agent=user.username, text=form.get("note", ""))

    return _act(request, db, user, call_id, form, note, "note")


@router.post("/calls/{call_id}/incident", summary="Raise an incident for command and control")
def raise_incident(
    request: Request, db: SessionDep, user: DeskStaff, call_id: CallId, form: FormFields
) -> Response:
    def raise_it() -> None:
        desktop.raise_incident(
            db, call_id=call_id, agent=user.username, text=form.get("incident-note", "")
        )

    return _act(request, db, user, call_id, form, raise_it, "incident-note")


@router.post("/calls/{call_id}/incident-link", summary="Link the call to an existing incident")
def link_incident(
    request: Request, db: SessionDep, user: DeskStaff, call_id: CallId, form: FormFields
) -> Response:
    def link() -> None:
        desktop.link_incident(
            db, call_id=call_id, agent=user.username, log_number=form.get("log-number", "")
        )

    return _act(request, db, user, call_id, form, link, "log-number")


@router.post("/calls/{call_id}/callbacks", summary="Book a callback")
def book_callback(
    request: Request, db: SessionDep, user: DeskStaff, call_id: CallId, form: FormFields
) -> Response:
    def book() -> None:
        minutes = form.get("due-in", "")
        if not minutes.isascii() or not minutes.isdigit():
            raise InvalidRequest("Choose when the callback is due", field="due-in")
        callbacks.book(
            db,
            call_id=call_id,
            agent=user.username,
            phone=form.get("phone", ""),
            due_in_minutes=int(minutes),
            reason=form.get("reason", ""),
        )

    return _act(request, db, user, call_id, form, book, "phone")


@router.post("/calls/{call_id}/outcome", summary="Close the call with an outcome")
def close_call(
    request: Request, db: SessionDep, user: DeskStaff, call_id: CallId, form: FormFields
) -> Response:
    def close() -> None:
        code = form.get("closing-code", "")
        if code not in desktop.CLOSING_CODES:
            raise InvalidRequest("Choose a closing code", field="closing-code")
        desktop.record_outcome(
            db,
            call_id=call_id,
            agent=user.username,
            closing_code=code,
            text=form.get("outcome", ""),
        )

    return _act(request, db, user, call_id, form, close, "closing-code")


@router.get("/my-calls", response_class=HTMLResponse, summary="Calls I have taken")
def my_calls(request: Request, db: SessionDep, user: DeskStaff) -> Response:
    context = {
        "title": "My calls",
        "calls": desktop.my_calls(db, agent=user.username),
        "closing_codes": desktop.CLOSING_CODES,
    }
    return render(request, "contact/desk/my_calls.html", context)


@router.get("/skills", response_class=HTMLResponse, summary="My skills")
def skills_page(request: Request, db: SessionDep, user: DeskStaff) -> Response:
    context = {
        "title": "Your skills",
        "all_skills": skills.all_skills(),
        "mine": skills.skills_of(db, username=user.username),
    }
    return render(request, "contact/desk/skills.html", context)


@router.post("/skills", summary="Change my skills")
def save_skills(
    db: SessionDep,
    user: DeskStaff,
    chosen: Annotated[list[str] | None, Form(alias="skills")] = None,
) -> Response:
    skills.set_skills(db, username=user.username, skills=(chosen or [])[:100])
    return redirect("/contact/skills?saved=1")


@router.get("/callbacks", response_class=HTMLResponse, summary="Callbacks to make")
def callbacks_page(request: Request, db: SessionDep, _: DeskStaff) -> Response:
    context = {"title": "Callbacks", "callbacks": callbacks.due_callbacks(db), "now": utcnow()}
    return render(request, "contact/desk/callbacks.html", context)


def _callback_context(db: SessionDep, callback_id: int) -> dict[str, Any]:
    callback = callbacks.get_callback(db, callback_id=callback_id)
    return {
        "title": f"Callback {callback.id}",
        "callback": callback,
        "results": callbacks.RESULTS,
        "attempts": callbacks.attempts_of(db, callback_id=callback.id),
    }


@router.get("/callbacks/{callback_id}", response_class=HTMLResponse, summary="A callback")
def callback_page(
    request: Request, db: SessionDep, _: DeskStaff, callback_id: RecordId
) -> Response:
    return render(request, "contact/desk/callback.html", _callback_context(db, callback_id))


@router.post("/callbacks/{callback_id}/attempts", summary="Record a callback attempt")
def callback_attempt(
    request: Request, db: SessionDep, user: DeskStaff, callback_id: RecordId, form: FormFields
) -> Response:
    result = form.get("result", "")
    if result not in callbacks.RESULTS:
        context = _callback_context(db, callback_id)
        message = "Choose what happened when you called"
        context.update(
            errors=[{"text": message, "href": "#result"}], field_errors={"result": message}
        )
        return render(request, "contact/desk/callback.html", context, status_code=422)
    callbacks.record_attempt(
        db, callback_id=callback_id, agent=user.username, result=result, note=form.get("note", "")
    )
    return redirect(f"/contact/callbacks/{callback_id}")
