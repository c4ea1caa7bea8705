"""The static checks run inside the suite, so one test command covers them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PATHS = ["src", "tests", "benchmarks"]
CHECKS = {
    "ruff check": [sys.executable, "-m", "ruff", "check", *PATHS],
    "ruff format": [sys.executable, "-m", "ruff", "format", "--check", *PATHS],
    "mypy": [sys.executable, "-m", "mypy"],
    "import-linter": [str(Path(sys.executable).parent / "lint-imports")],
}


@pytest.mark.parametrize("name", CHECKS)
def test_static_check_passes(name: str) -> None:
    result = subprocess.run(
        CHECKS[name], cwd=REPO, capture_output=True, text=True, check=False, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
