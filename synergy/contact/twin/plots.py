"""The month, with and without the assistant, drawn side by side (PNG and SVG).

Matplotlib draws off screen (the Agg backend). The SVG carries no date and fixed element ids, so
the same run gives the same file, and keeps its text as text.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first
import numpy as np  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

from synergy.contact.twin.results import MonthResult  # noqa: E402
from synergy.contact.twin.scenario import Rota  # noqa: E402

WITH, WITHOUT = "#1d70b8", "#d4351c"  # GOV.UK blue and red
HOURS = np.arange(24)


def plot_month(
    with_assistant: MonthResult,
    without_assistant: MonthResult,
    *,
    target_seconds: float,
    current: Rota,
    suggested: Rota,
    directory: Path,
    name: str = "twin-month",
) -> list[Path]:
    """Write `name`.png and `name`.svg into `directory`; returns their paths."""
    # fixed ids, and text kept as text (searchable, read aloud, smaller)
    with plt.rc_context({"svg.hashsalt": "synergy-twin", "svg.fonttype": "none"}):
        return _draw(with_assistant, without_assistant, target_seconds, current, suggested,
                     directory / name)  # fmt: skip


def _draw(
    with_assistant: MonthResult,
    without_assistant: MonthResult,
    target_seconds: float,
    current: Rota,
    suggested: Rota,
    stem: Path,
) -> list[Path]:
    figure, axes = plt.subplots(3, 2, figsize=(11, 11), layout="constrained")
    pair = (with_assistant, without_assistant)
    _by_hour(axes[0][0], pair, "hourly_service_level",
             f"Service level (answered within {target_seconds:.0f} s)")  # fmt: skip
    _by_hour(axes[0][1], pair, "hourly_abandoned_share", "Callers who hung up")
    _vulnerable_waits(axes[1][0], pair, target_seconds)
    _by_hour(axes[1][1], pair, "hourly_occupancy", "Agent occupancy")
    _rotas(axes[2][0], current, suggested)
    _headlines(axes[2][1], pair)
    figure.suptitle("101 in a simulated month: with the assistant and without it")
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = [stem.with_suffix(".png"), stem.with_suffix(".svg")]
    figure.savefig(paths[0], dpi=100, metadata={"Software": None})
    figure.savefig(paths[1], metadata={"Date": None})
    plt.close(figure)
    return paths


def _by_hour(axes: Axes, pair: tuple[MonthResult, MonthResult], field: str, title: str) -> None:
    for result, colour in zip(pair, (WITH, WITHOUT), strict=True):
        label = "with the assistant" if result.with_assistant else "without it"
        axes.plot(HOURS, getattr(result, field), marker="o", color=colour, label=label)
    axes.set(title=title, xlabel="hour of the day", ylim=(0, 1.02), xticks=range(0, 24, 3))
    axes.yaxis.set_major_formatter("{x:.0%}")
    axes.legend(loc="lower left")


def _vulnerable_waits(
    axes: Axes, pair: tuple[MonthResult, MonthResult], target_seconds: float
) -> None:
    for result, colour in zip(pair, (WITH, WITHOUT), strict=True):
        waits = np.sort(np.array(result.vulnerable_answer_waits))
        if result.vulnerable_put_through == 0:
            continue
        # Of all vulnerable callers put through: those who hung up are never "answered".
        shares = np.arange(1, len(waits) + 1) / result.vulnerable_put_through
        label = "with the assistant" if result.with_assistant else "without it"
        axes.step(waits, shares, where="post", color=colour, label=label)
    axes.axvline(target_seconds, color="#505a5f", linestyle="--", label="target")
    axes.set(title="Vulnerable callers answered within", xlabel="seconds waiting",
             xlim=(0, 600), ylim=(0, 1.02))  # fmt: skip
    axes.yaxis.set_major_formatter("{x:.0%}")
    axes.legend(loc="lower right")


def _rotas(axes: Axes, current: Rota, suggested: Rota) -> None:
    axes.step(HOURS, current.agents[0], where="mid", color="#505a5f", label="rota")
    axes.step(HOURS, suggested.agents[0], where="mid", color=WITH,
              label="suggested, with the assistant")  # fmt: skip
    axes.set(title="Agents on duty, Monday", xlabel="hour of the day", xticks=range(0, 24, 3))
    axes.legend(loc="upper left")


def _headlines(axes: Axes, pair: tuple[MonthResult, MonthResult]) -> None:
    names = ("service level", "hung up", "vulnerable within target", "occupancy")
    values = [
        (r.service_level, r.abandoned_share, r.vulnerable_within_target, r.occupancy) for r in pair
    ]
    width = 0.38
    for offset, (result, colour, row) in enumerate(zip(pair, (WITH, WITHOUT), values,
                                                       strict=True)):  # fmt: skip
        label = "with the assistant" if result.with_assistant else "without it"
        positions = np.arange(len(names)) + (offset - 0.5) * width
        bars = axes.bar(positions, row, width, color=colour, label=label)
        axes.bar_label(bars, labels=[f"{v:.0%}" for v in row], fontsize=8)
    axes.set(title="The month", xticks=range(len(names)), ylim=(0, 1.1))
    axes.set_xticklabels(names, fontsize=8)
    axes.yaxis.set_major_formatter("{x:.0%}")
    axes.legend(loc="upper right")
