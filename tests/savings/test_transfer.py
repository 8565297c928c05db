"""CSV and Excel: what is exported imports again unchanged; a good file updates existing
contracts (kept in their history); a headline figures file goes into the draft report;
spreadsheet formulas never leave the register."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from synergy.savings import reconciliation, service
from synergy.savings.transfer import ImportRejected, export_csv, export_xlsx, import_file
from tests.savings.factories import contract_row, make_contract


def test_an_export_imports_again_unchanged(db) -> None:
    make_contract(db, reference="SAV-1")
    make_contract(db, reference="SAV-2", signed=False, notes="Two-year renewal")
    contracts = service.list_contracts(db)
    for name, content in (("r.csv", export_csv(contracts)), ("r.xlsx", export_xlsx(contracts))):
        result = import_file(db, filename=name, content=content, actor="fin")
        assert (result.created, result.updated) == ([], [])
        assert sorted(result.unchanged) == ["SAV-1", "SAV-2"]


def test_a_good_excel_file_updates_and_adds_with_history(db) -> None:
    existing = make_contract(db, reference="SAV-1", signed=False)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(contract_row()))
    sheet.append(list(contract_row(reference="SAV-1", revised_total=750000.5).values()))
    sheet.append(list(contract_row(reference="SAV-3").values()))
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_file(db, filename="c.xlsx", content=buffer.getvalue(), actor="jo")
    assert (result.updated, result.created) == (["SAV-1"], ["SAV-3"])
    assert existing.revised_total_pence == 75_000_050
    latest = service.history(db, contract_id=existing.id)[0]
    assert (latest.action, latest.changed_by) == ("imported", "jo")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "line 1: the file is empty"),
        (b"\xff\xfe\x00bad", "line 1: the file is not UTF-8"),
        (b"reference,colour\nA,red\n", "line 1: unknown column(s): colour"),
        ("\n".join([",".join(contract_row()), ",".join(contract_row().values()),
                    ",".join(contract_row().values())]).encode(),
         "line 3: reference SAV-0001 is also on line 2"),
    ],
)  # fmt: skip
def test_bad_files_are_refused_with_the_line_and_reason(db, content: bytes, reason: str) -> None:
    with pytest.raises(ImportRejected) as caught:
        import_file(db, filename="c.csv", content=content, actor="fin")
    assert reason in caught.value.message
    assert service.list_contracts(db) == []


def test_not_a_spreadsheet_is_refused(db) -> None:
    with pytest.raises(ImportRejected, match="not an Excel workbook"):
        import_file(db, filename="c.xlsx", content=b"PK\x03\x04junk", actor="fin")
    with pytest.raises(ImportRejected, match="choose a .csv or .xlsx"):
        import_file(db, filename="c.pdf", content=b"%PDF", actor="fin")


def test_headline_figures_file_goes_into_the_draft_report(db) -> None:
    content = b'figure,value\nContracts reviewed,71\nsaved_to_date,"\xc2\xa31,062,215"\n'
    result = import_file(db, filename="board.csv", content=content, actor="fin")
    assert result.figures == {"contracts_reviewed": 71, "saved_to_date": 106_221_500}
    report = reconciliation.current_report(db)
    line = next(
        x for x in reconciliation.reconcile(db, report).lines if x.figure == "saved_to_date"
    )
    assert line.typed_source == "imported from board.csv"
    with pytest.raises(ImportRejected, match="line 2: 'Colour' is not a headline figure"):
        import_file(db, filename="b.csv", content=b"figure,value\nColour,3\n", actor="fin")


def test_exported_text_cannot_run_as_a_formula(db) -> None:
    make_contract(db, notes='=HYPERLINK("http://x")', signed=False)
    assert b"'=HYPERLINK" in export_csv(service.list_contracts(db))


def test_excel_export_gives_numbers_and_dates_a_spreadsheet_can_add_up(db) -> None:
    import datetime as dt
    from decimal import Decimal

    from openpyxl import load_workbook

    make_contract(db, reference="SAV-1")
    book = load_workbook(io.BytesIO(export_xlsx(service.list_contracts(db))))
    header, row = list(book.worksheets[0].iter_rows(min_row=1, max_row=2))
    cells = {h.value: c for h, c in zip(header, row, strict=True)}
    assert cells["original_total"].value == 1_000_000 and cells["revised_total"].value == 800_000
    assert cells["original_total"].number_format == "#,##0.00"
    assert Decimal(str(cells["implementation_cost"].value)) == Decimal("10000")
    assert cells["start_date"].value == dt.datetime(2024, 4, 1)
    assert cells["term_years"].value == 2
    assert cells["category"].value == "new_commercial_arrangements"


def test_a_row_with_more_cells_than_the_header_is_refused_not_cut(db) -> None:
    header = ",".join(contract_row())
    shifted = ",".join(contract_row().values()) + ",INV-2024-0042,Ann Holder"
    with pytest.raises(ImportRejected) as caught:
        import_file(db, filename="c.csv", content=f"{header}\n{shifted}\n".encode(), actor="fin")
    assert "line 2: 2 more cell(s) than the header has columns" in caught.value.message
    assert service.list_contracts(db) == []
