"""The quick form of the twin: one queue, identical agents, first come first served, Poisson
arrivals at a constant rate, exponential handle times and (optionally) exponential patience.

For this one model the waits follow from a recursion over the callers in arrival order: a caller
is answered when the earliest agent frees after everyone ahead who stayed has been answered, and
hangs up first if their patience is shorter than that wait. This is exact (it is what the event
model in `model.py` computes too, call for call, and a test checks that), and it runs about
twenty times faster than events, which is what lets the Erlang checks run millions of calls in
seconds.
"""

from __future__ import annotations

import heapq
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from synergy.contact.twin.erlang import QueueFigures, erlang_a, erlang_c

# A typo in --hours should not take the machine down: one run holds its calls in memory (about
# 160 bytes each), and a million calls take about a second.
MAX_CALLS_PER_RUN = 5_000_000
MAX_CALLS = 20_000_000


@dataclass(frozen=True)
class QuickScenario:
    arrivals_per_hour: float
    handle_seconds: float
    agents: int
    hours: float
    seed: int
    patience_seconds: float | None = None
    target_seconds: float = 60.0
    replications: int = 1

    def __post_init__(self) -> None:
        problems = []
        if not self.arrivals_per_hour > 0:
            problems.append("--arrivals-per-hour must be more than 0")
        if not self.handle_seconds > 0:
            problems.append("--handle-seconds must be more than 0")
        if self.agents < 1:
            problems.append("--agents must be at least 1")
        if not self.hours > 0:
            problems.append("--hours must be more than 0")
        if self.patience_seconds is not None and not self.patience_seconds > 0:
            problems.append("--patience-seconds must be more than 0")
        if not self.target_seconds >= 0:
            problems.append("--target-seconds must be 0 or more")
        if self.replications < 1:
            problems.append("--replications must be at least 1")
        per_run = self.arrivals_per_hour * self.hours
        too_many = per_run > MAX_CALLS_PER_RUN or per_run * self.replications > MAX_CALLS
        if not problems and too_many:
            problems.append(
                f"the quick form runs at most {MAX_CALLS_PER_RUN:,} calls a replication and "
                f"{MAX_CALLS:,} in all (asked: {per_run:,.0f} x {self.replications})"
            )
        if problems:
            raise ValueError("; ".join(problems))


@dataclass(frozen=True)
class QuickResult:
    calls: int
    answered: int
    p_wait: float
    asa_seconds: float
    abandoned_share: float
    service_level: float
    occupancy: float
    # Spread of the figure between replications (None with one replication).
    p_wait_standard_error: float | None
    asa_standard_error: float | None


def serve_in_order(
    arrivals: Sequence[float],
    handles: Sequence[float],
    patiences: Sequence[float],
    agents: int,
) -> tuple[list[float], list[bool]]:
    """Each caller's wait (until answered, or until they hung up) and whether they were
    answered. Arrivals must be in order; a patience of `math.inf` means the caller never hangs up.
    """
    free_at = [0.0] * agents  # a heap: when each agent is next free
    waits: list[float] = []
    answered: list[bool] = []
    wait_for, answer = waits.append, answered.append  # bound once: this loop is the hot path
    take_agent = heapq.heapreplace
    for arrival, handle, patience in zip(arrivals, handles, patiences, strict=True):
        wait = free_at[0] - arrival
        if wait <= 0:
            wait_for(0.0)
            answer(True)
            take_agent(free_at, arrival + handle)
        elif wait <= patience:
            wait_for(wait)
            answer(True)
            take_agent(free_at, free_at[0] + handle)
        else:
            wait_for(patience)
            answer(False)
    return waits, answered


def draw_calls(
    scenario: QuickScenario, rng: np.random.Generator
) -> tuple[list[float], list[float], list[float]]:
    """Arrival times, handle times and patiences for one run."""
    horizon = scenario.hours * 3600
    mean_gap = 3600 / scenario.arrivals_per_hour
    expected = horizon / mean_gap
    # Enough gaps to pass the horizon but for a chance far below 1e-12 (then draw more).
    gaps = rng.exponential(mean_gap, int(expected + 8 * math.sqrt(expected) + 20))
    arrivals = np.cumsum(gaps)
    while arrivals[-1] <= horizon:
        more = np.cumsum(rng.exponential(mean_gap, len(arrivals))) + arrivals[-1]
        arrivals = np.concatenate([arrivals, more])
    arrivals = arrivals[: int(np.searchsorted(arrivals, horizon, side="right"))]
    count = len(arrivals)
    handles = rng.exponential(scenario.handle_seconds, count)
    if scenario.patience_seconds is None:
        patiences = np.full(count, math.inf)
    else:
        patiences = rng.exponential(scenario.patience_seconds, count)
    return arrivals.tolist(), handles.tolist(), patiences.tolist()


@dataclass
class _Tally:
    calls: int
    waited: int
    answered: int
    answered_wait: float
    within_target: int
    busy_seconds: float


def _run_once(scenario: QuickScenario, rng: np.random.Generator) -> _Tally:
    arrivals, handles, patiences = draw_calls(scenario, rng)
    wait_list, answered_list = serve_in_order(arrivals, handles, patiences, scenario.agents)
    waits, answered = np.array(wait_list), np.array(answered_list, dtype=bool)
    return _Tally(
        calls=len(waits),
        waited=int(np.count_nonzero(waits > 0)),
        answered=int(np.count_nonzero(answered)),
        answered_wait=float(waits[answered].sum()),
        within_target=int(np.count_nonzero(answered & (waits <= scenario.target_seconds))),
        busy_seconds=float(np.array(handles)[answered].sum()),
    )


def simulate_quick(scenario: QuickScenario) -> QuickResult:
    seeds = np.random.SeedSequence(scenario.seed).spawn(scenario.replications)
    tallies = [_run_once(scenario, np.random.default_rng(seed)) for seed in seeds]
    calls = sum(t.calls for t in tallies)
    answered = sum(t.answered for t in tallies)
    capacity = scenario.agents * scenario.hours * 3600 * scenario.replications
    return QuickResult(
        calls=calls,
        answered=answered,
        p_wait=_share(sum(t.waited for t in tallies), calls),
        asa_seconds=_share(sum(t.answered_wait for t in tallies), answered),
        abandoned_share=_share(calls - answered, calls),
        service_level=_share(sum(t.within_target for t in tallies), calls),
        occupancy=min(1.0, sum(t.busy_seconds for t in tallies) / capacity),
        p_wait_standard_error=_standard_error([_share(t.waited, t.calls) for t in tallies]),
        asa_standard_error=_standard_error(
            [_share(t.answered_wait, t.answered) for t in tallies]
        ),
    )


def formula_for(scenario: QuickScenario) -> QueueFigures | None:
    """What Erlang C or Erlang A says for the same scenario (None where Erlang C has no steady
    state: arrivals at or above what the agents can handle and nobody hangs up)."""
    rate = scenario.arrivals_per_hour / 3600
    if scenario.patience_seconds is None:
        if rate * scenario.handle_seconds >= scenario.agents:
            return None
        return erlang_c(rate, scenario.handle_seconds, scenario.agents, scenario.target_seconds)
    return erlang_a(
        rate,
        scenario.handle_seconds,
        scenario.agents,
        scenario.patience_seconds,
        scenario.target_seconds,
    )


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def _standard_error(values: list[float]) -> float | None:
    if len(values) < 2:
        return None
    return statistics.stdev(values) / math.sqrt(len(values))
