"""Schemathesis against the served OpenAPI document: no generated request gets a 5xx answer.

Runs Schemathesis' own command (`st run`, every phase: examples, coverage, fuzzing, stateful) on a
fresh `b12 serve` over loopback. The default suite keeps it short; for a longer run:

    B12_SCHEMATHESIS_EXAMPLES=150 .venv/bin/python -m pytest tests/api/test_schemathesis.py
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures.server import start_server

EXAMPLES = int(os.environ.get("B12_SCHEMATHESIS_EXAMPLES", "10"))
SEED = os.environ.get("B12_SCHEMATHESIS_SEED", "4")  # fixed: the default run is reproducible


def test_no_generated_request_gets_a_server_error(tmp_path: Path) -> None:
    st = Path(sys.executable).parent / "st"
    if not st.exists():
        pytest.fail("schemathesis is not installed (pip install -e '.[test]')")
    server = start_server(f"sqlite:///{tmp_path / 'b12.sqlite3'}", tmp_path / "server.log")
    try:
        command = [str(st), "run", f"{server.url}/api/openapi.json", "--checks"]
        command += ["not_a_server_error", "--max-examples", str(EXAMPLES), "--workers", "2"]
        command += ["--seed", SEED, "--no-color"]
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=1800, cwd=tmp_path, check=False
        )
        summary = result.stdout[-4000:]
        assert result.returncode == 0, summary
        assert "passed" in summary and "Server error" not in summary
        assert "Traceback" not in server.output(), server.output()[-4000:]
    finally:
        server.stop()
