"""`synergy savings import/report` and the demo's seed register."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from synergy.cli import app
from synergy.core.services import DemoContext
from synergy.savings import reconciliation as rec
from synergy.savings.demo import load_seed_register
from synergy.savings.models import ContractChange
from tests.savings.factories import contract_row


def test_demo_loads_the_seed_table_and_its_headline_figures(db, settings) -> None:
    load_seed_register(db, DemoContext(settings=settings, secret=b"x" * 32))
    assert load_seed_register(db, DemoContext(settings=settings, secret=b"x" * 32)) == [
        "Demo content already loaded: savings register."
    ]
    result = rec.reconcile(db, rec.current_report(db))
    lines = {line.figure: line for line in result.lines}
    assert lines["contracts_with_savings"].items == 21
    assert lines["original_total"].typed == lines["original_total"].items == 449216900
    assert lines["saved_to_date"].items == 106221491  # the table's total, £1,062,214.91
    assert {line.figure: line.difference for line in result.disagreements} == {
        "contracts_reviewed": 50,
        "revised_total": 2544791,
        "saved_to_date": 9,
        "rpa_cost_savings": 350000000,
        "rpa_hours_value": 14956000,
    }
    oracle = result.totals.by_application[0]
    assert (oracle.application, oracle.to_date_pence) == (
        "Oracle RightNow CX/IT Licensing",
        36181676,
    )


def test_cli_import_refuses_a_bad_file_then_reports_json(
    tmp_path, settings, engine, monkeypatch
) -> None:
    monkeypatch.setenv("SYNERGY_DATABASE_URL", settings.effective_database_url)
    monkeypatch.setenv("SYNERGY_SECRET_KEY", settings.secret().decode())
    monkeypatch.setenv("SYNERGY_DATA_DIR", str(tmp_path / "var"))
    runner = CliRunner()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        ",".join(contract_row()) + "\n" + ",".join(contract_row(term_years="x").values())
    )
    result = runner.invoke(app, ["savings", "import", str(bad)])
    assert result.exit_code == 1, result.output
    assert "line 2: Term in years 'x' is not a whole number" in result.output
    good = tmp_path / "good.csv"
    good.write_text(",".join(contract_row()) + "\n" + ",".join(contract_row().values()))
    assert runner.invoke(
        app, ["savings", "import", str(good), "--by", "Jo Finance"]
    ).output.startswith("1 contracts added")
    figures = tmp_path / "figures.csv"
    figures.write_text("figure,value\nContracts reviewed,3\noriginal_total,£1000000\n")
    assert "2 headline figures" in runner.invoke(app, ["savings", "import", str(figures)]).output
    report = json.loads(runner.invoke(app, ["savings", "report", "--json"]).output)
    assert report["headline_figures"] == {"contracts_reviewed": 3, "original_total": "1000000.00"}
    assert report["totals_from_items"]["contracts_reviewed"] == 1
    # The imported contract is not signed off, so its costs are not in the items yet.
    assert [(d["figure"], d["difference"]) for d in report["differences"]] == [
        ("contracts_reviewed", 2), ("original_total", "1000000.00"),
    ]  # fmt: skip
    with Session(engine) as session:
        [change] = session.execute(select(ContractChange)).scalars().all()
    assert (change.action, change.changed_by) == ("imported", "Jo Finance")
