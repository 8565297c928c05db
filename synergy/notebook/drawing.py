"""Vector drawings (sketches and signatures) as SVG path data, for pages."""

from __future__ import annotations

from markupsafe import Markup

from synergy.notebook.schemas import Drawing


def path_data(drawing: Drawing) -> str:
    parts = []
    for stroke in drawing.strokes:
        if not stroke:
            continue
        x, y = stroke[0]
        parts.append(f"M{x:.1f} {y:.1f}")
        parts.extend(f"L{px:.1f} {py:.1f}" for px, py in stroke[1:])
        if len(stroke) == 1:
            parts.append(f"L{x + 0.5:.1f} {y + 0.5:.1f}")
    return " ".join(parts)


def svg(drawing: Drawing) -> Markup:
    """Decorative: the page puts the text description (or typed name) beside it."""
    return Markup(  # noqa: S704 - only numbers go into this markup
        f'<svg class="notebook-drawing" viewBox="0 0 {drawing.width} {drawing.height}" '
        f'aria-hidden="true" focusable="false"><path d="{path_data(drawing)}" fill="none" '
        'stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>'
    )
