"""The base CLI must start without the optional cohort engines (they load on `b12 cohort ...`)."""

from __future__ import annotations

import subprocess
import sys


def test_base_cli_does_not_import_engines() -> None:
    code = (
        "import sys, b12.cli.main\n"
        "heavy = [m for m in ('ibis', 'pandas', 'scipy', 'duckdb', 'pyspark', 'matplotlib')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_cohort_rules_are_listed() -> None:
    from b12.cli.main import main  # noqa: F401  (importing registers the cohort rules)
    from b12.core import rules

    for rule_id in (
        "survey.nchs-2017.proportions",
        "cohort.age-bands",
        "cohort.small-cell-suppression",
    ):
        assert rules.get(rule_id).source.citation
