"""The month the twin simulates: demand, callers, agents. Every default is either a figure from
the force's published report (cited) or an assumption, named as one, that a planner should
replace with their own data (docs/contact-twin.md lists them).

Seed report: West Midlands Police, "High Level Overview of the current IT Strategy", Accountability
and Governance Board, 22 October 2024, section 2.1 (101 AI): about 60,000 calls a month; in a
two-month trial the assistant answered 17,343 calls and prioritised 797 vulnerable callers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

# From the seed report.
CALLS_PER_MONTH = 60_000
TRIAL_CALLS = 17_343
TRIAL_VULNERABLE = 797

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# Assumption: the daily shape of non-emergency demand (relative calls per hour, 00:00 to 23:00):
# quiet overnight, rising from 08:00, flat through the day, easing through the evening.
HOUR_SHAPE = (
    1.2, 0.9, 0.7, 0.5, 0.4, 0.4, 0.6, 1.2, 2.4, 3.6, 4.2, 4.4,
    4.3, 4.3, 4.4, 4.5, 4.6, 4.6, 4.4, 4.0, 3.6, 3.0, 2.4, 1.7,
)  # fmt: skip
# Assumption: relative demand by weekday, Monday busiest, Sunday quietest.
WEEKDAY_SHAPE = (1.10, 1.05, 1.00, 1.00, 1.05, 0.95, 0.85)


def shift_rota(early: int, late: int, night: int) -> tuple[int, ...]:
    """Agents on duty in each hour of the day: early 07:00–15:00, late 14:00–22:00 (an hour's
    overlap for the afternoon peak), night 22:00–07:00."""
    return tuple(
        (early if 7 <= hour < 15 else 0)
        + (late if 14 <= hour < 22 else 0)
        + (night if hour >= 22 or hour < 7 else 0)
        for hour in range(24)
    )


@dataclass(frozen=True)
class Rota:
    """Agents on duty per hour of the week (7 × 24, Monday 00:00 first); `specialists` of them
    (per hour) are trained for vulnerable callers (domestic abuse, self-harm, missing children)."""

    agents: tuple[tuple[int, ...], ...]
    specialists: tuple[tuple[int, ...], ...]

    @classmethod
    def every_day(cls, agents: tuple[int, ...], specialists: tuple[int, ...]) -> Rota:
        return cls(agents=(agents,) * 7, specialists=(specialists,) * 7)

    def on_duty(self, weekday: int, hour: int) -> tuple[int, int]:
        """(generalists, specialists) on duty."""
        total, skilled = self.agents[weekday][hour], self.specialists[weekday][hour]
        return total - min(skilled, total), min(skilled, total)


# Assumption: today's rota, 12 on the early and late shifts and 5 at night, 2 of each shift
# (1 at night) trained for vulnerable callers.
DEFAULT_ROTA = Rota.every_day(
    agents=shift_rota(early=12, late=12, night=5),
    specialists=shift_rota(early=2, late=2, night=1),
)


@dataclass(frozen=True)
class Scenario:
    calls_per_month: int = CALLS_PER_MONTH
    days: int = 30  # the month starts on a Monday
    # Share of callers who need priority (vulnerable): the trial's 797 of 17,343.
    vulnerable_share: float = TRIAL_VULNERABLE / TRIAL_CALLS
    # Assumption: share of callers whose need the assistant could meet by itself (lost property,
    # updates on an existing report, general enquiries, matters for another agency).
    self_service_share: float = 0.30
    # Assumption: agent handle time (talk and wrap-up), log-normal; vulnerable calls take longer.
    handle_mean_seconds: float = 360.0
    handle_sd_seconds: float = 240.0
    vulnerable_handle_factor: float = 1.5
    # Assumption: how long callers will wait for an agent before hanging up (exponential).
    patience_mean_seconds: float = 300.0
    # Assumption: a caller who hung up rings again with this chance, after this mean delay.
    redial_chance: float = 0.5
    redial_mean_seconds: float = 1800.0
    # Assumption: time with the assistant before it puts the caller through, or finishes.
    assistant_handover_seconds: float = 90.0
    assistant_contained_seconds: float = 150.0
    # With the assistant: a caller in the ordinary queue this long is offered a call back
    # (the assistant already has the number) and accepts with this chance (assumption).
    callback_offer_seconds: float = 180.0
    callback_accept_chance: float = 0.5
    # The answer-time target that defines the service level.
    target_seconds: float = 60.0
    rota: Rota = field(default=DEFAULT_ROTA)

    def __post_init__(self) -> None:
        problems = []
        if not 1 <= self.calls_per_month <= 2_000_000:
            problems.append("calls per month must be at least 1 and at most 2,000,000")
        if not 1 <= self.days <= 31:
            problems.append("days must be 1 to 31")
        for name in ("vulnerable_share", "self_service_share", "redial_chance",
                     "callback_accept_chance"):  # fmt: skip
            if not 0 <= getattr(self, name) <= 1:
                problems.append(f"{name.replace('_', ' ')} must be between 0 and 1")
        if self.vulnerable_share + self.self_service_share > 1:
            problems.append("vulnerable and self-service shares add up to more than 1")
        for name in ("handle_mean_seconds", "patience_mean_seconds", "redial_mean_seconds"):
            if not getattr(self, name) > 0:
                problems.append(f"{name.replace('_', ' ')} must be more than 0")
        if problems:
            raise ValueError("; ".join(problems))

    def with_rota(self, rota: Rota) -> Scenario:
        return replace(self, rota=rota)

    def arrivals_per_hour(self) -> list[float]:
        """Expected first-time calls in each hour of the month."""
        weights = [
            WEEKDAY_SHAPE[day % 7] * HOUR_SHAPE[hour]
            for day in range(self.days)
            for hour in range(24)
        ]
        scale = self.calls_per_month / math.fsum(weights)
        return [w * scale for w in weights]
