"""Queueing formulas for a pool of identical agents: Erlang C (callers wait as long as it takes)
and Erlang A (callers hang up after an exponentially distributed patience).

They serve two purposes: the reference the simulator is checked against, and the quick staffing
suggestion (`agents_needed`). They share no code with the simulator. Erlang C is the closed form;
Erlang A is the birth-death chain of the number of callers in the system, solved numerically, with
the waiting time of a tagged caller followed through the queue ahead of them.

Rates are per second. "Probability of waiting" is the share of arriving callers who find every
agent busy; "average speed of answer" is the mean wait of the callers who are answered; "service
level" is the share of *all* arriving callers who are answered within the target.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.sparse.linalg import expm_multiply

# States past this share of probability are dropped from the chain.
_TAIL = 1e-14


@dataclass(frozen=True)
class QueueFigures:
    p_wait: float
    asa_seconds: float
    abandoned_share: float
    service_level: float


def erlang_b(offered: float, agents: int) -> float:
    """Blocking probability for `offered` Erlangs on `agents` lines (stable recursion)."""
    blocking = 1.0
    for k in range(1, agents + 1):
        blocking = offered * blocking / (k + offered * blocking)
    return blocking


def erlang_c(
    arrival_rate: float, handle_seconds: float, agents: int, target_seconds: float
) -> QueueFigures:
    """M/M/n with infinite patience. Requires arrivals below capacity."""
    offered = arrival_rate * handle_seconds
    if offered >= agents:
        raise ValueError(
            f"{offered:.2f} Erlangs offered to {agents} agents: without abandonment the queue "
            "grows without limit"
        )
    blocking = erlang_b(offered, agents)
    occupancy = offered / agents
    p_wait = blocking / (1 - occupancy + occupancy * blocking)
    drain = agents / handle_seconds - arrival_rate
    return QueueFigures(
        p_wait=p_wait,
        asa_seconds=p_wait / drain,
        abandoned_share=0.0,
        service_level=1 - p_wait * math.exp(-drain * target_seconds),
    )


def erlang_a(
    arrival_rate: float,
    handle_seconds: float,
    agents: int,
    patience_seconds: float,
    target_seconds: float,
) -> QueueFigures:
    """M/M/n+M: callers abandon at rate 1/patience while they wait."""
    service, abandon = 1 / handle_seconds, 1 / patience_seconds
    states = _stationary(arrival_rate, service, abandon, agents)
    queued = states[agents:]  # probability an arrival finds k = 0, 1, ... callers ahead
    ahead = np.arange(len(queued))
    # A tagged caller with j callers ahead moves up at rate n*service + j*abandon and leaves
    # at rate `abandon`; the time in each stage does not depend on how the stage ends.
    advance = agents * service + ahead * abandon
    stay = advance / (advance + abandon)
    survive = np.cumprod(stay)  # P(answered | k ahead)
    mean_wait = np.cumsum(1 / (advance + abandon))  # E[wait | answered, k ahead]
    p_wait = float(queued.sum())
    answered = float(states[:agents].sum() + (queued * survive).sum())
    waited_and_answered = float((queued * survive * mean_wait).sum())
    within = _answered_within(advance, abandon, target_seconds)
    return QueueFigures(
        p_wait=p_wait,
        asa_seconds=waited_and_answered / answered,
        abandoned_share=1 - answered,
        service_level=float(states[:agents].sum() + (queued * within).sum()),
    )


def _stationary(arrival: float, service: float, abandon: float, agents: int) -> np.ndarray:
    """Stationary distribution of the number of callers in the system, truncated at a tail."""
    weights = [1.0]
    peak, n = 1.0, 0
    while True:
        n += 1
        departures = min(n, agents) * service + max(0, n - agents) * abandon
        weights.append(weights[-1] * arrival / departures)
        peak = max(peak, weights[-1])
        if n > agents and weights[-1] < _TAIL * peak:
            break
    probabilities: np.ndarray = np.array(weights)
    probabilities /= probabilities.sum()
    return probabilities


def _answered_within(advance: np.ndarray, abandon: float, target: float) -> np.ndarray:
    """P(answered within `target` | k ahead) for each k: a pure-death chain through the queue
    ahead with two absorbing ends (answered, abandoned), solved by the matrix exponential."""
    size = len(advance)
    answered, gave_up = size, size + 1
    generator = np.zeros((size + 2, size + 2))
    for j in range(size):
        generator[j, j - 1 if j else answered] = advance[j]
        generator[j, gave_up] = abandon
        generator[j, j] = -(advance[j] + abandon)
    ends_answered = np.zeros(size + 2)
    ends_answered[answered] = 1.0
    # Column `answered` of exp(generator * target): P(absorbed there by `target` | start).
    within: np.ndarray = expm_multiply(generator * target, ends_answered)[:size]
    return within


def agents_needed(
    arrival_rate: float,
    handle_seconds: float,
    patience_seconds: float | None,
    target_seconds: float,
    service_level: float,
) -> int:
    """The fewest agents whose service level reaches `service_level` (at least one)."""
    if arrival_rate <= 0:
        return 0
    agents = max(1, math.floor(arrival_rate * handle_seconds))
    while True:
        if patience_seconds is None:
            if agents > arrival_rate * handle_seconds:
                figures = erlang_c(arrival_rate, handle_seconds, agents, target_seconds)
                if figures.service_level >= service_level:
                    return agents
        else:
            figures = erlang_a(
                arrival_rate, handle_seconds, agents, patience_seconds, target_seconds
            )
            if figures.service_level >= service_level:
                return agents
        agents += 1
