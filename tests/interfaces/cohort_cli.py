"""Running ``b12 cohort ... --json`` through the CLI entry point, for the cohort interface tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from b12.cli.main import main


def cohort_output(
    capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[list[dict[str, Any]], str]:
    """The ``--json`` rows of a successful ``b12 cohort`` run, and what it wrote to stderr."""
    code = main(["cohort", *args, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    rows: list[dict[str, Any]] = json.loads(captured.out)
    return rows, captured.err


def cohort_rows(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    """The ``--json`` rows of a successful ``b12 cohort`` run."""
    return cohort_output(capsys, *args)[0]


def nhanes_2013(nhanes_dir: Path, where: str | None = None) -> tuple[str, ...]:
    """``nhanes`` on the 2013-2014 test cycle, restricted by ``--where`` when given."""
    cycle = ("nhanes", str(nhanes_dir / "2013-2014"))
    return cycle if where is None else (*cycle, "--where", where)
