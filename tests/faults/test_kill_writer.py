"""SIGKILL in the middle of many writes: nothing acknowledged is lost, the database is not corrupt.

A writer process commits persons one transaction at a time and prints each label only after its
commit returned (the acknowledgement). The test kills it with SIGKILL mid-stream, then checks every
acknowledged label is stored, the SQLite file passes ``PRAGMA integrity_check``, and the store
opens and accepts writes again. The same for a `b12 serve` process killed while clients POST.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, text

from b12.data.store import Store, upgrade
from b12.data.store.models import LabRow, PersonRow
from b12.data.store.schemas import PersonCreate
from b12.services import records
from tests.fixtures.server import start_server

ACKNOWLEDGED_BEFORE_KILL = 150

WRITER = """
import sys, datetime as dt
from b12.data.store import Store
from b12.data.store.schemas import LabCreate, PersonCreate
from b12.services import records
store = Store(sys.argv[1])
for i in range(1_000_000):
    person = records.create_person(store, PersonCreate(label=f"w-{i}", age=50, sex="male"))
    lab = LabCreate(analyte="b12", value=200 + i % 50, unit="pmol/L", date=dt.date(2026, 1, 1))
    records.add_labs(store, person.id, [lab])
    print(f"w-{i}", flush=True)  # acknowledged: both commits returned
"""


def _kill_mid_writes(url: str, after: int) -> list[str]:
    """Run the writer, SIGKILL it after ``after`` acknowledgements; return every label it acked."""
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, url], stdout=subprocess.PIPE, text=True, bufsize=1
    )
    assert writer.stdout is not None
    acked: list[str] = []
    try:
        for line in writer.stdout:
            acked.append(line.strip())
            if len(acked) == after:
                os.kill(writer.pid, signal.SIGKILL)
                break
        # lines already in the pipe were acknowledged too
        acked += [line.strip() for line in writer.stdout if line.strip()]
    finally:
        writer.kill()
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL, "the writer ended before it was killed"
    return acked


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty records database on each engine."""
    if request.param == "sqlite":
        found = f"sqlite:///{tmp_path / 'records.sqlite3'}"
    else:
        make: Callable[[], str] = request.getfixturevalue("make_postgres_database")
        found = make()
    store = Store(found)
    upgrade(store)
    store.dispose()
    return found


def test_sigkill_mid_writes_loses_no_acknowledged_write(url: str) -> None:
    acked = _kill_mid_writes(url, ACKNOWLEDGED_BEFORE_KILL)
    store = Store(url)
    try:
        if url.startswith("sqlite"):
            with store.engine.connect() as connection:
                assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        with store.reading() as session:
            stored = set(session.scalars(select(PersonRow.label)))
            labs = session.scalar(select(text("count(*)")).select_from(LabRow))
        assert set(acked) <= stored, "an acknowledged write is missing"
        # at most the one in-flight person (committed, its panel not) goes beyond the acks
        assert len(stored) - len(acked) <= 1
        assert labs is not None and len(acked) <= labs <= len(stored)
        again = records.create_person(store, PersonCreate(label="after", age=40, sex="female"))
        assert records.get_person(store, again.id).label == "after"
    finally:
        store.dispose()


def test_sigkill_of_the_server_loses_no_created_person(tmp_path: Path) -> None:
    database = tmp_path / "b12.sqlite3"
    server = start_server(f"sqlite:///{database}", tmp_path / "server.log")
    created: list[int] = []
    lock = threading.Lock()
    stop = threading.Event()

    def client(n: int) -> None:
        with httpx.Client(base_url=server.url, timeout=10) as http:
            for i in range(100_000):
                if stop.is_set():
                    return
                body = {"label": f"c{n}-{i}", "age": 60, "sex": "female"}
                try:
                    answer = http.post("/api/persons", json=body)
                except httpx.TransportError:
                    return  # the server died under this request: not acknowledged
                if answer.status_code == 201:
                    with lock:
                        created.append(answer.json()["id"])

    threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    try:
        while True:
            with lock:
                if len(created) >= 50:
                    break
            threading.Event().wait(0.02)
        os.kill(server.process.pid, signal.SIGKILL)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        server.stop()
    store = Store(f"sqlite:///{database}")
    try:
        with store.engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        with store.reading() as session:
            stored = set(session.scalars(select(PersonRow.id)))
        assert set(created) <= stored
    finally:
        store.dispose()
    restarted = start_server(f"sqlite:///{database}", tmp_path / "again.log")
    try:
        again = httpx.post(
            f"{restarted.url}/api/persons", json={"label": "after", "age": 40, "sex": "male"}
        )
        assert again.status_code == 201, again.text
    finally:
        restarted.stop()
