"""Pages for managing staff accounts and reading the audit log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from synergy.admin.deps import Admin, Overseer, Username
from synergy.core import audit
from synergy.core.deps import SessionDep, client_ip
from synergy.core.errors import SynergyError
from synergy.core.roles import Role, parse_roles
from synergy.core.web import redirect, render
from synergy.identity import service as identity

router = APIRouter(prefix="/admin")


@router.get("", response_class=HTMLResponse, summary="Administration overview")
def overview(request: Request, user: Overseer) -> Response:
    return render(
        request,
        "admin/overview.html",
        {"title": "Administration", "is_admin": Role.ADMINISTRATOR in user.roles},
    )


@router.get("/users", response_class=HTMLResponse, summary="Staff accounts")
def users(request: Request, db: SessionDep, _: Admin) -> Response:
    return render(
        request, "admin/users.html", {"title": "Staff accounts", "users": identity.list_users(db)}
    )


@router.get("/users/new", response_class=HTMLResponse, summary="New staff account form")
def new_user_form(request: Request, _: Admin) -> Response:
    return render(
        request,
        "admin/new_user.html",
        {"title": "Add a staff account", "roles": list(Role), "form": {}},
    )


@router.post("/users/new", response_class=HTMLResponse, summary="Create a staff account")
def create_user(
    request: Request,
    db: SessionDep,
    user: Admin,
    username: Annotated[str, Form(max_length=200)] = "",
    display_name: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    roles: Annotated[list[str] | None, Form()] = None,
) -> Response:
    form = {"username": username, "display_name": display_name, "roles": roles or []}
    try:
        chosen = parse_roles(",".join(roles or []))
    except ValueError:
        chosen = frozenset()
    try:
        identity.create_user(
            db,
            username=username,
            display_name=display_name,
            password=password,
            roles=chosen,
            actor=user.username,
        )
    except SynergyError as exc:
        errors = [{"text": exc.message, "href": f"#{exc.field or 'username'}"}]
        return render(
            request,
            "admin/new_user.html",
            {
                "title": "Add a staff account",
                "roles": list(Role),
                "form": form,
                "errors": errors,
                "error_field": exc.field,
            },
            status_code=exc.status_code,
        )
    return redirect("/admin/users")


@router.post("/users/{username}/disable", summary="Disable a staff account")
def disable_user(request: Request, db: SessionDep, user: Admin, username: Username) -> Response:
    identity.disable_user(db, username=username, actor=user.username)
    return redirect("/admin/users")


@router.get("/audit", response_class=HTMLResponse, summary="Audit log and chain check")
def audit_log(request: Request, db: SessionDep, user: Overseer) -> Response:
    report = audit.verify_chain(db)
    audit.record(
        db,
        action="audit.viewed",
        actor=user.username,
        source_ip=client_ip(request),
        details={"chain_ok": report.ok},
    )
    return render(
        request,
        "admin/audit.html",
        {"title": "Audit log", "report": report, "records": audit.recent(db, limit=100)},
    )
