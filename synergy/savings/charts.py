"""Bar charts drawn on the server as SVG (no script), each given a text title and description
for screen readers; the page puts the same figures in a table beside every chart."""

from __future__ import annotations

import textwrap

from markupsafe import Markup, escape

from synergy.savings.money import format_pounds

BAR_HEIGHT = 26
GAP = 8
LABEL_WIDTH = 250
BAR_WIDTH = 230
VALUE_WIDTH = 130
BAR_COLOUR = "#1d70b8"  # GOV.UK blue: 5.2:1 against white
TEXT_COLOUR = "#0b0c0c"


LINE_CHARS = 26
LINE_HEIGHT = 19


def _label_lines(label: str) -> list[str]:
    """Up to two lines, so that labels alike at the start (two "Microsoft Sentinel - …"
    contracts) still read apart; a longer label is cut at the end of the second line."""
    lines = textwrap.wrap(label, LINE_CHARS, break_long_words=True) or [""]
    if len(lines) > 2:
        lines = [lines[0], lines[1][: LINE_CHARS - 1] + "…"]
    return lines


def _label(x: int, middle: float, lines: list[str]) -> str:
    first = middle - (len(lines) - 1) * LINE_HEIGHT / 2
    spans = "".join(
        f'<tspan x="{x}" y="{first + i * LINE_HEIGHT:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text text-anchor="end" font-size="16" fill="{TEXT_COLOUR}">{spans}</text>'


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int]]) -> Markup:
    """Horizontal bars for amounts in pence; negative amounts draw as empty bars."""
    labels = [_label_lines(label) for label, _ in rows]
    pitch = BAR_HEIGHT + GAP + (LINE_HEIGHT if any(len(lines) > 1 for lines in labels) else 0)
    height = max(1, len(rows)) * pitch + GAP
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
    for index, ((_, value), lines) in enumerate(zip(rows, labels, strict=True)):
        y = GAP + index * pitch + (pitch - BAR_HEIGHT - GAP) / 2
        length = 0 if value <= 0 else max(1, round(BAR_WIDTH * value / top))
        middle = y + BAR_HEIGHT * 0.7
        parts.append(
            _label(LABEL_WIDTH - 6, middle, lines)
            + f'<rect x="{LABEL_WIDTH}" y="{y:.1f}" width="{length}" height="{BAR_HEIGHT}" '
            f'fill="{BAR_COLOUR}"></rect>'
            f'<text x="{LABEL_WIDTH + length + 6}" y="{middle:.1f}" font-size="17" '
            f'fill="{TEXT_COLOUR}">{escape(format_pounds(value, whole=True))}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text part above is escaped
