"""The finance journey through the pages, and who may use them."""

from __future__ import annotations

import io
import re

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from synergy.core.roles import Role
from tests.conftest import csrf_for
from tests.savings.factories import SIGNED, contract_row

REGISTER_PAGES = ["/savings", "/savings/contracts", "/savings/report", "/savings/automation",
                  "/savings/export/csv", "/savings/report/pdf", "/api/savings/report"]  # fmt: skip


def _sign_off(client: TestClient, location: str, who: str, name: str = "") -> str:
    form = {"who": who, "budget_holder": name, "on-day": "2", "on-month": "5", "on-year": "2024"}
    response = client.post(f"{location}/sign-off", data={**form, "csrf_token": csrf_for(client)})
    return response.text if response.status_code != 303 else ""


def _add_signed_off(client: TestClient, row: dict[str, str]) -> str:
    """Add a contract through the form, then record both sign-offs on its page."""
    response = client.post("/savings/contracts/new", data={**row, "csrf_token": csrf_for(client)})
    location = response.headers["location"]
    assert _sign_off(client, location, "budget_holder", "Ann Holder") == ""
    assert _sign_off(client, location, "finance") == ""
    return str(location)


@pytest.mark.parametrize("role", [r for r in Role if r not in (Role.FINANCE, Role.ADMINISTRATOR)])
def test_only_finance_and_admin_see_the_register(signed_in, role: Role) -> None:
    client = signed_in(role)
    for path in REGISTER_PAGES:
        assert client.get(path).status_code == 403, path
    response = client.post(
        "/savings/contracts/new", data={**contract_row(), "csrf_token": csrf_for(client)}
    )
    assert response.status_code == 403


@pytest.mark.parametrize("role", [Role.FINANCE, Role.ADMINISTRATOR])
def test_finance_and_admin_can_open_every_register_page(signed_in, role: Role) -> None:
    client = signed_in(role)
    for path in REGISTER_PAGES:
        assert client.get(path).status_code == 200, path


