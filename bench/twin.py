"""Speed and validation of the digital twin of 101.

    .venv/bin/python bench/twin.py              # the month: 60,000 calls, timed
    .venv/bin/python bench/twin.py --validate   # also the Erlang table in docs/contact-twin.md

Times one month of the default scenario (the seed report's 60,000 calls, plus the calls of those
who ring again) with the assistant and without it, each the best of `--repeat` runs, and the
quick form on a million calls. Wall time and CPU time are both printed: on a shared machine the
second says what the code costs, the first what the user waits. Pin to one core for steady figures:
`taskset -c 0 .venv/bin/python bench/twin.py`."""

from __future__ import annotations

import argparse
import time

from synergy.contact.twin.assistant import load_figures
from synergy.contact.twin.quick import QuickScenario, simulate_quick
from synergy.contact.twin.scenario import Scenario
from synergy.contact.twin.service import run_month
from synergy.contact.twin.validation import CASES, check


def time_month(repeat: int) -> None:
    scenario, figures = Scenario(), load_figures()
    for with_assistant in (True, False):
        best, best_cpu, result = float("inf"), float("inf"), None
        for _ in range(repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            result = run_month(scenario, figures, with_assistant=with_assistant, seed=1)
            best = min(best, time.perf_counter() - start)
            best_cpu = min(best_cpu, time.process_time() - start_cpu)
        assert result is not None
        label = "with the assistant" if with_assistant else "without it"
        print(f"month {label:19}: {result.calls:,} calls in {best:.2f} s "
              f"({best_cpu:.2f} s of CPU; {result.calls / best:,.0f} calls/s); "
              f"service level {result.service_level:.1%}, "
              f"hung up {result.abandoned_share:.1%}")  # fmt: skip


def time_quick() -> None:
    scenario = QuickScenario(arrivals_per_hour=100, handle_seconds=300, agents=10,
                             hours=10_000, seed=1, patience_seconds=300)  # fmt: skip
    start = time.perf_counter()
    result = simulate_quick(scenario)
    took = time.perf_counter() - start
    rate = result.calls / took
    print(f"quick form: {result.calls:,} calls in {took:.2f} s ({rate:,.0f} calls/s)")


def validate() -> None:
    print("\n| model | agents | calls/h | calls | P(wait) sim | formula | error ± s.e. "
          "| ASA sim (s) | formula | error ± s.e. | service level error |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for case in CASES:
        c = check(case)
        r = c.result
        print(f"| {case.model} | {case.agents} | {case.arrivals_per_hour:g} | {r.calls:,} "
              f"| {r.p_wait:.4f} | {c.formula_p_wait:.4f} "
              f"| {c.p_wait_error:+.2%} ± {c.p_wait_relative_se:.2%} "
              f"| {r.asa_seconds:.2f} | {c.formula_asa_seconds:.2f} "
              f"| {c.asa_error:+.2%} ± {c.asa_relative_se:.2%} "
              f"| {c.service_level_error:+.2%} |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description="Time and check the digital twin of 101")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--validate", action="store_true")
    args = parser.parse_args()
    time_month(args.repeat)
    time_quick()
    if args.validate:
        validate()


if __name__ == "__main__":
    main()
