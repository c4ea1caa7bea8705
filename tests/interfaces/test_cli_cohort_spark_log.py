"""Issue 17 item 7: `b12 cohort … --engine spark` prints the result, not Spark's own start-up.

A real `b12` subprocess starts a real local Spark JVM: by default its stderr holds none of the
JVM's or log4j's lines (the incubator-module warning, "Using Spark's default log4j profile",
"Setting default log level", WARN lines such as NativeCodeLoader's, stage progress bars); with
--verbose Spark's own INFO log is back.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

# A line Spark, log4j or the JVM wrote: a log4j line ("26/12/05 00:56:07 WARN Utils: …"), a
# banner, a notice, or a progress bar.
SPARK_LINE = re.compile(
    r"^\d\d/\d\d/\d\d \d\d:\d\d:\d\d (TRACE|DEBUG|INFO|WARN|ERROR|FATAL) |log4j|"
    r"^WARNING: |Setting default log level|sc\.setLogLevel|NativeCodeLoader|\[Stage \d",
    re.M,
)


def _cohort(csv: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    args = ["cohort", "run", str(csv), "--map", "B12_PG=b12:pg/mL", "--map", "AGE=age"]
    args += ["--indicator", "b12_deficient", "--engine", "spark", "--json", "--no-cache", *extra]
    env = {**os.environ, "B12_SPARK_LOG": ""}  # the default
    return subprocess.run(
        [sys.executable, "-m", "b12", *args],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )  # fmt: skip


@pytest.mark.spark
def test_spark_is_quiet_unless_asked(tmp_path: Path) -> None:
    csv = tmp_path / "cohort.csv"
    rows = [f"{100 + 37 * i % 500},{40 + i % 45}" for i in range(60)]
    csv.write_text("B12_PG,AGE\n" + "\n".join(rows) + "\n")
    quiet = _cohort(csv)
    assert quiet.returncode == 0, quiet.stderr[-3000:]
    assert json.loads(quiet.stdout)[0]["n"] == 60
    assert SPARK_LINE.findall(quiet.stderr) == [], quiet.stderr[-3000:]
    loud = _cohort(csv, "--verbose")
    assert loud.returncode == 0, loud.stderr[-3000:]
    assert json.loads(loud.stdout) == json.loads(quiet.stdout)
    assert re.search(r"^\d\d/\d\d/\d\d \d\d:\d\d:\d\d INFO ", loud.stderr, re.M), loud.stderr[
        -3000:
    ]
