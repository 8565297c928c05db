"""A finance officer's journey in headless Chromium: the register's home with its renewal
alerts, add a contract and sign it off, an import refused row by row, then the report's
differences explained one by one until it can be marked final, and a final report left as it
was when a contract is added afterwards. Screenshots of each step go
to SYNERGY_SAVINGS_SCREENSHOTS when it names a folder (to look at them)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from synergy.core.config import Settings
from synergy.core.roles import Role
from synergy.core.services import DemoContext
from synergy.savings.demo import load_seed_register
from tests.browser.checks import axe_problems, structure_problems
from tests.savings.factories import contract_row

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("SYNERGY_SAVINGS_SCREENSHOTS")


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_finance_journey(page, sign_in_as, session_factory, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with session_factory() as session:
        load_seed_register(session, DemoContext(settings=Settings(), secret=b"x" * 32))
        session.commit()
    sign_in_as(Role.FINANCE, display_name="Fran Finance")
    page.goto("/")  # where finance staff land: the register's tile says what is due
    tile = page.locator(".synergy-card", has_text="Savings register").inner_text()
    assert "Renewal alerts: 6 contracts reach their notice date within 90 days" in tile
    assert "4 contracts past their notice date, not yet renewed." in tile
    assert axe_problems(page) == [] and structure_problems(page.content()) == []
    _shot(page, "0-platform-home")
    page.goto("/savings")
    assert page.locator("h1").inner_text() == "Savings register"
    alerts = page.get_by_role("table").first
    assert "near their notice date" in alerts.inner_text()
    assert "WMP-01" in page.get_by_role("table").nth(1).inner_text()  # notice date passed
    _shot(page, "1-home")

    page.goto("/savings/contracts/new")
    for name, value in contract_row(reference="NEW-1", supplier="Acme Ltd").items():
        if name in ("category", "recurrence", "cashable"):
            page.select_option(f"#{name}", value)
        else:
            page.fill(f"#{name}", value)
    page.fill("#evidence_reference", "PO-2024-77")
    with page.expect_navigation():
        page.get_by_role("button", name="Save contract").click()
    assert "Not signed off: not counted" in page.inner_text("main")
    page.check("#who")
    page.fill("#budget_holder", "Ann Holder")
    with page.expect_navigation():
        page.get_by_role("button", name="Record sign-off").click()
    page.check("#who-2")
    with page.expect_navigation():
        page.get_by_role("button", name="Record sign-off").click()
    assert "Signed off: counted" in page.inner_text("main")
    history = page.locator("table").last.inner_text()
    assert "Signed off" in history and "Budget holder who signed off: — → Ann Holder" in history
    assert "Saving category: — → New commercial arrangements" in history
    _shot(page, "2-contract")

    bad = tmp_path / "contracts.csv"
    bad.write_text(
        ",".join(contract_row())
        + "\n"
        + ",".join(contract_row(reference="X-1", original_total="12.345").values())
        + "\n"
    )
    page.goto("/savings/import")
    page.set_input_files("#file", str(bad))
    with page.expect_navigation():
        page.get_by_role("button", name="Import", exact=True).click()
    assert "nothing was imported" in page.inner_text("main")
    assert "more than two decimal places" in page.inner_text("main")
    _shot(page, "3-import-refused")

    page.goto("/savings/report")
    with page.expect_navigation():
        page.get_by_role("button", name="Mark the report final").click()
    assert "Explain each difference" in page.inner_text(".govuk-error-summary")
    _shot(page, "4-report-refused")
    while page.locator("textarea[name=explanation]").count():
        page.locator("textarea[name=explanation]").first.fill("Explained for the board")
        # Wait for the page after saving, or the loop may count the fields mid-navigation.
        with page.expect_navigation():
            page.get_by_role("button", name="Save explanation").first.click()
    with page.expect_navigation():
        page.get_by_role("button", name="Mark the report final").click()
    assert "Marked final by" in page.inner_text("main")
    _shot(page, "5-report-final")
    page.goto("/savings/contracts/new")
    late = contract_row(reference="LATE-1", application="Added later", evidence_reference="I-9")
    for name, value in late.items():
        if name in ("category", "recurrence", "cashable"):
            page.select_option(f"#{name}", value)
        else:
            page.fill(f"#{name}", value)
    with page.expect_navigation():
        page.get_by_role("button", name="Save contract").click()
    page.check("#who")
    page.fill("#budget_holder", "Ann Holder")
    with page.expect_navigation():
        page.get_by_role("button", name="Record sign-off").click()
    page.check("#who-2")
    with page.expect_navigation():
        page.get_by_role("button", name="Record sign-off").click()
    assert "Signed off: counted" in page.inner_text("main")
    page.goto("/savings/report")
    assert "7 differences, 0 not yet explained" in page.inner_text("main")
    assert "Added later" not in page.inner_text("main")
    page.goto("/savings/automation")
    for field, value in [
        ("#process", "Vetting checks"),
        ("#month-month", "9"),
        ("#month-year", "2026"),
        ("#runs", "1,200"),
        ("#minutes_per_run", "4.5"),
        ("#rpa_staff_rate", "20.00"),
        ("#source", "RPA team run log"),
    ]:
        page.fill(field, value)
    with page.expect_navigation():
        page.get_by_role("button", name="Add entry").click()
    main = page.inner_text("main")
    assert "1,200 × 4.5 min ÷ 60 = 90.00 h" in main
    assert "90.00 h × £20.00 an hour = £1,800.00" in main
    _shot(page, "6-automation")
