"""b12 on a real Spark standalone cluster: a master and two workers on 127.0.0.1.

PySpark ships ``bin/spark-class`` but not the start scripts, so the fixture runs
``org.apache.spark.deploy.master.Master`` and two ``…deploy.worker.Worker`` processes itself, once
for the module. ONE driver process (``spark_cluster_driver.py``) then runs everything on it
in-process: every band spec through the harness (one query per result type), and one prevalence
and one survey regression through ``b12.services.cohort`` (which must equal DuckDB's, computed
here). A separate process because a driver is a JVM and the test run's own local[2] session
would be handed back by ``getOrCreate`` instead of a cluster session. The master's and workers'
``/json`` endpoints must then show the application completed with an executor on each worker, so
a silent fallback to local mode fails. Executors get 1 core and 512 MB, the daemons 256 MB. YARN,
Kubernetes and Databricks Connect are not tested (docs/cohort.md).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import REPO, _missing
from tests.spec.bands.harness import Spec
from tests.spec.bands.test_band_specs import SPECS
from tests.spec.spark_cluster_driver import ANALYSES, analysis_options

from b12.data.cohort.engine_name import EngineName
from b12.services.cohort import analyse_nhanes

# Spark, even if not a local session: left out with the other Spark tests (`-m "not spark"`, as
# .ci/run's Python 3.12/3.13 subsets do), run by default and in CI.
pytestmark = pytest.mark.spark


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _state(ui_port: int) -> dict[str, Any]:
    with urllib.request.urlopen(f"http://127.0.0.1:{ui_port}/json/", timeout=5) as response:
        state: dict[str, Any] = json.load(response)
        return state


def _wait(condition: Any, what: str, seconds: float = 120.0) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if value := condition():
                return value
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"the Spark cluster did not {what} within {seconds:.0f} s")


def _spark_env(logs: Path) -> dict[str, str]:
    try:
        import pyspark
    except ImportError:
        _missing("pyspark is not installed")  # fails when CI=true, as a missing Java does
    return {
        **os.environ,
        "SPARK_HOME": str(Path(pyspark.__file__).parent),
        "SPARK_LOCAL_IP": "127.0.0.1",
        "SPARK_WORKER_DIR": str(logs / "work"),
        "SPARK_DAEMON_MEMORY": "256m",  # master and worker JVMs: they only schedule
        "PYSPARK_PYTHON": sys.executable,
    }


def _commands(spark_class: str, port: int, ui: int, worker_uis: list[int]) -> list[list[str]]:
    master_url = f"spark://127.0.0.1:{port}"
    master = [spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
              "--port", str(port), "--webui-port", str(ui)]  # fmt: skip
    workers = [
        [spark_class, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
         "--cores", "1", "--memory", "1g", "--webui-port", str(w), master_url]
        for w in worker_uis
    ]  # fmt: skip
    return [master, *workers]


def _start(commands: list[list[str]], env: dict[str, str], logs: Path, ui: int) -> list[Any]:
    processes = []
    for i, command in enumerate(commands):
        log = (logs / f"process-{i}.log").open("w")
        processes.append(subprocess.Popen(command, env=env, stdout=log, stderr=log))
        if i == 0:
            _wait(lambda: _state(ui).get("status") == "ALIVE", "start its master")
    _wait(
        lambda: sum(w["state"] == "ALIVE" for w in _state(ui)["workers"]) == 2,
        "register two workers",
    )
    return processes


def _stop(processes: list[Any]) -> None:
    for process in processes:  # only the processes this fixture started
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


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
    logs = tmp_path_factory.mktemp("spark-cluster")
    env = _spark_env(logs)
    port, ui, worker_uis = _free_port(), _free_port(), [_free_port(), _free_port()]
    spark_class = str(Path(env["SPARK_HOME"]) / "bin" / "spark-class")
    processes = _start(_commands(spark_class, port, ui, worker_uis), env, logs, ui)
    try:
        url = f"spark://127.0.0.1:{port}"
        found = _drive(url, nhanes_dir / "2013-2014", env, logs / "driver.json")
        (logs / "driver-seconds.json").write_text(json.dumps(found["seconds"]))
        yield {**found, "ui": ui, "worker_uis": worker_uis}
    finally:
        _stop(processes)


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-9 * max(1.0, abs(b))
    return bool(a == b)


def test_the_application_ran_on_both_workers(cluster: dict[str, Any]) -> None:
    apps = _state(cluster["ui"])["completedapps"]
    assert [app["name"] for app in apps if app["id"] == cluster["app"]] == ["b12-cohort"]
    for ui in cluster["worker_uis"]:  # each worker's finished executors name the application
        executors = _state(ui)["finishedexecutors"]
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
