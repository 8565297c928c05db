"""Freezing long-lived objects out of the garbage collector's sight happens only in a served
web process: tests and commands build and drop many apps in one process, and a frozen object
is never collected."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import gc, json
from synergy.core import memory
counts = [gc.get_freeze_count()]
memory.settle()
counts.append(gc.get_freeze_count())
memory.settle_for_serving()
counts.append(gc.get_freeze_count())
kept = [[] for _ in range(1000)]
memory.settle()
counts.append(gc.get_freeze_count())
print(json.dumps(counts))
"""


def test_settling_freezes_only_in_a_serving_process() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=True
    )
    before, outside, serving, later = json.loads(result.stdout)
    assert before == outside == 0
    assert serving > 0
    assert later >= serving + 1000
