"""The soak benchmark's memory arithmetic (the benchmark itself is a long run, never in the suite)."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from tests.conftest import REPO


def _soak() -> ModuleType:
    path = REPO / "benchmarks" / "bench_api_soak.py"
    spec = importlib.util.spec_from_file_location("bench_api_soak", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


soak = _soak()


def test_slope_of_a_straight_line_is_its_gradient_per_minute() -> None:
    samples = [(float(t), 100.0 + 0.05 * t) for t in range(0, 600, 5)]  # 0.05 MiB/s
    assert soak.slope_per_minute(samples) == pytest.approx(3.0)


def test_slope_of_noise_around_a_level_is_zero_and_of_too_few_samples_too() -> None:
    samples = [(float(t), 120.0 + (0.3 if t % 10 else -0.3)) for t in range(0, 600, 5)]
    assert soak.slope_per_minute(samples) == pytest.approx(0.0, abs=0.01)
    assert soak.slope_per_minute([(0.0, 1.0)]) == 0.0
    assert soak.slope_per_minute([(5.0, 1.0), (5.0, 2.0)]) == 0.0


def test_memory_summary_separates_warm_up_growth_from_the_second_half() -> None:
    # Caches fill in the first five minutes (+20 MiB), then memory is flat: no leak.
    samples = [(float(t), 100.0 + min(t, 300) / 15) for t in range(0, 601, 5)]
    summary = soak.memory_summary(samples)
    assert summary["rss_start_mb"] == 100.0
    assert summary["rss_end_mb"] == 120.0
    assert summary["rss_growth_mb"] == 20.0
    assert summary["rss_growth_second_half_mb"] == 0.0
    assert summary["rss_slope_second_half_mb_per_min"] == 0.0
    assert summary["rss_slope_whole_run_mb_per_min"] > 1.0
    assert summary["rss_samples"] == len(samples)
