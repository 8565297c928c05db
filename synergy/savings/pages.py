"""Pages for finance staff: the register's home (renewal alerts and headline figures),
contracts (list, add, change, sign off, history), import and export, the headline report
with its reconciliation, and automation savings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from synergy.core.deps import FormFields, FormWithFiles, SessionDep, SettingsDep
from synergy.core.errors import SynergyError
from synergy.core.formatting import date_text, whole_number
from synergy.core.roles import Role
from synergy.core.web import redirect, render
from synergy.savings import automation, charts, pdf, reconciliation, renewals, report, service
from synergy.savings.deps import ContractId, FinanceUser
from synergy.savings.figures import saving_of
from synergy.savings.models import CATEGORIES, FINAL, RECURRENCES
from synergy.savings.money import format_pounds, plain_pounds
from synergy.savings.schemas import COLUMNS, LABELS, InvalidContract, parse_contract
from synergy.savings.settings import SavingsSettings
from synergy.savings.transfer import XLSX_MEDIA_TYPE, ImportRejected, export_csv, export_xlsx
from synergy.savings.transfer import import_file as import_contracts

router = APIRouter(prefix="/savings")
Errors = list[dict[str, str]]


def _page(
    request: Request, template: str, context: dict[str, Any], *, status_code: int = 200
) -> Response:
    return render(request, template, {**context, "money": format_pounds}, status_code=status_code)


def _errors(exc: SynergyError, default_field: str) -> Errors:
    return [{"text": exc.message, "href": f"#{exc.field or default_field}"}]


@router.get("", response_class=HTMLResponse, summary="Savings register home")
def home(request: Request, db: SessionDep, settings: SettingsDep, _: FinanceUser) -> Response:
    section = settings.section(SavingsSettings)
    contracts = service.list_contracts(db)
    result = report.current(db)[1]
    return _page(
        request,
        "savings/home.html",
        {
            "title": "Savings register",
            "alerts": renewals.alerts_due(contracts, dt.date.today(), section.alert_days),
            "passed": renewals.notice_passed(contracts, dt.date.today()),
            "today": dt.date.today(),
            "result": result,
        },
    )


@router.get("/contracts", response_class=HTMLResponse, summary="Contracts in the register")
def contracts(request: Request, db: SessionDep, _: FinanceUser) -> Response:
    today = dt.date.today()
    rows = [saving_of(c, today) for c in service.list_contracts(db)]
    return _page(request, "savings/contracts.html", {"title": "Contracts", "rows": rows})


def _form_page(
    request: Request, title: str, action: str, form: dict[str, Any], errors: Errors
) -> Response:
    return _page(
        request,
        "savings/contract_form.html",
        {
            "title": title,
            "action": action,
            "form": form,
            "errors": errors,
            "labels": LABELS,
            "categories": CATEGORIES,
            "recurrences": RECURRENCES,
        },
        status_code=422 if errors else 200,
    )


def _contract_errors(exc: InvalidContract) -> Errors:
    return [
        {"text": f"{LABELS[p.field]}: {p.message}", "href": f"#{p.field}"} for p in exc.problems
    ]


@router.get("/contracts/new", response_class=HTMLResponse, summary="Add a contract form")
def new_contract_form(request: Request, db: SessionDep, _: FinanceUser) -> Response:
    form = {"reference": service.next_reference(db), "category": "", "recurrence": "recurring"}
    return _form_page(request, "Add a contract", "/savings/contracts/new", form, [])


@router.post("/contracts/new", response_class=HTMLResponse, summary="Add a contract")
def create_contract(
    request: Request, db: SessionDep, user: FinanceUser, form: FormFields
) -> Response:
    try:
        # Sign-offs are recorded only by the sign-off action, never typed into the form.
        fields = parse_contract({**form, **dict.fromkeys(service.SIGN_OFF_FIELDS, "")})
        contract = service.create_contract(db, data=fields, actor=user.username)
    except InvalidContract as exc:
        errors = _contract_errors(exc)
    except SynergyError as exc:
        errors = _errors(exc, "reference")
    else:
        return redirect(f"/savings/contracts/{contract.id}")
    return _form_page(request, "Add a contract", "/savings/contracts/new", form, errors)


def _fields_of(contract: Any) -> dict[str, str]:
    values = {}
    for name in COLUMNS:
        pence = getattr(contract, f"{name}_pence", None)
        value = getattr(contract, name, None) if pence is None else plain_pounds(pence)
        if name == "cashable":
            value = "yes" if value else "no"
        values[name] = "" if value is None else str(value)
    return values


@router.get("/contracts/{contract_id}", response_class=HTMLResponse, summary="One contract")
def contract_page(
    request: Request, db: SessionDep, _: FinanceUser, contract_id: ContractId
) -> Response:
    return _contract_page(request, db, contract_id, [], {})


def _contract_page(
    request: Request, db: Any, contract_id: int, errors: Errors, form: dict[str, str]
) -> Response:
    contract = service.get_contract(db, contract_id=contract_id)
    return _page(
        request,
        "savings/contract.html",
        {
            "title": f"{contract.application} ({contract.reference})",
            "contract": contract,
            "saving": saving_of(contract, dt.date.today()),
            "history": [
                (change, describe_changes(change.changes))
                for change in service.history(db, contract_id=contract_id)
            ],
            "labels": LABELS,
            "errors": errors,
            "form": form,
            "today": dt.date.today(),
            "finance_officer": Role.FINANCE in request.state.user.roles,
        },
        status_code=422 if errors else 200,
    )


def _shown(name: str, value: Any) -> str:
    """A stored field value as a finance user reads it: pounds, labels, UK dates."""
    if value is None or value == "":
        return "—"
    if name.endswith("_pence"):
        return format_pounds(int(value))
    if name == "category":
        return CATEGORIES.get(str(value), str(value))
    if name == "recurrence":
        return RECURRENCES.get(str(value), str(value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if name.endswith(("_date", "_on")):
        try:
            return date_text(dt.date.fromisoformat(value))
        except (TypeError, ValueError):
            return str(value)
    return str(value)


def describe_changes(changes: dict[str, list[Any]]) -> list[tuple[str, str, str]]:
    """Each changed field of a history row as (label, old, new), in the form's order."""
    order = {name: index for index, name in enumerate(COLUMNS)}

    def position(name: str) -> int:
        return order.get(name.removesuffix("_pence"), len(order))

    return [
        (LABELS.get(name.removesuffix("_pence"), name), _shown(name, old), _shown(name, new))
        for name, (old, new) in sorted(changes.items(), key=lambda item: position(item[0]))
    ]


