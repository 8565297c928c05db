"""The headline report as a PDF (ReportLab): the figures, each difference with its explanation,
the table by application and a bar chart drawn beside its own data table."""

from __future__ import annotations

import io

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from synergy.savings.money import format_pounds
from synergy.savings.reconciliation import Reconciliation

BLUE = colors.HexColor("#1d70b8")
GRID = TableStyle(
    [
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
)


def _bar(value: int, top: int, width: float) -> Drawing:
    """One row's bar, drawn in the row itself so that each bar sits beside its figure."""
    drawing = Drawing(width, 9)
    length = 0 if value <= 0 or top <= 0 else max(1, width * value / top)
    drawing.add(Rect(0, 0, length, 9, fillColor=BLUE, strokeColor=None))
    return drawing


def render_report(result: Reconciliation) -> bytes:
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, title=result.report.title, author="Savings register",
        leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm,
    )  # fmt: skip
    report = result.report
    status = "FINAL" if report.status == "final" else "DRAFT: not yet final"
    story = [
        Paragraph(report.title, styles["Title"]),
        Paragraph(f"As at {report.as_at:%d %B %Y}. {status}.", styles["Normal"]),
        Spacer(1, 4 * mm),
        Paragraph("Headline figures", styles["Heading2"]),
    ]
    rows = [["Figure", "Headline", "From the items", "Difference"]]
    for line in result.lines:
        rows.append(
            [
                Paragraph(line.label, styles["BodyText"]),
                line.show(line.typed),
                line.show(line.items),
                line.show(line.difference) if line.disagrees else "",
            ]
        )
    story.append(Table(rows, colWidths=[70 * mm, 35 * mm, 35 * mm, 35 * mm], style=GRID))
    if result.disagreements:
        story.append(Paragraph("Differences and their explanations", styles["Heading2"]))
        for line in result.disagreements:
            text = line.explanation or "NOT YET EXPLAINED"
            story.append(
                Paragraph(
                    f"<b>{line.label}</b>: {line.show(line.difference)}. {_safe(text)}",
                    styles["BodyText"],
                )
            )
    story.append(Paragraph("Amount saved to date by application", styles["Heading2"]))
    chart_rows = [(r.application, r.to_date_pence) for r in result.totals.by_application]
    top = max([value for _, value in chart_rows], default=0)
    table = [["Application", "Saved to date", "Chart"]] + [
        [
            Paragraph(_safe(name), styles["BodyText"]),
            format_pounds(value),
            _bar(value, top, 70 * mm),
        ]
        for name, value in chart_rows
    ]
    story.append(Table(table, colWidths=[75 * mm, 30 * mm, 75 * mm], style=GRID, repeatRows=1))
    story.append(Spacer(1, 3 * mm))
    story.append(
        Paragraph(
            "Savings are net of implementation costs and count only once signed off by the "
            "budget holder and finance with evidence (Crown Commercial Service method).",
            styles["Italic"],
        )
    )
    doc.build(story)
    return buffer.getvalue()


def _safe(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
