"""A food import killed half-way (SIGKILL) leaves the old food store intact and usable.

The import replaces a source in one SQLite transaction. The test runs `b12 foods import usda-sr28`
(the CLI's own ``main``) over a store that already holds an import, in a subprocess that SIGKILLs
itself at a chosen point of that transaction, counted by SQLite itself, not by a clock: when the
old rows are deleted and none inserted yet, after the first new food, half-way through the foods,
half-way through the portions, and as the COMMIT is about to run. The kill point is found with a
progress handler on the store's connection (``total_changes``, the rows written so far) or a trace
callback (the COMMIT statement); b12's code is unchanged. Each time the rollback journal is still
there (the kill landed inside the transaction), and the store then reads exactly as before: the
same file bytes once SQLite has rolled the journal back, the same rows, ``PRAGMA integrity_check``
``ok``, the same foods and import log; and the next import succeeds.
"""

from __future__ import annotations

import hashlib
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from b12.data.foods.store import imports, load_foods
from tests.conftest import SHARED_DATA, require

SR28 = SHARED_DATA / "usda-sr28"
# Runs the import and SIGKILLs itself at argv[3]: "commit", or a number of rows changed.
KILL_ITSELF = """
import os, signal, sqlite3, sys
from pathlib import Path

store, sr28, at = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
connect = sqlite3.connect


def die():
    sys.stdout.write("killed\\n")
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def connect_and_watch(database, *args, **kwargs):
    conn = connect(database, *args, **kwargs)
    if Path(database) == store:
        if at == "commit":
            conn.set_trace_callback(lambda sql: die() if sql.strip() == "COMMIT" else None)
        else:
            rows = int(at)
            conn.set_progress_handler(
                lambda: die() if conn.in_transaction and conn.total_changes >= rows else 0, 20
            )
    return conn


sqlite3.connect = connect_and_watch
from b12.cli.main import main

sys.exit(main(["foods", "import", "usda-sr28", sr28, "--store", str(store)]))
"""


def _import(store: Path, kill_at: str | None = None) -> subprocess.CompletedProcess[str]:
    if kill_at is None:
        command = ["-m", "b12", "foods", "import", "usda-sr28", str(SR28), "--store", str(store)]
    else:
        command = ["-c", KILL_ITSELF, str(store), str(SR28), kill_at]
    return subprocess.run(
        [sys.executable, *command], capture_output=True, text=True, timeout=300, check=False
    )


def _digest(store: Path) -> str:
    with sqlite3.connect(store) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = [
            sorted(map(repr, connection.execute(f"SELECT * FROM {table}")))
            for table in ("food", "portion", "import_log")
        ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _count(store: Path, table: str) -> int:
    with sqlite3.connect(store) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A food store holding one complete SR28 import."""
    require(SR28)
    store = tmp_path_factory.mktemp("foods") / "foods.sqlite"
    done = _import(store)
    assert done.returncode == 0, done.stderr
    return store


def _kill_points(store: Path) -> dict[str, str]:
    """Where to kill, as rows changed inside the transaction (the old rows are deleted first)."""
    foods, portions = _count(store, "food"), _count(store, "portion")
    deleted = foods + portions
    return {
        "old rows deleted, none inserted": str(deleted),
        "first new food inserted": str(deleted + 1),
        "half of the foods inserted": str(deleted + foods // 2),
        "half of the portions inserted": str(deleted + foods + portions // 2),
        "COMMIT about to run": "commit",
    }


def test_an_import_killed_mid_transaction_leaves_the_old_store_intact(imported: Path) -> None:
    journal = imported.with_name(imported.name + "-journal")
    before = _digest(imported)
    file_before = imported.read_bytes()
    foods_before = load_foods(imported)
    log_before = imports(imported)
    for point, kill_at in _kill_points(imported).items():
        killed = _import(imported, kill_at)
        assert killed.returncode == -signal.SIGKILL, (point, killed.stderr)
        assert killed.stdout == "killed\n", point
        assert journal.exists(), f"{point}: the kill did not land inside the transaction"
        assert _digest(imported) == before, point  # opening the store rolls the journal back
        assert not journal.exists(), point
        assert imported.read_bytes() == file_before, point
        assert load_foods(imported) == foods_before, point
        assert imports(imported) == log_before, point
    again = _import(imported)
    assert again.returncode == 0, again.stderr
    assert len(load_foods(imported)) == len(foods_before)
