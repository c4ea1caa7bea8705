"""Shared test fixtures: the real public data beside the checkout, and one local Spark session.

A missing data set or service is skipped on a developer machine and FAILS (never skips) when
CI=true, so CI cannot go green without running them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.today import TEST_TODAY

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
NHANES = SHARED_DATA / "nhanes"
EXAMPLES = REPO / "examples"
PERSON_EXAMPLES = sorted(
    p for p in EXAMPLES.iterdir() if p.is_file() and p.suffix in {".json", ".yaml", ".yml"}
)
IN_CI = os.environ.get("CI", "").lower() == "true"


def _missing(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason} (required when CI=true)")
    pytest.skip(reason)


def require(path: Path) -> Path:
    """Return ``path``; skip locally if absent, but fail in CI, where the data must be present."""
    if not path.exists():
        _missing(f"required test data missing: {path}")
    return path


# One day as today for the whole suite and the CLI subprocesses and servers it starts.
os.environ["B12_TODAY"] = TEST_TODAY.isoformat()


@pytest.fixture(autouse=True)
def _settings_read_afresh() -> Iterator[None]:
    """b12 reads its B12_* settings once per process (b12.settings.get_settings); a test that
    changes the environment (monkeypatch.setenv) has them read again, and leaves none behind."""
    from b12.settings import get_settings

    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session", autouse=True)
def _cohort_cache_outside_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Cohort caches of the test run go to a temporary folder, never the user's ~/.cache (also for
    the CLI subprocesses the tests start, which inherit the environment)."""
    previous = os.environ.get("B12_CACHE_DIR")
    os.environ["B12_CACHE_DIR"] = str(tmp_path_factory.mktemp("b12-cache"))
    yield
    if previous is None:
        os.environ.pop("B12_CACHE_DIR", None)
    else:
        os.environ["B12_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The ../shared/data folder beside the checkout (USDA SR28, NHANES)."""
    return require(SHARED_DATA)


@pytest.fixture(scope="session")
def nhanes_dir() -> Path:
    """``../shared/data/nhanes`` relative to the repository root."""
    require(NHANES / "2013-2014" / "DEMO_H.XPT")
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


# Cohort engines for the tests that run the same check on DuckDB and on Spark local.
@pytest.fixture(scope="module", params=["duckdb", pytest.param("spark", marks=pytest.mark.spark)])
def engine(request: pytest.FixtureRequest) -> Any:
    """Each engine in turn (Spark needs the session fixture, so Java)."""
    from b12.data.cohort.engine import connect

    if request.param == "spark":
        request.getfixturevalue("spark")
    return connect(request.param)


@pytest.fixture(scope="module")
def duckdb_engine() -> Any:
    from b12.data.cohort.engine import connect

    return connect("duckdb")


@pytest.fixture(scope="module")
def spark_engine(spark: Any) -> Any:
    from b12.data.cohort.engine import connect

    return connect("spark")


# Time per test folder, printed at the end of every run (CI time is shared by every issue).
_FOLDER_SECONDS: dict[str, float] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    parts = report.nodeid.split("/")
    folder = parts[1] if len(parts) > 2 and parts[0] == "tests" else parts[0].split("::")[0]
    _FOLDER_SECONDS[folder] = _FOLDER_SECONDS.get(folder, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _FOLDER_SECONDS:
        return
    terminalreporter.write_sep("-", "time per test folder")
    for folder, seconds in sorted(_FOLDER_SECONDS.items(), key=lambda item: -item[1]):
        terminalreporter.write_line(f"{folder:<14} {seconds:8.1f} s")
