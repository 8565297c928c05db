"""Bar charts drawn on the server as SVG (no script), each given a text title and description
for screen readers; the page puts the same figures in a table beside every chart."""

from __future__ import annotations

from markupsafe import Markup, escape

from synergy.savings.money import format_pounds

BAR_HEIGHT = 26
GAP = 8
LABEL_WIDTH = 250
BAR_WIDTH = 230
VALUE_WIDTH = 130
BAR_COLOUR = "#1d70b8"  # GOV.UK blue: 5.2:1 against white
TEXT_COLOUR = "#0b0c0c"


def _short(label: str, limit: int = 22) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int]]) -> Markup:
    """Horizontal bars for amounts in pence; negative amounts draw as empty bars."""
    height = max(1, len(rows)) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    top = max([value for _, value in rows if value > 0], default=1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="synergy-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">Bar chart of {len(rows)} amounts; the table beside it '
        "gives the same figures.</desc>",
    ]
    for index, (label, value) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = 0 if value <= 0 else max(1, round(BAR_WIDTH * value / top))
        middle = y + BAR_HEIGHT * 0.7
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{middle:.1f}" text-anchor="end" font-size="17" '
            f'fill="{TEXT_COLOUR}">{escape(_short(label))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" '
            f'fill="{BAR_COLOUR}"></rect>'
            f'<text x="{LABEL_WIDTH + length + 6}" y="{middle:.1f}" font-size="17" '
            f'fill="{TEXT_COLOUR}">{escape(format_pounds(value, whole=True))}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text part above is escaped
