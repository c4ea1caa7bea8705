"""A food import killed half-way (SIGKILL) leaves the old food store intact and usable.

The import replaces a source in one SQLite transaction. The test starts `b12 foods import
usda-sr28` over a store that already holds an import, waits until the transaction is writing (its
rollback journal appears next to the store) and kills the process. The store must then read as it
was before, pass ``PRAGMA integrity_check``, and take the next import.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from b12.data.foods.store import imports, load_foods
from tests.conftest import SHARED_DATA, require

SR28 = SHARED_DATA / "usda-sr28"


def _import(store: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "b12", "foods", "import", "usda-sr28", str(SR28)]
    return subprocess.Popen(
        [*command, "--store", str(store)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def _digest(store: Path) -> str:
    with sqlite3.connect(store) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = [
            sorted(map(repr, connection.execute(f"SELECT * FROM {table}")))
            for table in ("food", "portion", "import_log")
        ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A food store holding one complete SR28 import."""
    require(SR28)
    store = tmp_path_factory.mktemp("foods") / "foods.sqlite"
    process = _import(store)
    assert process.wait(timeout=120) == 0, process.stderr.read() if process.stderr else ""
    return store


def _kill_mid_transaction(store: Path, delay_s: float) -> None:
    """Start an import over ``store`` and SIGKILL it ``delay_s`` after it starts writing."""
    journal = store.with_name(store.name + "-journal")
    process = _import(store)
    deadline = time.monotonic() + 120
    try:
        while not journal.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
        assert journal.exists(), "the import never started writing"
        time.sleep(delay_s)  # from the first page written to inside the inserts
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert journal.exists()  # the kill landed inside the transaction


def test_an_import_killed_mid_transaction_leaves_the_old_store_intact(imported: Path) -> None:
    before = _digest(imported)
    foods_before = load_foods(imported)
    for delay_s in (0.0, 0.02):
        _kill_mid_transaction(imported, delay_s)
        assert _digest(imported) == before  # opening the store rolls a hot journal back
        assert load_foods(imported) == foods_before
        assert [summary.foods for summary in imports(imported)] == [len(foods_before)]
    again = _import(imported)
    assert again.wait(timeout=120) == 0
    assert len(load_foods(imported)) == len(foods_before)
