"""The one Spark driver of ``test_on_spark_standalone.py``: every analysis in one process.

Run as ``python -m tests.spec.spark_cluster_driver MASTER_URL NHANES_FOLDER OUT.json`` by the
test's module fixture. A driver is a JVM (5-10 s to start, plus executors on the workers), and
the test run already holds a local[2] session that ``getOrCreate`` would hand back instead of a
cluster one, so the cluster gets its own process, started once. In it, every band spec runs
through the harness (``on_engine_at_once``: one query per result type, since each query on a
cluster costs a round of scheduling), and one prevalence and one regression through
``b12.services.cohort``; it writes the values and its application id as JSON for the test.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from tests.spec.bands.harness import on_engine_at_once
from tests.spec.bands.test_band_specs import SPECS

from b12.data.cohort.engine import connect
from b12.data.cohort.engine_name import EngineName
from b12.services.cohort import CohortOptions, analyse_nhanes

ANALYSES: dict[str, dict[str, Any]] = {
    "prevalence": {"where": "age >= 60", "by": ("age_band", "sex")},
    "regression": {"where": "age >= 60", "regress": "grip_max ~ b12_deficient + age + sex + bmi"},
}


def analysis_options(name: str, engine: EngineName, master: str | None = None) -> CohortOptions:
    """The options of one named analysis; no cache, so both engines compute from the files."""
    return CohortOptions(engine=engine, spark_master=master, cache=False, **ANALYSES[name])


def main(master: str, nhanes: Path, out: Path) -> None:
    start = time.perf_counter()
    engine = connect("spark", spark_master=master)
    seconds = {"session": time.perf_counter() - start}
    specs = on_engine_at_once(SPECS, engine)
    seconds["specs"] = time.perf_counter() - start - sum(seconds.values())
    analyses = {
        name: analyse_nhanes([nhanes], analysis_options(name, EngineName.SPARK, master)).rows
        for name in ANALYSES
    }
    seconds["analyses"] = time.perf_counter() - start - sum(seconds.values())
    context = engine.spark.sparkContext
    found = {"app": context.applicationId, "specs": specs, "analyses": analyses, "seconds": seconds}
    out.write_text(json.dumps(found, default=str))
    engine.spark.stop()  # the application completes now, so the master lists it as finished


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
