"""The figures the benchmarks print: Markdown tables that paste into the docs, and the assess
benchmark's example persons (every person file in examples/, each one assessed)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def benchmarks() -> Iterator[dict[str, Any]]:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import bench_assess
        import table
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    yield {"table": table, "assess": bench_assess}


def test_markdown_table_has_a_heading_rule_and_one_row_per_result(
    benchmarks: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    t = benchmarks["table"].Table([("run", 9), ("median s", 9)], markdown=True)
    t.header()
    t.row("first", " 0.224")
    assert capsys.readouterr().out.splitlines() == [
        "| run | median s |",
        "|---|---|",
        "| first | 0.224 |",
    ]


def test_text_table_aligns_and_refuses_a_missing_cell(
    benchmarks: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    t = benchmarks["table"].Table([("run", 9), ("median s", 9)])
    t.row("first", "0.224")
    assert capsys.readouterr().out == "    first     0.224\n"
    with pytest.raises(ValueError, match="1 cells for 2 columns"):
        t.row("first")


def test_assess_benchmark_times_every_example_person(benchmarks: dict[str, Any]) -> None:
    jobs = benchmarks["assess"].example_jobs()
    examples = REPO / "examples"
    persons = [p for p in [*examples.glob("*.yaml"), *examples.glob("*.json")]]
    assert set(jobs) == {p.name for p in persons}  # the top-level files are all person files
    wall, cpu = benchmarks["assess"].timed(jobs.values())
    assert len(wall) == len(cpu) == len(persons)
    assert all(w > 0 for w in wall)


def test_assess_job_assesses_the_file_as_b12_assess_does(benchmarks: dict[str, Any]) -> None:
    from b12.services.assess import assess_file

    path = REPO / "examples" / "older-adult-probable-sarcopenia-low-b12.yaml"
    job = benchmarks["assess"].example_jobs(Path(path.parent))[path.name]
    assert job().model_dump() == assess_file(path).model_dump()
