"""The menu solver never writes to stdout: highspy 1.16 prints a copyright banner from C++ when a
process makes its first HiGHS instance, which would break ``b12 menu --json`` (new-user walk-through)."""

from __future__ import annotations

import json
import subprocess
import sys

# What the C++ banner does: write to file descriptor 1 directly, past sys.stdout.
_CHILD = """
import json, os, sys
from b12.services.menu import highs
with highs._banner_to_stderr():
    os.write(1, b"Running HiGHS (banner)\\n")
with highs._banner_to_stderr():  # later instances print nothing: no redirect needed
    pass
print(json.dumps({"ok": True}))
"""


def test_a_banner_written_while_the_first_solver_is_made_goes_to_stderr() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD], capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(done.stdout) == {"ok": True}
    assert "Running HiGHS (banner)" in done.stderr


def test_the_solver_made_in_a_fresh_process_leaves_stdout_empty() -> None:
    code = "from b12.services.menu.highs import solver\nsolver()\n"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout == ""
