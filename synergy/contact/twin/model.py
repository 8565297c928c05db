"""The event model of a month of 101 calls, on SimPy.

SimPy keeps the clock and the calendar of events; this module says what happens at each event.
A caller rings; with the assistant they first talk to it, and it either finishes the call
(containment) or puts them through, ahead of the queue if it judged them vulnerable. Callers
wait in three queues, answered in this order: prioritised callers, the ordinary queue, then the
call backs that waiting callers asked for. A vulnerable caller is offered first to a free agent
trained for vulnerable callers, anyone else first to a free agent who is not. A caller whose
patience runs out hangs up and may ring again. Agents come on and go off duty each hour by the
rota; an agent whose shift ends finishes the call in hand first.

Callers' arrival, needs, the assistant's route, handle times and patience are drawn before the
run (`draw_callers`), so the runs with and without the assistant see the same callers.
"""

from __future__ import annotations

import math
import random
from collections import deque
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import simpy

from synergy.contact.twin.assistant import (
    CONTAINED,
    NEEDS,
    NEEDS_AGENT,
    NEEDS_PRIORITY,
    PRIORITISED,
    ROUTES,
    SELF_SERVICE,
    AssistantFigures,
)
from synergy.contact.twin.scenario import Scenario

# What became of a call.
ANSWERED = "answered"
ABANDONED = "abandoned"
CALLBACK = "callback"  # left the queue with a call back booked
_WAITING = "waiting"


class Caller:
    __slots__ = (
        "arrival", "need", "route", "handle", "patience", "accepts_callback", "redial",
        "outcome", "queued_at", "wait", "callback_at",
    )  # fmt: skip

    def __init__(
        self,
        arrival: float,
        need: str,
        route: str,
        handle: float,
        patience: float,
        accepts_callback: bool = False,
        redial: bool = False,
    ) -> None:
        self.arrival, self.need, self.route = arrival, need, route
        self.handle, self.patience = handle, patience
        self.accepts_callback, self.redial = accepts_callback, redial
        self.outcome: str | None = None
        self.queued_at: float | None = None  # when put through to the agents' queue
        self.wait = 0.0  # in the agents' queue, until answered, hung up or a call back booked
        self.callback_at: float | None = None  # when an agent rang back


class _Agent:
    __slots__ = ("specialist", "leaving")

    def __init__(self, specialist: bool) -> None:
        self.specialist = specialist
        self.leaving = False


@dataclass
class MonthLog:
    """Everything measured in one run."""

    hours: int
    callers: list[Caller] = field(default_factory=list)
    busy_seconds: list[float] = field(default_factory=list)  # per hour, by when the call began
    staffed_seconds: list[float] = field(default_factory=list)  # per hour, from the rota


def handle_sampler(scenario: Scenario) -> Callable[[np.random.Generator, int], np.ndarray]:
    """Log-normal handle times with the scenario's mean and standard deviation."""
    sigma = math.sqrt(math.log1p((scenario.handle_sd_seconds / scenario.handle_mean_seconds) ** 2))
    mu = math.log(scenario.handle_mean_seconds) - sigma * sigma / 2

    def draw(rng: np.random.Generator, count: int) -> np.ndarray:
        return rng.lognormal(mu, sigma, count)

    return draw


def draw_callers(
    scenario: Scenario, figures: AssistantFigures, rng: np.random.Generator
) -> list[Caller]:
    """The month's first-time callers, in order of arrival."""
    rates = scenario.arrivals_per_hour()
    counts = rng.poisson(rates)
    starts = np.repeat(np.arange(len(rates)) * 3600.0, counts)
    arrivals = np.sort(starts + rng.uniform(0.0, 3600.0, len(starts)))
    total = len(arrivals)
    shares = [
        scenario.vulnerable_share,
        1 - scenario.vulnerable_share - scenario.self_service_share,
        scenario.self_service_share,
    ]
    need_index = rng.choice(3, size=total, p=shares)
    needs = [(NEEDS_PRIORITY, NEEDS_AGENT, SELF_SERVICE)[i] for i in need_index]
    routes = _routes(needs, figures, rng)
    handles = handle_sampler(scenario)(rng, total)
    handles[need_index == 0] *= scenario.vulnerable_handle_factor
    patiences = rng.exponential(scenario.patience_mean_seconds, total)
    accepts = rng.random(total) < scenario.callback_accept_chance
    return [
        Caller(a, n, r, h, p, bool(c))
        for a, n, r, h, p, c in zip(
            arrivals.tolist(), needs, routes, handles.tolist(), patiences.tolist(),
            accepts.tolist(), strict=True,
        )  # fmt: skip
    ]


