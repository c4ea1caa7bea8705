"""The hand-written baseline queries compute what b12 computes (benchmarks/hand_sql.py).

A baseline that answered a different question would make every ratio meaningless: each variant's
prevalences, SEs and Korn-Graubard CIs must equal b12's on a synthetic cohort.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any, Path]:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import bench_cohort
        import hand_sql
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    path = tmp_path_factory.mktemp("bench") / "cohort.parquet"
    bench_cohort.generate(path, 20_000, seed=3)
    return bench_cohort, hand_sql, path


def test_every_variant_equals_b12(bench: tuple[Any, Any, Path]) -> None:
    bench_cohort, hand_sql, path = bench
    b12_rows = bench_cohort._b12(path, "duckdb")
    assert len(b12_rows) == 36  # 3 indicators x 6 age bands x 2 sexes
    for name, run in hand_sql.VARIANTS.items():
        rows = run(path)
        assert len(rows) == len(b12_rows), name
        assert bench_cohort.agree(rows, b12_rows) < 1e-12, name
    assert hand_sql.FROZEN in hand_sql.VARIANTS
