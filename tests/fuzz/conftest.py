"""Hypothesis profiles for the fuzz targets, and a per-target tally printed after the run.

The default suite runs each target with a few derandomised examples; ``scripts/fuzz`` sets
``B12_FUZZ_EXAMPLES`` (examples per target) for the long run and reads the summary printed here.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter

import pytest
from hypothesis import HealthCheck, settings

from tests.fuzz.strategies import TALLY

EXAMPLES_ENV = "B12_FUZZ_EXAMPLES"
REPORT_ENV = "B12_FUZZ_REPORT"  # scripts/fuzz: write the per-target tally to this JSON file
DEFAULT_EXAMPLES = 25
_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile(
    "fuzz-default",
    max_examples=DEFAULT_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=_SLOW,
)
settings.register_profile(
    "fuzz-long",
    max_examples=int(os.environ.get(EXAMPLES_ENV) or DEFAULT_EXAMPLES),
    deadline=None,
    database=None,
    suppress_health_check=_SLOW,
)
LONG_RUN = bool(os.environ.get(EXAMPLES_ENV))
FUZZ_SETTINGS = settings.get_profile("fuzz-long" if LONG_RUN else "fuzz-default")


def fuzz_settings(weight: int = 1) -> settings:
    """The profile's settings; in the long run, cheap targets get ``weight`` times the examples."""
    if not LONG_RUN:
        return FUZZ_SETTINGS
    return settings(FUZZ_SETTINGS, max_examples=FUZZ_SETTINGS.max_examples * weight)


CHEAP = 4  # weight of the short-text targets, which run 5-20 times faster than the documents

_SECONDS: Counter[str] = Counter()
_FAILED: set[str] = set()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/fuzz/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.fuzz)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    outcome = yield
    _SECONDS[item.name] += time.perf_counter() - started
    if outcome.excinfo is not None:
        _FAILED.add(item.name)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TALLY or not os.environ.get(EXAMPLES_ENV):
        return
    if report := os.environ.get(REPORT_ENV):
        targets = {
            name: {
                "inputs": TALLY[name],
                "seconds": round(_SECONDS.get(f"test_fuzz_{name}", 0.0), 2),
                "failed": f"test_fuzz_{name}" in _FAILED,
            }
            for name in TALLY
        }
        with open(report, "w", encoding="utf-8") as handle:  # noqa: PTH123
            json.dump(targets, handle, indent=1)
    write = terminalreporter.write_line
    write("")
    write(f"{'fuzz target':<40} {'inputs':>9} {'seconds':>8} {'inputs/s':>9}  result")
    total_inputs, total_seconds = 0, 0.0
    for name in sorted(TALLY):
        test = f"test_fuzz_{name}"
        seconds = _SECONDS.get(test, 0.0)
        rate = TALLY[name] / seconds if seconds else 0.0
        result = "FAILED" if test in _FAILED else "ok"
        write(f"{name:<40} {TALLY[name]:>9,} {seconds:>8.1f} {rate:>9,.0f}  {result}")
        total_inputs += TALLY[name]
        total_seconds += seconds
    rate = total_inputs / total_seconds if total_seconds else 0.0
    write(
        f"{'total':<40} {total_inputs:>9,} {total_seconds:>8.1f} {rate:>9,.0f}  "
        f"{len(_FAILED)} failed target(s)"
    )
