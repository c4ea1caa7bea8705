"""`b12.settings`: every B12_* variable in one documented table, validated when a command starts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from b12.cds_hooks.settings import ENV_PREFIX as CDS_PREFIX
from b12.cds_hooks.settings import CdsSettings
from b12.data.foods.download import DEFAULT_FDC_URL, fdc_url
from b12.data.foods.store import default_store_path
from b12.errors import InputError
from b12.services.settings import Settings as ServeSettings
from b12.settings import ENV_PREFIX, Settings, get_settings
from tests.conftest import REPO

TABLE = REPO / "docs" / "settings.md"


def _variables(cls: type, prefix: str) -> set[str]:
    return {
        f.validation_alias if isinstance(f.validation_alias, str) else prefix + name.upper()
        for name, f in cls.model_fields.items()  # type: ignore[attr-defined]
    }


def test_the_docs_table_lists_exactly_the_variables() -> None:
    documented = set(re.findall(r"^\| `(B12_[A-Z_0-9]+)` \|", TABLE.read_text(), re.M))
    expected = (
        _variables(Settings, ENV_PREFIX)
        | _variables(ServeSettings, ENV_PREFIX)
        | _variables(CdsSettings, CDS_PREFIX)
    )
    assert documented == expected


def test_no_module_reads_a_b12_variable_by_hand() -> None:
    # Typer options may name their variable (envvar=...); everything else goes through a settings
    # object, so a bad value is refused at start-up with its name.
    hand = re.compile(r"(os\.environ|os\.getenv)[^\n]*B12_")
    found = [
        str(path.relative_to(REPO))
        for path in (REPO / "src" / "b12").rglob("*.py")
        if hand.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_settings_follow_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("B12_FOOD_STORE", str(tmp_path / "foods.sqlite"))
    monkeypatch.setenv("B12_FDC_URL", "")  # empty is unset
    assert default_store_path() == tmp_path / "foods.sqlite"
    assert fdc_url() == DEFAULT_FDC_URL


def test_a_bad_value_names_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("B12_DEBUG", "maybe")
    with pytest.raises(InputError, match=r"^B12_DEBUG: Input should be a valid boolean"):
        get_settings()


def test_a_bad_value_stops_every_command_at_start() -> None:
    env = {**os.environ, "B12_DEBUG": "maybe"}
    done = subprocess.run(
        [sys.executable, "-m", "b12", "cb12", "--b12", "300", "--age", "60"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith("error: B12_DEBUG: Input should be a valid boolean")
    assert "maybe" not in done.stderr and "Traceback" not in done.stderr
