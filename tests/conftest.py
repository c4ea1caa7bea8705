"""Shared fixtures: the real NHANES files beside the checkout, and one local Spark session.

Both are skipped on a developer machine without them, and FAIL (never skip) when CI=true, so CI
cannot go green without running them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
NHANES = SHARED_DATA / "nhanes"
IN_CI = os.environ.get("CI", "").lower() == "true"


def _missing(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason} (required when CI=true)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def nhanes_dir() -> Path:
    """``../shared/data/nhanes`` relative to the repository root."""
    if not (NHANES / "2013-2014" / "DEMO_H.XPT").is_file():
        _missing(f"NHANES files not found under {NHANES}")
    return NHANES


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local[2] SparkSession for the whole run (UI off, 2 shuffle partitions)."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        _missing("Java is not installed: PySpark needs Java 17")
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        _missing("pyspark is not installed")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("b12-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
