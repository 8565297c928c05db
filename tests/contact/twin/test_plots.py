"""The plots: both sides drawn, as PNG and SVG, the same file for the same run."""

from __future__ import annotations

from synergy.contact.twin.assistant import load_figures
from synergy.contact.twin.plots import plot_month
from synergy.contact.twin.scenario import Rota, Scenario, shift_rota
from synergy.contact.twin.service import run_month

ROTA = Rota.every_day(shift_rota(early=3, late=3, night=1), shift_rota(1, 1, 0))


def test_the_same_month_draws_the_same_files(tmp_path):
    scenario, figures = Scenario(calls_per_month=2000, days=7, rota=ROTA), load_figures()
    with_it = run_month(scenario, figures, with_assistant=True, seed=1)
    without = run_month(scenario, figures, with_assistant=False, seed=1)

    def draw(folder: str) -> list[bytes]:
        paths = plot_month(with_it, without, target_seconds=60, current=ROTA, suggested=ROTA,
                           directory=tmp_path / folder)  # fmt: skip
        assert [p.suffix for p in paths] == [".png", ".svg"]
        return [p.read_bytes() for p in paths]

    first, second = draw("a"), draw("b")
    assert first == second
    svg = first[1].decode("utf-8")
    titles = ("Service level", "Callers who hung up", "Vulnerable callers answered within",
              "Agent occupancy", "Agents on duty", "with the assistant", "without it")  # fmt: skip
    for title in titles:
        assert f">{title}" in svg  # as text a screen reader can read, not only as outlines