@router.get(
    "/contracts/{contract_id}/edit", response_class=HTMLResponse, summary="Change a contract form"
)
def edit_contract_form(
    request: Request, db: SessionDep, _: FinanceUser, contract_id: ContractId
) -> Response:
    contract = service.get_contract(db, contract_id=contract_id)
    action = f"/savings/contracts/{contract_id}/edit"
    return _form_page(request, f"Change {contract.reference}", action, _fields_of(contract), [])


@router.post(
    "/contracts/{contract_id}/edit", response_class=HTMLResponse, summary="Change a contract"
)
def edit_contract(
    request: Request, db: SessionDep, user: FinanceUser, contract_id: ContractId, form: FormFields
) -> Response:
    contract = service.get_contract(db, contract_id=contract_id)
    kept = {name: _fields_of(contract)[name] for name in service.SIGN_OFF_FIELDS}
    try:
        data = parse_contract({**form, **kept})  # the service withdraws them if figures change
        service.update_contract(db, contract_id=contract_id, data=data, actor=user.username)
    except InvalidContract as exc:
        errors = _contract_errors(exc)
    except SynergyError as exc:
        errors = _errors(exc, "reference")
    else:
        return redirect(f"/savings/contracts/{contract_id}")
    action = f"/savings/contracts/{contract_id}/edit"
    return _form_page(request, f"Change {contract.reference}", action, form, errors)


