"""Server-drawn SVG bar charts: every label readable apart, every value shown."""

from __future__ import annotations

import re

from synergy.savings.charts import bar_chart


def test_labels_alike_at_the_start_still_read_apart() -> None:
    svg = bar_chart(
        "c", "Saved",
        [("Microsoft Sentinel - 100GB Commitment", 5_082_011),
         ("Microsoft Sentinel - Data Error", 2_272_860), ("COSAIN", 4_780_800)],
    )  # fmt: skip
    labels = [
        " ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", text))
        for text in re.findall(r'<text text-anchor="end".*?</text>', svg)
    ]
    assert labels == [
        "Microsoft Sentinel - 100GB Commitment",
        "Microsoft Sentinel - Data Error",
        "COSAIN",
    ]
    assert "£50,820" in svg and "£22,729" in svg and "£47,808" in svg


def test_a_very_long_label_is_cut_after_two_lines_and_escaped() -> None:
    svg = bar_chart("c", "Saved", [("<b>" + "word " * 30, 100)])
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert len(lines) == 2 and lines[1].endswith("…")
    assert "<b>" not in svg and "&lt;b&gt;" in svg
