"""Import and export of the register as CSV and Excel (.xlsx).

An import reads every row and checks each one as the form would; every bad row is listed with
its line (the spreadsheet's row number, header = line 1) and reason, and if any row is bad
nothing at all is stored. A good file adds new references and updates existing ones (each
change kept in the contract's history). A file whose header is `figure,value` holds a
report's headline figures instead, and goes into the current draft report.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from sqlalchemy.orm import Session

from synergy.core.errors import InvalidRequest, SynergyError
from synergy.savings import reconciliation, service
from synergy.savings.models import Contract
from synergy.savings.money import plain_pounds, pounds
from synergy.savings.schemas import COLUMNS, LABELS, OPTIONAL, InvalidContract, parse_contract

MAX_BYTES = 5_000_000
MAX_ROWS = 10_000
HEADLINE_COLUMNS = ("figure", "value")
_MONEY_COLUMNS = {name for name in COLUMNS if hasattr(Contract, f"{name}_pence")}
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str


class ImportRejected(SynergyError):
    status_code = 422
    title = "The file was not imported"

    def __init__(self, problems: list[RowProblem]) -> None:
        count = len(problems)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} found; nothing was imported. "
            + "; ".join(f"line {p.line}: {p.reason}" for p in problems[:20])
        )
        self.problems = problems


@dataclass
class ImportResult:
    kind: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    figures: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        if self.kind == "figures":
            return f"{len(self.figures)} headline figures imported into the current report"
        return (
            f"{len(self.created)} contracts added, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged"
        )


Rows = list[tuple[int, list[Any]]]


def _csv_rows(content: bytes) -> Rows:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected(
            [RowProblem(1, "the file is not UTF-8 text (save as CSV UTF-8)")]
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: Rows = []
    try:
        for record in reader:
            rows.append((reader.line_num, list(record)))
    except csv.Error as exc:
        raise ImportRejected([RowProblem(reader.line_num, f"not valid CSV: {exc}")]) from None
    return rows


def _xlsx_rows(content: bytes) -> Rows:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ImportRejected([RowProblem(1, "the file is not an Excel workbook (.xlsx)")]) from None
    sheet = book.worksheets[0]
    rows: Rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        rows.append((number, list(values)))
        if number > MAX_ROWS + 1:
            break
    book.close()
    return rows


def read_rows(filename: str, content: bytes) -> Rows:
    if not content:
        raise ImportRejected([RowProblem(1, "the file is empty")])
    if len(content) > MAX_BYTES:
        raise ImportRejected([RowProblem(1, f"the file is larger than {MAX_BYTES:,} bytes")])
    name = filename.lower()
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(content)
    elif name.endswith(".csv"):
        rows = _csv_rows(content)
    else:
        raise ImportRejected([RowProblem(1, "choose a .csv or .xlsx file")])
    rows = [(n, cells) for n, cells in rows if any(str(c or "").strip() for c in cells)]
    if len(rows) > MAX_ROWS + 1:
        raise ImportRejected([RowProblem(1, f"the file has more than {MAX_ROWS:,} rows")])
    return rows


def _header(cells: list[Any]) -> list[str]:
    return [str(c or "").strip().lower().replace(" ", "_") for c in cells]


def _check_header(header: list[str], expected: tuple[str, ...]) -> list[RowProblem]:
    problems = []
    unknown = [h for h in header if h and h not in expected]
    missing = [c for c in expected if c not in header and c not in OPTIONAL]
    if unknown:
        problems.append(RowProblem(1, f"unknown column(s): {', '.join(unknown)}"))
    if missing:
        problems.append(RowProblem(1, f"missing column(s): {', '.join(missing)}"))
    if len(set(header)) != len(header):
        problems.append(RowProblem(1, "a column appears twice"))
    return problems


def _contract_rows(header: list[str], rows: Rows) -> Iterator[tuple[int, dict[str, Any]]]:
    for line, cells in rows:
        yield line, {name: cells[i] if i < len(cells) else None for i, name in enumerate(header)}


def _cells_past_header(header: list[str], cells: list[Any]) -> int:
    return sum(1 for cell in cells[len(header) :] if str(cell or "").strip())


def import_file(session: Session, *, filename: str, content: bytes, actor: str) -> ImportResult:
    """Check every row, then store all of them, or raise ImportRejected and store nothing."""
    rows = read_rows(filename, content)
    if not rows:
        raise ImportRejected([RowProblem(1, "the file has no header row")])
    (_, header_cells), data = rows[0], rows[1:]
    header = _header(header_cells)
    if set(header) == set(HEADLINE_COLUMNS):
        return _import_figures(session, header, data, actor=actor, filename=filename)
    problems = _check_header(header, COLUMNS)
    if problems:
        raise ImportRejected(problems)
    if not data:
        raise ImportRejected([RowProblem(1, "the file has a header but no contracts")])
    parsed = []
    seen: dict[str, int] = {}
    data_by_line = dict(data)
    for line, raw in _contract_rows(header, data):
        extra = _cells_past_header(header, data_by_line[line])
        if extra:
            # Usually an unquoted comma that shifted the row: refuse rather than drop data.
            problems.append(RowProblem(line, f"{extra} more cell(s) than the header has columns"))
            continue
        try:
            fields = parse_contract(raw)
        except InvalidContract as exc:
            for p in exc.problems:
                problems.append(RowProblem(line, f"{LABELS.get(p.field, p.field)} {p.message}"))
            continue
        if fields.reference in seen:
            problems.append(
                RowProblem(
                    line, f"reference {fields.reference} is also on line {seen[fields.reference]}"
                )
            )
            continue
        seen[fields.reference] = line
        parsed.append(fields)
    if problems:
        raise ImportRejected(problems)
    return _store(session, parsed, actor)


def _store(session: Session, parsed: list[Any], actor: str) -> ImportResult:
    result = ImportResult(kind="contracts")
    for fields in parsed:
        existing = service.find_by_reference(session, reference=fields.reference)
        if existing is None:
            service.create_contract(session, data=fields, actor=actor, action="imported")
            result.created.append(fields.reference)
            continue
        before = len(service.history(session, contract_id=existing.id))
        service.update_contract(
            session, contract_id=existing.id, data=fields, actor=actor, action="imported"
        )
        after = len(service.history(session, contract_id=existing.id))
        (result.updated if after > before else result.unchanged).append(fields.reference)
    return result


def _import_figures(
    session: Session, header: list[str], data: Rows, *, actor: str, filename: str
) -> ImportResult:
    by_label = {label.lower(): key for key, (label, _) in reconciliation.FIGURES.items()}
    values: dict[str, int] = {}
    problems = []
    for line, raw in _contract_rows(header, data):
        name = str(raw.get("figure") or "").strip()
        figure = name.lower().replace(" ", "_")
        figure = figure if figure in reconciliation.FIGURES else by_label.get(name.lower(), "")
        if not figure:
            problems.append(RowProblem(line, f"'{name}' is not a headline figure"))
            continue
        if figure in values:
            problems.append(RowProblem(line, f"{name} is given twice"))
            continue
        try:
            values[figure] = reconciliation.parse_figure(figure, raw.get("value"))
        except InvalidRequest as exc:
            problems.append(RowProblem(line, exc.message))
    if not values and not problems:
        problems.append(RowProblem(1, "the file has a header but no figures"))
    if problems:
        raise ImportRejected(problems)
    report = reconciliation.current_report(session, actor=actor)
    reconciliation.enter_figures(
        session, report_id=report.id, values=values, source=f"imported from {filename}"[:200],
        actor=actor,
    )  # fmt: skip
    return ImportResult(kind="figures", figures=values)


def _row(contract: Contract) -> list[str]:
    values: list[str] = []
    for name in COLUMNS:
        attribute = f"{name}_pence" if hasattr(contract, f"{name}_pence") else name
        value = getattr(contract, attribute)
        if attribute.endswith("_pence"):
            values.append(plain_pounds(value))
        elif name == "cashable":
            values.append("yes" if value else "no")
        elif value is None:
            values.append("")
        elif hasattr(value, "isoformat"):
            values.append(value.isoformat())
        else:
            values.append(str(value))
    return values


def _safe_cell(text: str) -> str:
    # A cell starting with = + - @ is a formula to a spreadsheet: neutralise it (CSV injection),
    # except for negative numbers.
    if text[:1] in ("=", "+", "@") or (text[:1] == "-" and not text[1:2].isdigit()):
        return "'" + text
    return text


def export_csv(contracts: list[Contract]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for contract in contracts:
        writer.writerow([_safe_cell(v) for v in _row(contract)])
    return buffer.getvalue().encode("utf-8-sig")


def _typed_cell(name: str, contract: Contract, text: str) -> object:
    """An Excel cell as a spreadsheet user expects it: amounts and terms as numbers, dates as
    dates (so they sum and sort), everything else as the CSV's text."""
    if hasattr(contract, f"{name}_pence"):
        return pounds(getattr(contract, f"{name}_pence"))
    if name == "term_years":
        return contract.term_years
    value = getattr(contract, name, None)
    if isinstance(value, dt.date):
        return value
    return _safe_cell(text)


def export_xlsx(contracts: list[Contract]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Contracts"
    sheet.append(list(COLUMNS))
    for contract in contracts:
        sheet.append(
            [
                _typed_cell(name, contract, text)
                for name, text in zip(COLUMNS, _row(contract), strict=True)
            ]
        )
    for index, name in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        if name in _MONEY_COLUMNS:
            number_format = "#,##0.00"
        elif name.endswith(("_date", "_on")):
            number_format = "yyyy-mm-dd"
        else:
            continue
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.number_format = number_format
        sheet.column_dimensions[letter].width = 14
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
