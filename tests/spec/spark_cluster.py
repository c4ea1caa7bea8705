"""A Spark standalone cluster on loopback: a master and workers started from PySpark's own
``bin/spark-class`` (PySpark ships no start scripts). Used by ``test_on_spark_standalone.py``
and by ``benchmarks/bench_cohort.py`` (``--engines spark:standalone``); no pytest here.

The daemons get a 256 MB heap (they only schedule); each worker offers ``cores`` cores and
``memory`` of executor memory. :func:`standalone` starts them, waits until the master lists
every worker as ALIVE, and stops exactly the processes it started.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def state(ui_port: int) -> dict[str, Any]:
    """The master's or a worker's ``/json`` page."""
    with urllib.request.urlopen(f"http://127.0.0.1:{ui_port}/json/", timeout=5) as response:
        found: dict[str, Any] = json.load(response)
        return found


def wait(condition: Any, what: str, seconds: float = 120.0) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if value := condition():
                return value
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"the Spark cluster did not {what} within {seconds:.0f} s")


def spark_env(logs: Path) -> dict[str, str]:
    """The environment of the daemons and of a driver (ImportError without PySpark)."""
    import pyspark

    return {
        **os.environ,
        "SPARK_HOME": str(Path(pyspark.__file__).parent),
        "SPARK_LOCAL_IP": "127.0.0.1",
        "SPARK_WORKER_DIR": str(logs / "work"),
        "SPARK_DAEMON_MEMORY": "256m",  # master and worker JVMs: they only schedule
        "PYSPARK_PYTHON": sys.executable,
    }


@dataclass(frozen=True)
class Cluster:
    """A running cluster: its URL, the master's and the workers' web UI ports."""

    url: str
    ui: int
    worker_uis: list[int]
    env: dict[str, str]


def _commands(spark_class: str, port: int, ui: int, worker_uis: list[int], cores: int,
              memory: str) -> list[list[str]]:  # fmt: skip
    master_url = f"spark://127.0.0.1:{port}"
    master = [spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
              "--port", str(port), "--webui-port", str(ui)]  # fmt: skip
    workers = [
        [spark_class, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
         "--cores", str(cores), "--memory", memory, "--webui-port", str(w), master_url]
        for w in worker_uis
    ]  # fmt: skip
    return [master, *workers]


def _stop(processes: list[Any]) -> None:
    for process in processes:  # only the processes started here
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def standalone(
    logs: Path, workers: int = 2, cores: int = 1, memory: str = "1g"
) -> Iterator[Cluster]:
    """A master and ``workers`` workers on 127.0.0.1, stopped on exit."""
    env = spark_env(logs)
    port, ui = free_port(), free_port()
    worker_uis = [free_port() for _ in range(workers)]
    spark_class = str(Path(env["SPARK_HOME"]) / "bin" / "spark-class")
    processes: list[Any] = []
    try:
        commands = _commands(spark_class, port, ui, worker_uis, cores, memory)
        for i, command in enumerate(commands):
            log = (logs / f"process-{i}.log").open("w")
            processes.append(subprocess.Popen(command, env=env, stdout=log, stderr=log))
            if i == 0:
                wait(lambda: state(ui).get("status") == "ALIVE", "start its master")
        wait(
            lambda: sum(w["state"] == "ALIVE" for w in state(ui)["workers"]) == workers,
            f"register {workers} workers",
        )
        yield Cluster(f"spark://127.0.0.1:{port}", ui, worker_uis, env)
    finally:
        _stop(processes)