@router.post(
    "/contracts/{contract_id}/sign-off", response_class=HTMLResponse, summary="Sign off a saving"
)
def sign_off(
    request: Request, db: SessionDep, user: FinanceUser, contract_id: ContractId, form: FormFields
) -> Response:
    try:
        on = _date_field(form, "on")
        service.sign_off(
            db, contract_id=contract_id, who=form.get("who", ""),
            budget_holder=form.get("budget_holder", ""), on=on, actor=user.username,
            finance_officer=Role.FINANCE in user.roles, actor_name=user.display_name,
        )  # fmt: skip
    except SynergyError as exc:
        return _contract_page(request, db, contract_id, _errors(exc, "who"), form)
    return redirect(f"/savings/contracts/{contract_id}")


def _date_field(form: dict[str, str], prefix: str) -> dt.date:
    from synergy.core.errors import InvalidRequest

    try:
        return dt.date(
            int(form.get(f"{prefix}-year", "")),
            int(form.get(f"{prefix}-month", "")),
            int(form.get(f"{prefix}-day", "")),
        )
    except ValueError:
        raise InvalidRequest("Enter a real date, like 27 3 2025", field=f"{prefix}-day") from None


def _month_field(form: dict[str, str], prefix: str) -> dt.date:
    """A month given as month and year boxes (`PREFIX-month`, `PREFIX-year`)."""
    from synergy.core.errors import InvalidRequest

    month, year = form.get(f"{prefix}-month", "").strip(), form.get(f"{prefix}-year", "").strip()
    if not (month.isascii() and month.isdigit() and year.isascii() and year.isdigit()):
        raise InvalidRequest(
            "Enter the month and year as numbers, like 4 2026", field=f"{prefix}-month"
        )
    if not 2000 <= int(year) <= 2100:
        raise InvalidRequest("Enter a year from 2000 to 2100", field=f"{prefix}-year")
    try:
        return dt.date(int(year), int(month), 1)
    except ValueError:
        raise InvalidRequest("Enter a real month, like 4 2026", field=f"{prefix}-month") from None


@router.get("/import", response_class=HTMLResponse, summary="Import contracts form")
def import_form(request: Request, _: FinanceUser) -> Response:
    return _page(request, "savings/import.html", {"title": "Import contracts", "problems": []})


@router.post("/import", response_class=HTMLResponse, summary="Import contracts")
async def import_upload(
    request: Request, db: SessionDep, user: FinanceUser, form: FormWithFiles
) -> Response:
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        errors = [{"text": "Choose a .csv or .xlsx file to import", "href": "#file"}]
        return _page(
            request, "savings/import.html",
            {"title": "Import contracts", "problems": [], "errors": errors}, status_code=422,
        )  # fmt: skip
    content = await upload.read()
    try:
        # The upload is read on the event loop; the rows are checked and stored off it, in
        # the request's one transaction (a refused file adds nothing to it).
        summary = await run_in_threadpool(
            _store_import, db, upload.filename, content, user.username
        )
    except ImportRejected as exc:
        errors = [{"text": exc.message.split(". ")[0] + ".", "href": "#problems"}]
        return _page(
            request, "savings/import.html",
            {"title": "Import contracts", "problems": exc.problems, "errors": errors,
             "filename": upload.filename},
            status_code=422,
        )  # fmt: skip
    return _page(
        request, "savings/import.html",
        {"title": "Import contracts", "problems": [], "imported": summary,
         "filename": upload.filename},
    )  # fmt: skip


def _store_import(db: Any, filename: str, content: bytes, actor: str) -> str:
    return import_contracts(db, filename=filename, content=content, actor=actor).summary()