def test_add_a_contract_then_export_it(signed_in) -> None:
    client: TestClient = signed_in(Role.FINANCE)
    response = client.post(
        "/savings/contracts/new", data={**contract_row(), "csrf_token": csrf_for(client)}
    )
    assert response.status_code == 303
    page = client.get(response.headers["location"]).text
    assert "Net saving" in page and "£190,000.00" in page and "Not signed off" in page
    book = load_workbook(io.BytesIO(client.get("/savings/export/xlsx").content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[1][0] == "SAV-0001" and rows[1][13] == 1_000_000  # a number, not text


def test_a_bad_form_keeps_what_was_typed_and_names_each_problem(signed_in) -> None:
    client: TestClient = signed_in(Role.FINANCE)
    row = contract_row(supplier="Typed Supplier Ltd", original_total="lots")
    response = client.post("/savings/contracts/new", data={**row, "csrf_token": csrf_for(client)})
    assert response.status_code == 422
    assert "Original cost for the whole term: &#39;lots&#39; is not an amount" in response.text
    assert 'value="Typed Supplier Ltd"' in response.text
    assert client.get("/savings/contracts").text.count("/savings/contracts/1") == 0


def test_a_bad_import_lists_each_row_and_stores_nothing(signed_in) -> None:
    client: TestClient = signed_in(Role.FINANCE)
    header = ",".join(contract_row())
    good = ",".join(contract_row().values())
    bad = ",".join(contract_row(reference="SAV-0002", end_date="soon").values())
    content = f"{header}\n{good}\n{bad}\n".encode()
    response = client.post(
        "/savings/import", data={"csrf_token": csrf_for(client)},
        files={"file": ("contracts.csv", content, "text/csv")},
    )  # fmt: skip
    assert response.status_code == 422
    assert "nothing was imported" in response.text
    assert re.search(
        r">3</td><td class=\"govuk-table__cell\">End date &#39;soon&#39; is not", response.text
    )
    assert "SAV-0001" not in client.get("/savings/contracts").text


def test_report_pdf_and_csv_downloads(signed_in) -> None:
    client: TestClient = signed_in(Role.FINANCE)
    client.post("/savings/contracts/new", data={**contract_row(), "csrf_token": csrf_for(client)})
    pdf = client.get("/savings/report/pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    csv_text = client.get("/savings/report/csv").content.decode("utf-8-sig")
    assert "Contracts reviewed,,1" in csv_text


def test_report_charts_are_svg_with_their_figures_in_a_table_beside(signed_in) -> None:
    client: TestClient = signed_in(Role.FINANCE)
    _add_signed_off(client, contract_row(evidence_reference="INV-1"))
    page = client.get("/savings/report").text
    assert (
        page.count('<svg xmlns="http://www.w3.org/2000/svg" class="synergy-chart" role="img"') == 2
    )
    assert '<title id="chart-by-application-title">Amount saved to date by application' in page
    chart, table = (
        page.split('id="chart-by-application-title"')[1].split("</table>")[0].split("<table")
    )
    assert "£190,000" in chart and "£190,000.00" in table  # the same figure in both


def test_contract_history_reads_in_labels_pounds_and_uk_dates(signed_in) -> None:
    client: TestClient = signed_in(Role.FINANCE)
    response = client.post(
        "/savings/contracts/new", data={**contract_row(), "csrf_token": csrf_for(client)}
    )
    page = client.get(response.headers["location"]).text
    history = page.split("Every change, newest first")[1]
    for line in (
        "Saving category: — → New commercial arrangements",
        "Original cost for the whole term: — → £1,000,000.00",
        "Start date: — → 1 April 2024",
        "Cashable: — → Yes",
        "One-off or recurring: — → Recurring",
    ):
        assert line in history, line
    assert "new_commercial_arrangements" not in history and "_pence" not in history


def test_home_lists_contracts_already_past_their_notice_date(signed_in) -> None:
    import datetime as dt

    today = dt.date.today()
    client: TestClient = signed_in(Role.FINANCE)
    row = contract_row(
        start_date=(today - dt.timedelta(days=300)).isoformat(),
        end_date=(today + dt.timedelta(days=64)).isoformat(),
        term_years="1",
        renewal_date=(today + dt.timedelta(days=65)).isoformat(),
        notice_date=(today - dt.timedelta(days=5)).isoformat(),
        baseline_year="2020/21",
    )
    response = client.post("/savings/contracts/new", data={**row, "csrf_token": csrf_for(client)})
    assert response.status_code == 303, response.text
    home = client.get("/savings").text
    assert "No contract has a notice date in the next 90 days" in home
    passed = home.split("Notice date passed")[1]
    assert "SAV-0001" in passed and ">65</td>" in passed


def test_platform_home_tells_finance_of_renewal_alerts_on_the_register_tile(signed_in) -> None:
    import datetime as dt

    today = dt.date.today()
    client: TestClient = signed_in(Role.FINANCE)
    assert "Renewal alerts" not in client.get("/").text  # nothing near its notice date yet
    for reference, notice_in in (("SAV-0001", 20), ("SAV-0002", 75), ("SAV-0003", -3)):
        row = contract_row(
            reference=reference,
            start_date=(today - dt.timedelta(days=200)).isoformat(),
            end_date=(today + dt.timedelta(days=164)).isoformat(),
            term_years="1",
            renewal_date=(today + dt.timedelta(days=165)).isoformat(),
            notice_date=(today + dt.timedelta(days=notice_in)).isoformat(),
            baseline_year="2020/21",
        )
        response = client.post(
            "/savings/contracts/new", data={**row, "csrf_token": csrf_for(client)}
        )
        assert response.status_code == 303, response.text
    home = client.get("/").text
    tile = home.split('href="/savings">Savings register</a></h2>')[1].split("</div>")[0]
    assert "Renewal alerts: 2 contracts reach their notice date within 90 days" in tile
    assert "(nearest in 20 days)" in tile
    assert "1 contract past their notice date, not yet renewed." in tile


def test_sign_offs_are_recorded_only_by_the_sign_off_action(signed_in) -> None:
    client: TestClient = signed_in(Role.FINANCE)
    typed = contract_row(**SIGNED)  # sign-off names and dates typed into the form
    response = client.post("/savings/contracts/new", data={**typed, "csrf_token": csrf_for(client)})
    location = response.headers["location"]
    assert "Not signed off: not counted" in client.get(location).text
    assert _sign_off(client, location, "budget_holder", "Ann Holder") == ""
    assert _sign_off(client, location, "finance") == ""
    page = client.get(location).text
    assert "Signed off: counted" in page and "Ann Holder on 2 May 2024" in page
    # Changing the notes keeps the sign-offs; the form cannot clear or replace them.
    edit = {**contract_row(notes="Renewed for two years"), "finance_signed_by": "Someone else"}
    client.post(f"{location}/edit", data={**edit, "csrf_token": csrf_for(client)})
    page = client.get(location).text
    assert "Signed off: counted" in page and "Someone else" not in page


def test_an_administrator_keeps_the_register_but_cannot_sign_for_finance(signed_in) -> None:
    client: TestClient = signed_in(Role.ADMINISTRATOR)
    response = client.post(
        "/savings/contracts/new",
        data={**contract_row(evidence_reference="INV-1"), "csrf_token": csrf_for(client)},
    )
    location = response.headers["location"]
    assert 'value="finance"' not in client.get(location).text  # not offered
    assert "Only a finance officer can sign off for finance" in _sign_off(
        client, location, "finance"
    )
    assert _sign_off(client, location, "budget_holder", "Ann Holder") == ""
    assert "Not signed off: not counted" in client.get(location).text


@pytest.mark.parametrize("number", ["²", "٣", "99999999999999999999"])
def test_whole_numbers_that_are_not_plain_digits_get_a_clear_error(signed_in, number) -> None:
    # str.isdigit() accepts superscripts and other scripts' digits, which int() refuses.
    client = signed_in(Role.FINANCE)
    rpa = {"process": "Vetting checks", "month-month": "9", "month-year": "2026", "runs": number,
           "minutes_per_run": "4.5", "rpa_staff_rate": "20.00", "source": "RPA log"}  # fmt: skip
    rpa["csrf_token"] = csrf_for(client)
    response = client.post("/savings/automation/rpa", data=rpa)
    assert response.status_code == 422
    assert "Runs must be a whole number" in response.text
    figures = {"contracts_reviewed": number, "source": "Board report"}
    figures["csrf_token"] = csrf_for(client)
    response = client.post("/savings/report/figures", data=figures)
    assert response.status_code == 422
    assert "is not a whole number" in response.text
    row = contract_row(term_years=number)
    response = client.post("/savings/contracts/new", data={**row, "csrf_token": csrf_for(client)})
    assert response.status_code == 422
    assert "is not a whole number of years" in response.text


def _rate_form(client: TestClient, month: str, year: str, pounds: str = "24.00") -> dict[str, str]:
    return {"kind": "acro_request", "minutes": "10", "minutes_source": "Records unit timing",
            "staff_rate": pounds, "rate_source": "Staff scale 4", "applies-month": month,
            "applies-year": year, "csrf_token": csrf_for(client)}  # fmt: skip


def test_a_rate_is_set_from_a_month_and_kept_in_the_history(signed_in) -> None:
    client = signed_in(Role.FINANCE)
    page = client.get("/savings/automation").text
    assert 'name="applies-month"' in page and "Applies from" in page
    response = client.post("/savings/automation/rates", data=_rate_form(client, "1", "2026"))
    assert response.status_code == 303
    page = client.get("/savings/automation").text
    assert "Every rate set (1)" in page
    assert "January 2026" in page and "£24.00" in page


@pytest.mark.parametrize(
    ("month", "year", "message"),
    [("13", "2026", "Enter a real month"), ("²", "2026", "as numbers"),
     ("4", "99999999999999999999", "from 2000 to 2100"), ("", "", "as numbers")],
)  # fmt: skip
def test_a_bad_applies_from_month_gets_a_clear_error_and_stores_nothing(
    signed_in, month: str, year: str, message: str
) -> None:
    client = signed_in(Role.FINANCE)
    response = client.post("/savings/automation/rates", data=_rate_form(client, month, year))
    assert response.status_code == 422
    assert message in response.text
    assert "Every rate set" not in client.get("/savings/automation").text


def test_the_budget_holder_and_finance_sign_offs_come_from_different_people(signed_in) -> None:
    client = signed_in(Role.FINANCE)  # user0-finance, shown as "User0-Finance"
    response = client.post(
        "/savings/contracts/new",
        data={**contract_row(evidence_reference="INV-7"), "csrf_token": csrf_for(client)},
    )
    location = response.headers["location"]
    # Named as the budget holder (any case and spacing), they cannot also sign for finance.
    assert _sign_off(client, location, "budget_holder", " user0-FINANCE ") == ""
    page = _sign_off(client, location, "finance")
    assert "finance&#39;s sign-off must come from someone else" in page
    assert "Not signed off: not counted" in client.get(location).text
    # With another budget holder, finance signs; the budget holder cannot then be finance.
    assert _sign_off(client, location, "budget_holder", "Ann Holder") == ""
    assert _sign_off(client, location, "finance") == ""
    page = _sign_off(client, location, "budget_holder", "User0-Finance")
    assert "signed this saving off for finance" in page
    assert "Not signed off: not counted" not in client.get(location).text
