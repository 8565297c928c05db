"""The public's pages, opened from an upload link (or from its short code, typed at /upload):
what we ask for, a statement about the footage with consent, then the resumable upload page
(tus-js-client), then a thank-you page."""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from synergy.core.deps import BROWSER_COOKIE, SessionDep, client_ip, public
from synergy.core.errors import InvalidRequest, NotFound
from synergy.core.principal import Principal
from synergy.core.web import redirect, render
from synergy.evidence import service, short_codes, tokens
from synergy.evidence.deps import LinkHolder, Token, code_limits_for, limiter_for
from synergy.evidence.models import UploadRequest

router = APIRouter(prefix="/evidence")
# Short addresses, to be read out over the phone with a short code.
short = APIRouter()

Holder = LinkHolder
Anyone = Annotated[Principal | None, public("assets and messages for the public upload pages")]
STATIC = FilePath(__file__).resolve().parent / "static"


def _request(request: Request, db: SessionDep, token: str) -> UploadRequest:
    return service.request_for_link(
        db,
        settings=request.app.state.settings,
        token_value=token,
        limiter=limiter_for(request),
        source_ip=client_ip(request),
    )


def _statement_page(
    request: Request,
    upload_request: UploadRequest,
    token: str,
    form: dict[str, object],
    error: InvalidRequest | None = None,
) -> Response:
    errors = [{"text": error.message, "href": f"#{error.field or 'name'}"}] if error else []
    return render(
        request,
        "evidence/public_start.html",
        {
            "title": "Send CCTV footage to the police",
            "upload_request": upload_request,
            "token": token,
            "form": form,
            "errors": errors,
            "error_field": error.field if error else None,
        },
        status_code=422 if error else 200,
    )


@router.get("/upload/{token}", response_class=HTMLResponse, summary="Public upload: start")
def start(request: Request, db: SessionDep, _: Holder, token: Token) -> Response:
    upload_request = _request(request, db, token)
    service.record_opened(db, request=upload_request, source_ip=client_ip(request))
    if upload_request.finished_at is not None and upload_request.consented_at is not None:
        # The statement is kept as it was given; more files may still be sent.
        return redirect(f"/evidence/upload/{token}/files")
    form = {
        "name": upload_request.uploader_name or "",
        "contact": upload_request.uploader_contact or "",
        **(upload_request.statement or {}),
        "consent": upload_request.consented_at is not None,
    }
    return _statement_page(request, upload_request, token, form)


@router.post("/upload/{token}", response_class=HTMLResponse, summary="Public upload: statement")
def give_statement(
    request: Request,
    db: SessionDep,
    _: Holder,
    token: Token,
    name: Annotated[str, Form(max_length=200)] = "",
    contact: Annotated[str, Form(max_length=320)] = "",
    recorded_when: Annotated[str, Form(max_length=500)] = "",
    recorded_where: Annotated[str, Form(max_length=500)] = "",
    clock_offset: Annotated[str, Form(max_length=500)] = "",
    details: Annotated[str, Form(max_length=5000)] = "",
    consent: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    upload_request = _request(request, db, token)
    statement = service.Statement(
        name, contact, recorded_when, recorded_where, clock_offset, details, consent == "yes"
    )
    try:
        service.record_statement(
            db, request=upload_request, statement=statement, source_ip=client_ip(request)
        )
    except InvalidRequest as exc:
        return _statement_page(request, upload_request, token, {**statement.__dict__}, exc)
    return redirect(f"/evidence/upload/{token}/files")


def _code_page(
    request: Request, code: str = "", error: short_codes.CodeInvalid | None = None
) -> Response:
    return render(
        request,
        "evidence/public_code.html",
        {
            "title": "Enter your upload code",
            "code": code,
            "code_length": tokens.CODE_LENGTH,
            "errors": [{"text": error.message, "href": "#code"}] if error else [],
            "error": error.message if error else None,
        },
        status_code=422 if error else 200,
    )


@short.get("/upload", response_class=HTMLResponse, summary="Public upload: enter a short code")
def code_page(request: Request, _: Anyone) -> Response:
    return _code_page(request)


@short.get("/u", summary="Public upload: the shortest address for entering a code")
def code_shortcut(_: Anyone) -> Response:
    return redirect("/upload")


@short.post("/upload", response_class=HTMLResponse, summary="Public upload: open by short code")
def open_by_code(
    request: Request,
    db: SessionDep,
    _: Holder,
    code: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    try:
        upload_request = short_codes.request_for_code(
            db,
            settings=request.app.state.settings,
            code_text=code,
            limits=code_limits_for(request),
            browser=request.cookies.get(BROWSER_COOKIE, "-"),
            source_ip=client_ip(request),
        )
    except short_codes.CodeInvalid as exc:
        return _code_page(request, code, exc)
    token = tokens.issue(
        request.app.state.settings.secret(), upload_request.public_id, by_code=True
    )
    return redirect(f"/evidence/upload/{token.value}")


@router.get(
    "/upload/{token}/files",
    response_class=HTMLResponse,
    summary="Public upload: choose and send files",
)
def files_page(request: Request, db: SessionDep, _: Holder, token: Token) -> Response:
    upload_request = _request(request, db, token)
    if upload_request.consented_at is None:
        return redirect(f"/evidence/upload/{token}")
    endpoint = request.url_for("evidence_tus_create", token=token)
    return render(
        request,
        "evidence/public_files.html",
        {
            "title": "Upload your footage",
            "upload_request": upload_request,
            "token": token,
            "endpoint": endpoint.path,
            "done": [f for f in upload_request.files if f.status == "complete"],
        },
    )


@router.post("/upload/{token}/finish", summary="Public upload: say you have finished")
def finish(request: Request, db: SessionDep, _: Holder, token: Token) -> Response:
    upload_request = _request(request, db, token)
    service.finish(db, request=upload_request, source_ip=client_ip(request))
    return redirect("/evidence/upload-complete")


@router.get("/upload-complete", response_class=HTMLResponse, summary="Public upload: thank you")
def complete(request: Request, _: Anyone) -> Response:
    return render(request, "evidence/public_done.html", {"title": "Footage sent"})


@router.get("/assets/{name}", summary="Scripts for the public upload page")
def asset(request: Request, _: Anyone, name: Annotated[str, Path(max_length=40)]) -> Response:
    files = {
        "upload.js": STATIC / "upload.js",
        "tus.min.js": request.app.state.settings.frontend_dir / "tus-js-client/dist/tus.min.js",
    }
    if name not in files or not files[name].exists():
        raise NotFound("No such file")
    return FileResponse(
        files[name], media_type="text/javascript", headers={"Cache-Control": "public, max-age=3600"}
    )