@router.get("/export/csv", summary="The register as CSV")
def export_register_csv(db: SessionDep, _: FinanceUser) -> Response:
    return Response(
        export_csv(service.list_contracts(db)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="savings-register.csv"'},
    )


@router.get("/export/xlsx", summary="The register as an Excel workbook")
def export_register_xlsx(db: SessionDep, _: FinanceUser) -> Response:
    return Response(
        export_xlsx(service.list_contracts(db)),
        media_type=XLSX_MEDIA_TYPE,
        headers={"Content-Disposition": 'attachment; filename="savings-register.xlsx"'},
    )


def _report_page(
    request: Request, db: Any, settings: SavingsSettings, errors: Errors, status: int = 200
) -> Response:
    current, result = report.current(db)
    by_app = [(r.application, r.to_date_pence) for r in result.totals.by_application]
    totals = result.totals
    return _page(
        request,
        "savings/report.html",
        {
            "title": "Headline report",
            "report": current,
            "result": result,
            "final": current.status == FINAL,
            "errors": errors,
            "figures": reconciliation.FIGURES,
            "by_application_chart": charts.bar_chart(
                "chart-by-application", "Amount saved to date by application", by_app
            ),
            "costs_chart": charts.bar_chart(
                "chart-costs",
                "Original and revised cost of the contracts with savings",
                [("Original cost", totals.original_total), ("Revised cost", totals.revised_total)],
            ),
        },
        status_code=status,
    )


@router.get("/report", response_class=HTMLResponse, summary="Headline report")
def report_page(
    request: Request, db: SessionDep, settings: SettingsDep, _: FinanceUser
) -> Response:
    return _report_page(request, db, settings.section(SavingsSettings), [])


@router.post("/report/figures", response_class=HTMLResponse, summary="Enter headline figures")
def enter_figures(
    request: Request, db: SessionDep, settings: SettingsDep, user: FinanceUser, form: FormFields
) -> Response:
    current, _ = report.current(db, actor=user.username)
    try:
        values = {
            figure: reconciliation.parse_figure(figure, form[figure])
            for figure in reconciliation.FIGURES
            if form.get(figure, "").strip()
        }
        source = form.get("source", "").strip() or "typed in"
        reconciliation.enter_figures(
            db, report_id=current.id, values=values, source=source, actor=user.username
        )
    except SynergyError as exc:
        return _report_page(
            request, db, settings.section(SavingsSettings), _errors(exc, "source"), 422
        )
    return redirect("/savings/report#reconciliation")


@router.post("/report/explanations", response_class=HTMLResponse, summary="Explain a difference")
def explain(
    request: Request, db: SessionDep, settings: SettingsDep, user: FinanceUser, form: FormFields
) -> Response:
    current, _ = report.current(db, actor=user.username)
    figure = form.get("figure", "")
    try:
        reconciliation.explain(
            db, report_id=current.id, figure=figure, explanation=form.get("explanation", ""),
            actor=user.username, as_at=current.as_at,
        )  # fmt: skip
    except SynergyError as exc:
        errors = [{"text": exc.message, "href": f"#explain-{figure}"}]
        return _report_page(request, db, settings.section(SavingsSettings), errors, 422)
    return redirect("/savings/report#reconciliation")


@router.post("/report/final", response_class=HTMLResponse, summary="Mark the report final")
def finalise(
    request: Request, db: SessionDep, settings: SettingsDep, user: FinanceUser
) -> Response:
    current, _ = report.current(db, actor=user.username)
    try:
        reconciliation.finalise(db, report_id=current.id, actor=user.username)
    except SynergyError as exc:
        errors = [{"text": exc.message, "href": "#reconciliation"}]
        return _report_page(request, db, settings.section(SavingsSettings), errors, 409)
    return redirect("/savings/report")


@router.post("/report/new", response_class=HTMLResponse, summary="Start a new report")
def new_report(
    request: Request, db: SessionDep, settings: SettingsDep, user: FinanceUser, form: FormFields
) -> Response:
    try:
        as_at = _date_field(form, "as_at")
        reconciliation.start_report(
            db, title=form.get("title", ""), as_at=as_at, actor=user.username
        )
    except SynergyError as exc:
        return _report_page(
            request, db, settings.section(SavingsSettings), _errors(exc, "title"), 422
        )
    return redirect("/savings/report")


@router.get("/report/csv", summary="Headline report as CSV")
def report_csv(db: SessionDep, _: FinanceUser) -> Response:
    result = report.current(db)[1]
    return Response(
        report.as_csv(result),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="savings-report.csv"'},
    )


@router.get("/report/pdf", summary="Headline report as PDF")
def report_pdf(db: SessionDep, _: FinanceUser) -> Response:
    result = report.current(db)[1]
    return Response(
        pdf.render_report(result),
        media_type="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="savings-report.pdf"'},
    )


def _automation_page(
    request: Request, db: Any, settings: SavingsSettings, errors: Errors, form: dict[str, str]
) -> Response:
    platform = automation.platform_lines(db, settings)
    rpa = automation.rpa_lines(db, settings)
    by_month: dict[str, int] = {}
    for line in platform + rpa:
        key = line.month.strftime("%B %Y")
        by_month[key] = by_month.get(key, 0) + line.cost_avoided_pence
    return _page(
        request,
        "savings/automation.html",
        {
            "title": "Automation savings",
            "platform": platform,
            "rpa": rpa,
            "rates": automation.current_rates(db, settings),
            "history": list(reversed(automation.rate_history(db))),
            "this_month": automation.this_month(),
            "kinds": automation.KINDS,
            "fte_hours": settings.fte_hours_per_month.quantize(
                type(settings.fte_hours_per_week)("0.01")
            ),
            "chart": charts.bar_chart(
                "chart-automation", "Cost avoided by automation each month", list(by_month.items())
            ),
            "by_month": by_month,
            "errors": errors,
            "form": form,
            "plain_minutes": automation.plain_minutes,
        },
        status_code=422 if errors else 200,
    )


@router.get("/automation", response_class=HTMLResponse, summary="Automation savings")
def automation_page(
    request: Request, db: SessionDep, settings: SettingsDep, _: FinanceUser
) -> Response:
    return _automation_page(request, db, settings.section(SavingsSettings), [], {})


@router.post("/automation/rates", response_class=HTMLResponse, summary="Set an automation rate")
def set_rate(
    request: Request, db: SessionDep, settings: SettingsDep, user: FinanceUser, form: FormFields
) -> Response:
    try:
        automation.set_rate(
            db, kind=form.get("kind", ""),
            minutes=automation.parse_minutes(form.get("minutes", ""), "minutes"),
            minutes_source=form.get("minutes_source", ""),
            staff_rate_pence=automation.parse_rate(form.get("staff_rate", ""), "staff_rate"),
            rate_source=form.get("rate_source", ""),
            applies_from=_month_field(form, "applies"), actor=user.username,
        )  # fmt: skip
    except SynergyError as exc:
        section = settings.section(SavingsSettings)
        return _automation_page(request, db, section, _errors(exc, "kind"), form)
    return redirect("/savings/automation")


@router.post("/automation/rpa", response_class=HTMLResponse, summary="Add an RPA process month")
def add_rpa(
    request: Request, db: SessionDep, settings: SettingsDep, user: FinanceUser, form: FormFields
) -> Response:
    from synergy.core.errors import InvalidRequest

    try:
        runs = whole_number(form.get("runs", "").strip().replace(",", ""))
        if runs is None:
            raise InvalidRequest("Runs must be a whole number", field="runs")
        cash = form.get("cashable", "").strip() or "0"
        automation.add_rpa_entry(
            db, process=form.get("process", ""),
            month=_date_field({**form, "month-day": "1"}, "month"), runs=runs,
            minutes_per_run=automation.parse_minutes(
                form.get("minutes_per_run", ""), "minutes_per_run"
            ),
            staff_rate_pence=automation.parse_rate(
                form.get("rpa_staff_rate", ""), "rpa_staff_rate"
            ),
            cashable_pence=automation.parse_rate(cash, "cashable"),
            source=form.get("source", ""), actor=user.username,
        )  # fmt: skip
    except SynergyError as exc:
        section = settings.section(SavingsSettings)
        return _automation_page(request, db, section, _errors(exc, "process"), form)
    return redirect("/savings/automation")
