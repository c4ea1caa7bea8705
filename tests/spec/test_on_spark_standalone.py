"""b12 on a real Spark standalone cluster: a master and two workers on 127.0.0.1.

PySpark ships ``bin/spark-class`` but not the start scripts, so the fixture runs
``org.apache.spark.deploy.master.Master`` and two ``…deploy.worker.Worker`` processes itself,
once for the module (``spark_cluster.py``, shared with the cohort benchmark). ONE driver process
(``spark_cluster_driver.py``) then runs everything on it in-process: every band spec through the
harness (one query per result type), and one prevalence and one survey regression through
``b12.services.cohort`` (which must equal DuckDB's, computed here). A separate process because a
driver is a JVM and the test run's own local[2] session would be handed back by ``getOrCreate``
instead of a cluster session. The master's and workers' ``/json`` endpoints must then show the
application completed with an executor on each worker, so a silent fallback to local mode fails.
Executors get 1 core and 512 MB, the daemons 256 MB. YARN, Kubernetes and Databricks Connect are
not tested (docs/cohort.md).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import REPO, _missing
from tests.spec.bands.harness import Spec
from tests.spec.bands.test_band_specs import SPECS
from tests.spec.spark_cluster import standalone, state
from tests.spec.spark_cluster_driver import ANALYSES, analysis_options

from b12.data.cohort.engine_name import EngineName
from b12.services.cohort import analyse_nhanes

# Spark, even if not a local session: left out with the other Spark tests (`-m "not spark"`, as
# .ci/run's Python 3.12/3.13 subsets do), run by default and in CI.
pytestmark = pytest.mark.spark


def _drive(url: str, nhanes: Path, env: dict[str, str], out: Path) -> dict[str, Any]:
    """Run the one driver process; its values and application id."""
    # Small executors; one partition per small input (the specs are a few rows each, and every
    # partition is a task to schedule on a remote executor).
    executors = (
        "--conf spark.executor.memory=512m --conf spark.executor.cores=1"
        " --conf spark.default.parallelism=1"
    )
    done = subprocess.run(
        [sys.executable, "-m", "tests.spec.spark_cluster_driver", url, str(nhanes), str(out)],
        cwd=REPO,
        env={
            **env,
            "SPARK_DRIVER_MEMORY": "512m",
            "PYSPARK_SUBMIT_ARGS": f"{executors} pyspark-shell",
        },
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found: dict[str, Any] = json.loads(out.read_text())
    return found


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory, nhanes_dir: Path) -> Iterator[dict[str, Any]]:
    """A master and two workers (1 core, 1 GB each) on loopback, and the driver's results."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        _missing("Java is not installed: Spark needs Java 17")
    try:
        import pyspark  # noqa: F401
    except ImportError:
        _missing("pyspark is not installed")  # fails when CI=true, as a missing Java does
    logs = tmp_path_factory.mktemp("spark-cluster")
    with standalone(logs, workers=2, cores=1, memory="1g") as running:
        found = _drive(running.url, nhanes_dir / "2013-2014", running.env, logs / "driver.json")
        (logs / "driver-seconds.json").write_text(json.dumps(found["seconds"]))
        yield {**found, "ui": running.ui, "worker_uis": running.worker_uis}


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-9 * max(1.0, abs(b))
    return bool(a == b)


def test_the_application_ran_on_both_workers(cluster: dict[str, Any]) -> None:
    apps = state(cluster["ui"])["completedapps"]
    assert [app["name"] for app in apps if app["id"] == cluster["app"]] == ["b12-cohort"]
    for ui in cluster["worker_uis"]:  # each worker's finished executors name the application
        executors = state(ui)["finishedexecutors"]
        assert cluster["app"] in {executor["appid"] for executor in executors}


@pytest.mark.parametrize("spec", SPECS, ids=[spec.name for spec in SPECS])
def test_spec_on_the_cluster(cluster: dict[str, Any], spec: Spec) -> None:
    assert cluster["specs"][spec.name] == spec.expected


@pytest.mark.parametrize("analysis", list(ANALYSES))
def test_cluster_equals_duckdb(cluster: dict[str, Any], nhanes_dir: Path, analysis: str) -> None:
    options = analysis_options(analysis, EngineName.DUCKDB)
    on_duckdb = analyse_nhanes([nhanes_dir / "2013-2014"], options).rows
    on_cluster = cluster["analyses"][analysis]
    assert len(on_cluster) == len(on_duckdb) > 0
    for a, b in zip(on_cluster, on_duckdb, strict=True):
        assert a.keys() == b.keys()
        assert all(_close(a[k], b[k]) for k in a), (a, b)
