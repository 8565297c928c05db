"""The cases the quick form is checked on against Erlang C and Erlang A, shared by the test
(tests/contact/twin/test_validation.py, which asserts agreement within 2%) and the benchmark
(bench/twin.py, which prints the table in docs/contact-twin.md).

Each case is run as several independent replications so that the spread between them gives a
standard error. Erlang C waits are strongly correlated from caller to caller, so those cases
need many more calls than the Erlang A ones for the same precision. Occupancy is kept near 50%:
enough callers wait for the probability of waiting to be measured well, and the long busy spells
of a fuller centre, which make the average wait slow to settle, are rare. Each case runs enough
calls that 2% is at least three standard errors of each figure checked (standard deviations per
million calls measured over 16 replications of each case when the lengths were chosen:
0.5–1.2% for the Erlang C average speed of answer, the noisiest figure).
"""

from __future__ import annotations

from dataclasses import dataclass

from synergy.contact.twin.quick import QuickResult, QuickScenario, formula_for, simulate_quick

HANDLE_SECONDS = 300.0
REPLICATIONS = 4


@dataclass(frozen=True)
class Case:
    model: str  # "Erlang C" or "Erlang A"
    agents: int
    arrivals_per_hour: float
    calls: int  # roughly, over all replications
    patience_seconds: float | None = None

    def scenario(self, seed: int) -> QuickScenario:
        return QuickScenario(
            arrivals_per_hour=self.arrivals_per_hour,
            handle_seconds=HANDLE_SECONDS,
            agents=self.agents,
            hours=self.calls / REPLICATIONS / self.arrivals_per_hour,
            seed=seed,
            patience_seconds=self.patience_seconds,
            replications=REPLICATIONS,
        )


CASES = (
    Case("Erlang C", 1, 6.0, 700_000),
    Case("Erlang C", 2, 13.2, 1_200_000),
    Case("Erlang C", 3, 20.4, 2_000_000),
    Case("Erlang C", 4, 28.8, 3_100_000),
    Case("Erlang C", 5, 36.0, 4_000_000),
    Case("Erlang A", 2, 57.6, 1_000_000, HANDLE_SECONDS),
    Case("Erlang A", 3, 57.6, 500_000, HANDLE_SECONDS),
    Case("Erlang A", 4, 57.6, 400_000, HANDLE_SECONDS),
    Case("Erlang A", 5, 57.6, 600_000, HANDLE_SECONDS),
    Case("Erlang A", 6, 57.6, 1_100_000, HANDLE_SECONDS),
)


@dataclass(frozen=True)
class Check:
    case: Case
    result: QuickResult
    formula_p_wait: float
    formula_asa_seconds: float
    formula_service_level: float

    @property
    def p_wait_error(self) -> float:
        return self.result.p_wait / self.formula_p_wait - 1

    @property
    def asa_error(self) -> float:
        return self.result.asa_seconds / self.formula_asa_seconds - 1

    @property
    def service_level_error(self) -> float:
        return self.result.service_level / self.formula_service_level - 1

    @property
    def p_wait_relative_se(self) -> float:
        return (self.result.p_wait_standard_error or 0.0) / self.formula_p_wait

    @property
    def asa_relative_se(self) -> float:
        return (self.result.asa_standard_error or 0.0) / self.formula_asa_seconds


def check(case: Case, seed: int = 2026) -> Check:
    scenario = case.scenario(seed)
    formula = formula_for(scenario)
    if formula is None:
        raise ValueError(f"{case} has no steady state")
    return Check(
        case,
        simulate_quick(scenario),
        formula.p_wait,
        formula.asa_seconds,
        formula.service_level,
    )
