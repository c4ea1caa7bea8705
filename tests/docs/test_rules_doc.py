"""docs/rules.md's table of where each rule lives is the registry's, as scripts/rules_doc.py writes it."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_the_rule_map_in_docs_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "rules_doc.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_b12_rules_shows_one_rule_with_its_module_file_and_tests() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "b12", "rules", "ewgsop2.find"],
        capture_output=True,
        text=True,
        check=True,
        env={"COLUMNS": "200", "PATH": ""},
    )
    for part in (
        "b12.core.muscle.ewgsop2",
        "src/b12/core/muscle/ewgsop2.py",
        "tests/clinical/muscle",
    ):
        assert part in result.stdout


def test_b12_rules_lists_a_prefix_and_refuses_an_unknown_one() -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "b12", "rules", "awgs2019", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"module": "b12.core.muscle.awgs2019"' in listed.stdout
    unknown = subprocess.run(
        [sys.executable, "-m", "b12", "rules", "no-such-rule"], capture_output=True, text=True
    )
    assert unknown.returncode == 2
    assert "no rule id starts with 'no-such-rule'" in unknown.stderr
    assert "Traceback" not in unknown.stderr
