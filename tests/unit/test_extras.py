"""`b12.extras`: each optional module names the extra that installs it, as pyproject.toml declares."""

from __future__ import annotations

import tomllib

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
    assert error.extra == extra and str(error).endswith(f"pip install 'b12[{extra}]'")


def test_a_module_no_extra_provides_is_a_bug_not_an_extra() -> None:
    assert missing_extra("b12_no_such_module") is None


def test_require_passes_when_the_extra_is_installed() -> None:
    for extra in MODULES_OF_EXTRA:  # the test install has every extra
        require(extra)
