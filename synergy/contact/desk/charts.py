"""Bar charts drawn on the server as SVG, so they need no script and print as they look.

Each chart is a title, bars with their values written beside them, and a text alternative;
the page puts the same figures in a table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

ROW_HEIGHT = 28
LABEL_WIDTH = 150
BAR_WIDTH = 260
VALUE_WIDTH = 70
BAR_COLOUR = "#1d70b8"  # one colour: bars differ by length and label, not by hue


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as written beside the bar


def bar_chart(title: str, bars: list[Bar], *, chart_id: str) -> Markup:
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    height = ROW_HEIGHT * max(1, len(bars)) + 8
    top = max((bar.value for bar in bars), default=0) or 1
    described = "; ".join(f"{bar.label}: {bar.shown}" for bar in bars) or "no figures"
    parts = [
        '<p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1" '
        f'aria-hidden="true">{escape(title)}</p>',
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        'class="synergy-chart">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(described)}</desc>',
    ]
    for index, bar in enumerate(bars):
        y = 4 + index * ROW_HEIGHT
        length = max(0.0, bar.value) / top * BAR_WIDTH
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 18}" text-anchor="end" font-size="14" '
            f'fill="#0b0c0c">{escape(bar.label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{length:.1f}" height="{ROW_HEIGHT - 8}" '
            f'fill="{BAR_COLOUR}"></rect>'
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + 18}" font-size="14" '
            f'fill="#0b0c0c">{escape(bar.shown)}</text>'
        )
    parts.append("</svg>")
    # Every piece of text in the drawing went through escape() above.
    return Markup("".join(parts))  # noqa: S704
