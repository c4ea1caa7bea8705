"""Run every benchmark in this folder, one after another: `.venv/bin/python benchmarks/run_all.py`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The soak's documented run is 10 minutes (docs/reliability.md); here a short one.
ARGS = {"bench_api_soak.py": ["--minutes", "2"]}

if __name__ == "__main__":
    failed = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n=== {script.name}", flush=True)
        failed += (
            subprocess.run(
                [sys.executable, str(script), *ARGS.get(script.name, [])], check=False
            ).returncode
            != 0
        )
    sys.exit(1 if failed else 0)