def _routes(needs: list[str], figures: AssistantFigures, rng: np.random.Generator) -> list[str]:
    draws = rng.random(len(needs)).tolist()
    cumulative = {
        need: np.cumsum([figures.route_chance[need][route] for route in ROUTES]).tolist()
        for need in NEEDS
    }
    chosen = []
    for need, u in zip(needs, draws, strict=True):
        edges = cumulative[need]
        chosen.append(next((r for r, edge in zip(ROUTES, edges, strict=True) if u < edge),
                           ROUTES[-1]))  # fmt: skip
    return chosen


class Month:
    """One run of the month: `run()` returns the log once every caller's call has ended."""

    def __init__(
        self,
        scenario: Scenario,
        callers: list[Caller],
        *,
        with_assistant: bool,
        figures: AssistantFigures | None,
        seed: int,
    ) -> None:
        self.scenario, self.callers = scenario, callers
        self.with_assistant, self.figures = with_assistant, figures
        self.env = simpy.Environment()
        self.random = random.Random(seed)  # noqa: S311 - a simulation, not secrets
        self.hours = scenario.days * 24
        self.horizon = self.hours * 3600.0
        self.log = MonthLog(self.hours, busy_seconds=[0.0] * (self.hours + 1))
        self.prioritised: deque[Caller] = deque()
        self.ordinary: deque[Caller] = deque()
        self.callbacks: deque[Caller] = deque()
        self.idle: dict[bool, list[_Agent]] = {True: [], False: []}  # by specialist
        # Insertion-ordered (not sets), so that a run depends on nothing but its seed.
        self.busy: dict[bool, dict[_Agent, None]] = {True: {}, False: {}}
        self.on_duty = {True: 0, False: 0}
        self._handles = handle_sampler(scenario)
        self._redial_rng = np.random.default_rng(seed)

    def start(self) -> None:
        """Set the callers ringing and the rota going; `env.run(until=...)` steps through."""
        for caller in self.callers:  # each arrival is one timed event, not a process step
            self.env.timeout(caller.arrival).callbacks.append(partial(self._arrive_event, caller))
        self.env.process(self._follow_rota())

    def run(self) -> MonthLog:
        self.start()
        self.env.run()
        return self.log

    # arrivals ----------------------------------------------------------------------------

    def _arrive(self, caller: Caller) -> None:
        self.log.callers.append(caller)
        if not self.with_assistant:
            self._put_through(caller)
            return
        contained = caller.route == CONTAINED
        seconds = (
            self.scenario.assistant_contained_seconds
            if contained
            else self.scenario.assistant_handover_seconds
        )
        after = self._finish_with_assistant if contained else self._put_through_event
        self.env.timeout(seconds).callbacks.append(partial(after, caller))

    def _finish_with_assistant(self, caller: Caller, _: simpy.Event) -> None:
        caller.outcome = CONTAINED
        if caller.need != SELF_SERVICE:  # sent away with the wrong help: may ring again
            self._maybe_redial(caller)

    def _put_through_event(self, caller: Caller, _: simpy.Event) -> None:
        self._put_through(caller)

    # the queues ----------------------------------------------------------------------------

    def _is_prioritised(self, caller: Caller) -> bool:
        return self.with_assistant and caller.route == PRIORITISED

    def _put_through(self, caller: Caller) -> None:
        caller.queued_at = self.env.now
        prioritised = self._is_prioritised(caller)
        agent = self._free_agent(prefer_specialist=prioritised)
        if agent is not None:
            self._answer(caller, agent)
            return
        caller.outcome = _WAITING
        (self.prioritised if prioritised else self.ordinary).append(caller)
        offer = self.scenario.callback_offer_seconds
        if self.with_assistant and not prioritised and offer < caller.patience:
            self.env.timeout(offer).callbacks.append(partial(self._offer_callback, caller))
        else:
            self._hang_up_after(caller.patience, caller)

    def _offer_callback(self, caller: Caller, _: simpy.Event) -> None:
        if caller.outcome != _WAITING:
            return
        if caller.accepts_callback:
            caller.outcome = CALLBACK
            caller.wait = self.env.now - (caller.queued_at or 0.0)
            self.callbacks.append(caller)
            return
        self._hang_up_after(caller.patience - self.scenario.callback_offer_seconds, caller)

    def _hang_up_after(self, seconds: float, caller: Caller) -> None:
        if math.isfinite(seconds):  # an endlessly patient caller never hangs up
            self.env.timeout(seconds).callbacks.append(partial(self._hang_up, caller))

    def _hang_up(self, caller: Caller, _: simpy.Event) -> None:
        if caller.outcome != _WAITING:
            return
        caller.outcome = ABANDONED
        caller.wait = caller.patience
        self._maybe_redial(caller)

    def _maybe_redial(self, caller: Caller) -> None:
        if self.random.random() >= self.scenario.redial_chance:
            return
        at = self.env.now + self.random.expovariate(1 / self.scenario.redial_mean_seconds)
        if at >= self.horizon:
            return  # next month's demand
        handle = float(self._handles(self._redial_rng, 1)[0])
        if caller.need == NEEDS_PRIORITY:
            handle *= self.scenario.vulnerable_handle_factor
        again = Caller(
            at,
            caller.need,
            self._reroute(caller),
            handle,
            self.random.expovariate(1 / self.scenario.patience_mean_seconds),
            self.random.random() < self.scenario.callback_accept_chance,
            redial=True,
        )
        self.env.timeout(at - self.env.now).callbacks.append(partial(self._arrive_event, again))

    def _reroute(self, caller: Caller) -> str:
        if self.figures is None:
            return caller.route
        chances = self.figures.route_chance[caller.need]
        return self.random.choices(ROUTES, weights=[chances[r] for r in ROUTES])[0]

    def _arrive_event(self, caller: Caller, _: simpy.Event) -> None:
        self._arrive(caller)

    # agents ------------------------------------------------------------------------------

    def _free_agent(self, *, prefer_specialist: bool) -> _Agent | None:
        first, second = self.idle[prefer_specialist], self.idle[not prefer_specialist]
        if first:
            return first.pop()
        if second:
            return second.pop()
        return None

    def _answer(self, caller: Caller, agent: _Agent) -> None:
        now = self.env.now
        if caller.outcome == CALLBACK:
            caller.callback_at = now
        else:
            caller.outcome = ANSWERED
            caller.wait = now - (caller.queued_at or now)
        self.busy[agent.specialist][agent] = None
        self.log.busy_seconds[min(int(now // 3600), self.hours)] += caller.handle
        self.env.timeout(caller.handle).callbacks.append(partial(self._finish, agent))

    def _finish(self, agent: _Agent, _: simpy.Event) -> None:
        del self.busy[agent.specialist][agent]
        if agent.leaving:
            agent.leaving = False
            return
        caller = self._next_in_line()
        if caller is None:
            self.idle[agent.specialist].append(agent)
        else:
            self._answer(caller, agent)

    def _next_in_line(self) -> Caller | None:
        for line, state in (
            (self.prioritised, _WAITING),
            (self.ordinary, _WAITING),
            (self.callbacks, CALLBACK),
        ):
            while line:
                caller = line.popleft()
                if caller.outcome == state and caller.callback_at is None:
                    return caller
        return None

    def _follow_rota(self) -> Generator[simpy.Event, None, None]:
        for hour in range(self.hours):
            weekday, hour_of_day = (hour // 24) % 7, hour % 24
            generalists, specialists = self.scenario.rota.on_duty(weekday, hour_of_day)
            self._staff(False, generalists)
            self._staff(True, specialists)
            self.log.staffed_seconds.append((generalists + specialists) * 3600.0)
            yield self.env.timeout(3600.0)

    def _staff(self, specialist: bool, wanted: int) -> None:
        while self.on_duty[specialist] > wanted:
            self.on_duty[specialist] -= 1
            if self.idle[specialist]:
                self.idle[specialist].pop()
            else:  # finishes the call in hand, then goes
                next(a for a in self.busy[specialist] if not a.leaving).leaving = True
        while self.on_duty[specialist] < wanted:
            self.on_duty[specialist] += 1
            staying = next((a for a in self.busy[specialist] if a.leaving), None)
            if staying is not None:
                staying.leaving = False
                continue
            caller = self._next_in_line()
            agent = _Agent(specialist)
            if caller is None:
                self.idle[specialist].append(agent)
            else:
                self._answer(caller, agent)
