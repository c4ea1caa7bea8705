"""The documentation site builds with every warning an error, and its reference shows only the
public `b12` namespace."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

PUBLIC = ("b12.assess", "b12.cb12", "b12.intake", "b12.read_person", "b12.as_json")


def test_the_site_builds_strictly(tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=REPO, capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    reference = (tmp_path / "reference" / "index.html").read_text(encoding="utf-8")
    for name in PUBLIC:
        assert f'id="{name}"' in reference, name
    for name in ("b12.cohort.nhanes", "b12.cohort.read", "b12.cohort.CohortFrame"):
        assert f'id="{name}"' in reference, name
    documented = set(re.findall(r'id="(b12[\w.]*)"', reference))
    assert all(name == "b12" or name.startswith(("b12.cohort", *PUBLIC)) for name in documented)
    assert ":func:" not in reference
