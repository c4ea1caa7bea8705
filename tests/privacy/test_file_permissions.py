"""Files with personal data are the owner's alone (issue 13, item 9).

The records database was created 0644 in a 0755 folder, so another local user read a label and a
birth date. Now the data folder is 0700 and the database, its -wal/-shm/journal files, the food
store, reports and FHIR exports are 0600, whatever the umask of the shell that started b12.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from b12.core.diet.food import Food
from b12.data.foods.store import replace_source
from tests.conftest import EXAMPLES
from tests.fixtures.server import start_server


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The usual umask (022): files are world-readable unless b12 says otherwise."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def _b12(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "b12", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "B12_DEBUG": "", **env},
        check=False,
    )


def test_the_default_data_folder_and_database_are_private(tmp_path: Path, open_umask: None) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "B12_DATABASE_URL": ""}
    created = _b12("db", "upgrade", env=env)
    assert created.returncode == 0, created.stderr
    folder = tmp_path / "data" / "b12"
    assert mode(folder) == 0o700
    assert mode(folder / "b12.sqlite3") == 0o600


def test_a_served_sqlite_database_and_its_wal_files_are_private(
    tmp_path: Path, open_umask: None
) -> None:
    database = tmp_path / "records" / "b12.sqlite3"
    database.parent.mkdir()
    server = start_server(f"sqlite:///{database}", tmp_path / "server.log")
    try:
        made = httpx.post(
            f"{server.url}/api/persons", json={"label": "PRIVATE-1", "age": 50, "sex": "male"}
        )
        assert made.status_code == 201
        files = [p for p in database.parent.iterdir() if p.name.startswith("b12.sqlite3")]
        assert {p.name for p in files} >= {"b12.sqlite3", "b12.sqlite3-wal", "b12.sqlite3-shm"}
        assert {p.name: mode(p) for p in files} == dict.fromkeys((p.name for p in files), 0o600)
    finally:
        server.stop()


def test_an_existing_world_readable_database_is_made_private(
    tmp_path: Path, open_umask: None
) -> None:
    database = tmp_path / "old.sqlite3"
    url = f"sqlite:///{database}"
    assert _b12("db", "upgrade", "--database-url", url, env={}).returncode == 0
    database.chmod(0o644)  # as an older b12 left it
    assert _b12("db", "upgrade", "--database-url", url, env={}).returncode == 0
    assert mode(database) == 0o600


def test_reports_and_fhir_exports_are_private(tmp_path: Path, open_umask: None) -> None:
    report, bundle = tmp_path / "report.html", tmp_path / "bundle.json"
    example = EXAMPLES / "vegan-low-holotc.yaml"
    result = _b12(
        "assess", str(example), "--report", str(report), "--fhir-out", str(bundle), env={}
    )
    assert result.returncode == 0, result.stderr
    assert mode(report) == 0o600
    assert mode(bundle) == 0o600


def test_the_food_store_is_private(tmp_path: Path, open_umask: None) -> None:
    store = tmp_path / "foods" / "foods.sqlite"
    food = Food(source="usda-sr28", food_id="99999", name="Test food", ndb="99999")
    replace_source(store, "usda-sr28", "test", [food])
    assert mode(store.parent) == 0o700
    assert mode(store) == 0o600
