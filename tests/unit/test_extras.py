"""`b12.extras`: each optional module names the extra that installs it, as pyproject.toml declares."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from b12.errors import MissingExtraError
from b12.extras import EXTRA_OF_MODULE, MODULES_OF_EXTRA, PURPOSE, missing_extra, require
from tests.conftest import REPO


def test_every_extra_is_declared_in_pyproject_and_explained() -> None:
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    assert set(MODULES_OF_EXTRA) <= set(declared)
    assert set(MODULES_OF_EXTRA) == set(PURPOSE)
    assert set(EXTRA_OF_MODULE) == {m for modules in MODULES_OF_EXTRA.values() for m in modules}


@pytest.mark.parametrize(
    ("module", "extra"),
    [("jinja2", "pdf"), ("matplotlib.pyplot", "plot"), ("ibis", "cohort"), ("fastapi", "web"),
     ("pyspark.sql", "spark"), ("psycopg", "postgres")],
)  # fmt: skip
def test_a_missing_module_names_its_extra(module: str, extra: str) -> None:
    error = missing_extra(module)
    assert isinstance(error, MissingExtraError) and isinstance(error, ImportError)
    assert error.extra == extra and f"pip install 'b12[{extra}]'" in str(error)
    # from a checkout, the tested versions: README's install line
    assert str(error).endswith(f"pip install -c constraints.txt '.[{extra}]')")


def test_a_module_no_extra_provides_is_a_bug_not_an_extra() -> None:
    assert missing_extra("b12_no_such_module") is None


def test_require_passes_when_the_extra_is_installed() -> None:
    for extra in MODULES_OF_EXTRA:  # the test install has every extra
        require(extra)


def test_the_menu_command_names_the_menu_extra_when_numpy_is_missing(tmp_path: Path) -> None:
    """NumPy is in the cohort extra too: `b12 menu` names its own extra, not the first that
    ships the module it stopped at (new-user walk-through)."""
    hide = tmp_path / "hide"
    hide.mkdir()
    (hide / "sitecustomize.py").write_text(
        "import sys\nsys.modules['numpy'] = None\nsys.modules['highspy'] = None\n",
        encoding="utf-8",
    )
    person = tmp_path / "p.json"
    person.write_text('{"age": 70, "sex": "female"}', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": f"{hide}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    done = subprocess.run(
        [sys.executable, "-m", "b12", "menu", str(person)],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 4, done.stderr
    assert "needs the 'menu' extra" in done.stderr and "b12[menu]" in done.stderr
    assert "cohort" not in done.stderr
