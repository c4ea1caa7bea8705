"""`b12.settings`: every B12_* variable in one object and one documented table, validated when a
command or server starts, with an error naming the variable and never echoing its value."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

from b12.data.foods.download import DEFAULT_FDC_URL, fdc_url
from b12.data.foods.store import default_store_path
from b12.errors import InputError
from b12.settings import CDS_PREFIX, ENV_PREFIX, CdsOptions, Settings, get_settings
from tests.conftest import REPO
from tests.fixtures.postgres import free_port

TABLE = REPO / "docs" / "settings.md"


def _variables() -> set[str]:
    names = set()
    for name, field in Settings.model_fields.items():
        if isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel):
            assert field.annotation is CdsOptions, name  # the only group
            names |= {CDS_PREFIX + inner.upper() for inner in CdsOptions.model_fields}
        else:
            names.add(ENV_PREFIX + name.upper())
    return names


def test_the_docs_table_lists_exactly_the_variables() -> None:
    documented = set(re.findall(r"^\| `(B12_[A-Z_0-9]+)` \|", TABLE.read_text(), re.M))
    assert documented == _variables()


def test_one_settings_class() -> None:
    from pydantic_settings import BaseSettings

    found = [
        str(path.relative_to(REPO))
        for path in (REPO / "src" / "b12").rglob("*.py")
        if "(BaseSettings)" in path.read_text(encoding="utf-8")
    ]
    assert found == ["src/b12/settings.py"]
    assert issubclass(Settings, BaseSettings) and not issubclass(CdsOptions, BaseSettings)


def test_no_module_reads_a_b12_variable_by_hand() -> None:
    # Not os.environ, nor a Typer option's envvar=: every B12_* value goes through the settings
    # object, so a bad value is refused at start-up with its name.
    hand = re.compile(r"(os\.environ|os\.getenv|envvar=)[^\n]*(B12_|_ENV\b|_VARIABLE\b)")
    found = [
        str(path.relative_to(REPO))
        for path in (REPO / "src" / "b12").rglob("*.py")
        if hand.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_settings_follow_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("B12_FOOD_STORE", str(tmp_path / "foods.sqlite"))
    monkeypatch.setenv("B12_FDC_URL", "")  # empty is unset
    monkeypatch.setenv("B12_CDS_FHIR_TIMEOUT_S", "2.5")
    monkeypatch.setenv("B12_CDS_ALLOW_ORIGINS", "https://sandbox.cds-hooks.org, https://b.example")
    monkeypatch.setenv("B12_CDS_PUBLIC_URL", "https://b12.example.org/")
    monkeypatch.setenv("B12_TRUSTED_HOSTS", "b12.example.org,localhost")
    monkeypatch.setenv("B12_SPARK_LOG", "warn")
    assert default_store_path() == tmp_path / "foods.sqlite"
    assert fdc_url() == DEFAULT_FDC_URL
    settings = get_settings()
    assert settings is get_settings()  # read once
    assert settings.cds.fhir_timeout_s == 2.5
    assert settings.cds.allow_origins == ("https://sandbox.cds-hooks.org", "https://b.example")
    assert settings.cds.public_url == "https://b12.example.org"
    assert settings.trusted_hosts == {"b12.example.org", "localhost"}
    assert settings.spark_log == "WARN"


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("B12_DEBUG", "maybe", "Input should be a valid boolean"),
        ("B12_PORT", "80x80", "Input should be a valid integer"),
        ("B12_CDS_FHIR_TIMEOUT_S", "abc", "Input should be a valid number"),
        ("B12_CDS_ALLOW_ORIGINS", "https://a.example/secret-path", "list each origin"),
        ("B12_CDS_JWKS_FILE", "/nonexistent/keys.json", "must be a readable JSON file"),
        ("B12_SECURE_COOKIES", "sometimes", "Input should be a valid boolean"),
        ("B12_TRUSTED_HOSTS", "[not json", "Expecting value"),
        ("B12_SPARK_LOG", "loud", "Input should be 'OFF'"),
    ],
)
def test_a_bad_value_names_its_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, says: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(InputError, match=rf"^{variable}: ") as raised:
        get_settings()
    assert says in str(raised.value) and value not in str(raised.value)


def _b12(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "b12", *args],
        capture_output=True, text=True, env={**os.environ, **env}, timeout=60,
    )  # fmt: skip


def test_a_bad_value_stops_every_command_at_start() -> None:
    done = _b12("cb12", "--b12", "300", "--age", "60", B12_DEBUG="maybe")
    assert done.returncode == 2
    assert done.stderr.startswith("error: B12_DEBUG: Input should be a valid boolean")
    assert "maybe" not in done.stderr and "Traceback" not in done.stderr


def test_a_bad_cds_value_stops_the_server_at_start(tmp_path: Path) -> None:
    port = str(free_port())
    url = f"sqlite:///{tmp_path / 'b12.sqlite3'}"
    done = _b12("serve", "--port", port, "--database-url", url, B12_CDS_FHIR_TIMEOUT_S="abc")
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.startswith("error: B12_CDS_FHIR_TIMEOUT_S: Input should be a valid number")
    assert "abc" not in done.stderr and "Traceback" not in done.stderr
    assert "b12 on http" not in done.stdout  # it never listened


def test_the_standalone_cds_app_refuses_a_bad_value_at_start(tmp_path: Path) -> None:
    code = "from b12.cds_hooks.app import create_cds_app; create_cds_app()"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
        env={**os.environ, "B12_CDS_MAX_RESOURCES": "-1"},
    )  # fmt: skip
    assert done.returncode != 0
    assert "B12_CDS_MAX_RESOURCES: Input should be greater than 0" in done.stderr
    assert "Traceback" not in done.stderr
